package io.clearpost.publish.connector.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.content.Variant;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.AccountConnector;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import io.clearpost.publish.connector.RecordedPosts;
import io.clearpost.publish.connector.meta.MetaGraph;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Facebook Pages through the Pages API, with the Page access token (permissions
 * {@code pages_manage_posts}, {@code pages_read_engagement}, {@code pages_show_list}, and
 * {@code publish_video} for videos): text and link as {@code POST /{page-id}/feed} ({@code message},
 * {@code link}); one photo as {@code POST /{page-id}/photos} ({@code url}, {@code message}); several
 * photos uploaded unpublished ({@code published=false}) and posted together through the feed's
 * {@code attached_media}; one video as {@code POST /{page-id}/videos} ({@code file_url},
 * {@code description}). The URL is {@code GET /{post-id}?fields=permalink_url}. With media, the
 * link is appended to the message. A Page token obtained from a long-lived user token does not
 * expire; Meta has no refresh grant for it, so an invalidated token asks for a reconnect.
 * https://developers.facebook.com/docs/pages-api/posts, https://developers.facebook.com/docs/pages/publishing,
 * https://developers.facebook.com/docs/graph-api/photo-uploads
 *
 * <p>No duplicates: the Graph API has no idempotency header and a post has no field for our key. So
 * the start of every posting call is recorded ({@link RecordedPosts}, step {@code facebook:attempt})
 * before it is made (a definite refusal marks it answered), and the post id (step {@code facebook:post})
 * as soon as Facebook answers. The next attempt returns a recorded post; after an attempt whose answer
 * was lost, it looks through the Page's posts since shortly before that attempt
 * ({@code GET /{page-id}/posts?since=}) for one with exactly this message, and only posts again if
 * there is none. Left open: a post Facebook accepted but does not list yet (its feed can lag by
 * seconds) is posted a second time.
 *
 * <p>Approved bytes: photos go by {@code url} and videos by {@code file_url}, which Facebook downloads
 * itself. Before any call that posts, each medium is downloaded here and its SHA-256 compared with the
 * approved one; a different file fails the post PERMANENT, naming the URL, and nothing is sent to
 * Facebook. Remaining window: the file's server could swap it between our check and Facebook's
 * download of it. (The Graph API also takes photo and video bytes as a multipart {@code source}, which
 * would close the window; not done yet.)
 */
@Component
public class FacebookConnector extends AccountConnector {

    private static final int RECENT_POSTS = 25;

    private final MetaGraph graph;
    private final RecordedPosts posts;
    private final MediaFetcher media;

    FacebookConnector(PlatformAccounts accounts, PlatformHttp http, MetaGraph graph, ConnectorAttempts attempts,
                      MediaFetcher media) {
        super("facebook", accounts, http);
        this.graph = graph;
        this.media = media;
        this.posts = new RecordedPosts(attempts, "facebook:attempt", "facebook:post");
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> earlier(account, request));
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> {
            Optional<PostReceipt> earlier = earlier(account, request);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            media.verifyAll(platform, request.variant().media()); // Facebook fetches the URLs: approved bytes only
            return receipt(account, posts.send(request.idempotencyKey(), () -> post(account, request)));
        });
    }

    private Optional<PostReceipt> earlier(PlatformAccount account, PostRequest request) throws PublishFailure {
        return posts.find(request.idempotencyKey(), postId -> receipt(account, postId),
                since -> recentPost(account, request, since));
    }

    /** The Page's post since the given time whose message is exactly this one. */
    private Optional<PostReceipt> recentPost(PlatformAccount account, PostRequest request, Instant since)
            throws PublishFailure {
        JsonNode recent = graph.get(platform, account, "/{page-id}/posts", Map.of(
                "fields", "id,message,permalink_url",
                "since", Long.toString(since.getEpochSecond()),
                "limit", Integer.toString(RECENT_POSTS)), account.accountId());
        String message = message(request);
        for (JsonNode post : recent == null ? List.<JsonNode>of() : recent.path("data")) {
            if (message.equals(post.path("message").asText(""))) {
                return Optional.of(new PostReceipt(post.path("id").asText(), post.path("permalink_url").asText(null)));
            }
        }
        return Optional.empty();
    }

    private String post(PlatformAccount account, PostRequest request) throws PublishFailure {
        List<Variant.Media> media = request.variant().media() == null ? List.of() : request.variant().media();
        String message = message(request);
        if (media.isEmpty()) {
            return MetaGraph.id(platform, "the post", graph.post(platform, account, "/{page-id}/feed",
                    params("message", message, "link", blankToNull(request.variant().link())), account.accountId()));
        }
        long videos = media.stream().filter(FacebookConnector::isVideo).count();
        if (videos == 1 && media.size() == 1) {
            return MetaGraph.id(platform, "the video upload", graph.post(platform, account, "/{page-id}/videos",
                    params("file_url", media.get(0).url(), "description", message), account.accountId()));
        }
        if (videos > 0) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT,
                    "a Facebook Page post carries either photos or one video, not both nor several videos", null);
        }
        if (media.size() == 1) {
            JsonNode photo = graph.post(platform, account, "/{page-id}/photos",
                    params("url", media.get(0).url(), "message", message), account.accountId());
            return photo != null && photo.path("post_id").isTextual() ? photo.path("post_id").asText()
                    : MetaGraph.id(platform, "the photo post", photo);
        }
        MultiValueMap<String, String> feed = params("message", message);
        for (int i = 0; i < media.size(); i++) {
            // unpublished photos show nowhere until the feed post names them; a retry may leave some unused
            String photoId = MetaGraph.id(platform, "the photo upload", graph.post(platform, account,
                    "/{page-id}/photos", params("url", media.get(i).url(), "published", "false"), account.accountId()));
            feed.add("attached_media[" + i + "]", "{\"media_fbid\":\"" + photoId + "\"}");
        }
        return MetaGraph.id(platform, "the post", graph.post(platform, account, "/{page-id}/feed", feed,
                account.accountId()));
    }

    /**
     * The post and its permalink. The post exists once its id is known, so a permalink that cannot be
     * read leaves the receipt without a URL instead of failing a publication that succeeded.
     */
    private PostReceipt receipt(PlatformAccount account, String postId) {
        try {
            JsonNode post = graph.get(platform, account, "/{post-id}", Map.of("fields", "permalink_url"), postId);
            return new PostReceipt(postId, post == null ? null : post.path("permalink_url").asText(null));
        } catch (PublishFailure unreadable) {
            return new PostReceipt(postId, null);
        }
    }

    /** What the post's {@code message} is: the text, with the link appended where it cannot be the link field. */
    private static String message(PostRequest request) {
        boolean hasMedia = request.variant().media() != null && !request.variant().media().isEmpty();
        String text = request.variant().text() == null ? "" : request.variant().text();
        return hasMedia ? textWithLink(request) : text;
    }

    private static boolean isVideo(Variant.Media medium) {
        return medium.type() != null && medium.type().startsWith("video/");
    }


    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static MultiValueMap<String, String> params(String... namesAndValues) {
        MultiValueMap<String, String> params = MetaGraph.form();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                params.add(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return params;
    }
}
