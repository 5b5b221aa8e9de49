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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;

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
 * {@code attached_media}; one video uploaded through Meta's Resumable Upload API and published with
 * {@code POST /{page-id}/videos} ({@code fbuploader_video_file_chunk}, {@code description}), which needs the
 * account's {@code clientId} (the Meta app id) and, in {@code refreshToken}, a long-lived user access token of
 * a person who can create content on the Page (Facebook has no refresh grant, so the field is free). The URL is {@code GET /{post-id}?fields=permalink_url}. With media, the
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
 * <p>Approved bytes: photos go by {@code url}, which Facebook downloads itself. Before any call that posts,
 * each medium is downloaded here and its SHA-256 compared with the approved one; a different file fails the
 * post PERMANENT, naming the URL, and nothing is sent to Facebook. Remaining window for photos: the file's
 * server could swap it between our check and Facebook's download of it. A video's checked bytes are
 * uploaded, so no window is left for videos.
 */
@Component
public class FacebookConnector extends AccountConnector {

    private static final int RECENT_POSTS = 25;
    static final String UPLOAD_SESSION = "facebook:upload-session";
    static final String VIDEO_HANDLE = "facebook:video-handle";
    /** An upload session id as Meta answers it ({@code upload:<id>}, possibly with a {@code ?sig=}): a URI path. */
    private static final java.util.regex.Pattern SESSION = java.util.regex.Pattern.compile("upload:[A-Za-z0-9_\\-=:?&.%]+");

    private final MetaGraph graph;
    private final RecordedPosts posts;
    private final MediaFetcher media;
    private final ConnectorAttempts attempts;

    FacebookConnector(PlatformAccounts accounts, PlatformHttp http, MetaGraph graph, ConnectorAttempts attempts,
                      MediaFetcher media) {
        super("facebook", accounts, http);
        this.graph = graph;
        this.media = media;
        this.attempts = attempts;
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
            return video(account, request, media.get(0), message);
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
     * One video, by Meta's Resumable Upload API and the Page's videos edge: the approved bytes are uploaded
     * ({@code POST /{app-id}/uploads} opens a session, {@code POST /upload:<session>} with {@code file_offset}
     * sends them and answers the file handle {@code h}), then {@code POST /{page-id}/videos} with
     * {@code fbuploader_video_file_chunk=<h>} publishes it and answers the video id, and
     * {@code GET /{video-id}?fields=post_id} names the Page post that carries it, which is what is recorded (the
     * video id only when Meta names no post). The session and then the handle are recorded, so an attempt cut
     * short asks the session how far it got ({@code GET /upload:<session>}: {@code file_offset}) and resumes
     * there, and a handle already uploaded is published without uploading again.
     * https://developers.facebook.com/docs/video-api/guides/publishing, https://developers.facebook.com/docs/graph-api/guides/upload
     */
    private String video(PlatformAccount account, PostRequest request, Variant.Media medium, String message)
            throws PublishFailure {
        String handle = attempts.find(request.idempotencyKey(), VIDEO_HANDLE).orElse(null);
        if (handle == null) {
            handle = upload(account, request, medium);
        }
        String uploaded = handle;
        String videoId = MetaGraph.id(platform, "the video publish", graph.post(platform, account, "/{page-id}/videos",
                params("description", message, "fbuploader_video_file_chunk", uploaded), account.accountId()));
        attempts.forget(request.idempotencyKey(), VIDEO_HANDLE); // published: a handle is used once
        try {
            JsonNode video = graph.get(platform, account, "/{video-id}", Map.of("fields", "post_id"), videoId);
            String postId = video == null ? null : video.path("post_id").asText(null);
            return postId == null || postId.isBlank() ? videoId : postId;
        } catch (PublishFailure unreadable) {
            return videoId; // the video is published; its id still finds it
        }
    }

    /** The Resumable Upload API's two steps, resuming a recorded session; answers the uploaded file's handle. */
    private String upload(PlatformAccount account, PostRequest request, Variant.Media medium) throws PublishFailure {
        String appId = account.clientId();
        String userToken = account.credentials().refreshToken();
        if (appId == null || appId.isBlank() || userToken == null || userToken.isBlank()) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "a Facebook video is uploaded through Meta's"
                    + " Resumable Upload API, which needs the Meta app id (clientId) and a user access token"
                    + " (refreshToken) of the account: reconnect the facebook account of " + account.brand()
                    + " with them", null);
        }
        byte[] bytes = this.media.fetch(platform, medium); // exactly the approved bytes are uploaded
        String base = http.settings().baseUrl(platform);
        String session = attempts.find(request.idempotencyKey(), UPLOAD_SESSION).orElse(null);
        long offset = 0;
        if (session != null) {
            String recorded = session;
            try {
                JsonNode progress = graph.call(platform, "GET the upload session", () -> http.client().get()
                        .uri(URI.create(base + "/" + recorded))
                        .header(HttpHeaders.AUTHORIZATION, "OAuth " + userToken)
                        .retrieve()
                        .body(JsonNode.class));
                offset = progress == null ? 0 : progress.path("file_offset").asLong(0);
            } catch (PublishFailure gone) {
                if (gone.kind() != PublishFailure.Kind.PERMANENT) {
                    throw gone;
                }
                attempts.forget(request.idempotencyKey(), UPLOAD_SESSION); // expired or unknown: start a new one
                session = null;
            }
        }
        if (session == null) {
            URI open = UriComponentsBuilder.fromUriString(base).path("/{app-id}/uploads")
                    .queryParam("file_name", "{name}").queryParam("file_length", "{length}")
                    .queryParam("file_type", "{type}").queryParam("access_token", "{token}")
                    .encode().buildAndExpand(appId, fileName(medium), bytes.length, medium.type(), userToken).toUri();
            JsonNode opened = graph.call(platform, "POST /" + appId + "/uploads", () -> http.client().post()
                    .uri(open)
                    .retrieve()
                    .body(JsonNode.class));
            session = MetaGraph.id(platform, "the upload session", opened);
            if (!SESSION.matcher(session).matches()) {
                throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "facebook answered an upload session id of an"
                        + " unexpected form", null);
            }
            attempts.record(request.idempotencyKey(), UPLOAD_SESSION, session);
        }
        if (offset > bytes.length) {
            offset = 0;
        }
        byte[] rest = java.util.Arrays.copyOfRange(bytes, (int) offset, bytes.length);
        String target = session;
        long from = offset;
        JsonNode sent = graph.call(platform, "POST the video bytes", () -> http.client().post()
                .uri(URI.create(base + "/" + target))
                .header(HttpHeaders.AUTHORIZATION, "OAuth " + userToken)
                .header("file_offset", Long.toString(from))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(rest)
                .retrieve()
                .body(JsonNode.class));
        String handle = sent == null ? null : sent.path("h").asText(null);
        if (handle == null || handle.isBlank()) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "facebook answered the video upload without a"
                    + " file handle; the next attempt asks the session how far it got", null);
        }
        attempts.record(request.idempotencyKey(), VIDEO_HANDLE, handle);
        attempts.forget(request.idempotencyKey(), UPLOAD_SESSION);
        return handle;
    }

    private static String fileName(Variant.Media medium) {
        String path = URI.create(medium.url()).getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return name.isBlank() ? "video.mp4" : name;
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
