package io.clearpost.publish.connector.instagram;

import io.clearpost.content.Variant;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import io.clearpost.publish.connector.meta.ContainerConnector;
import io.clearpost.publish.connector.meta.MetaGraph;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Instagram professional accounts through the Instagram Graph API (Facebook Login flavour, on
 * graph.facebook.com): a media container ({@code POST /{ig-user-id}/media} with {@code image_url}, or
 * {@code media_type=REELS} and {@code video_url} — single feed videos are published as reels — and
 * the {@code caption}); for several media, one {@code is_carousel_item} container per medium and a
 * {@code media_type=CAROUSEL} container naming them as {@code children}; then
 * {@code GET /{container-id}?fields=status_code} until {@code FINISHED},
 * {@code POST /{ig-user-id}/media_publish?creation_id=}, and {@code GET /{ig-media-id}?fields=permalink}.
 * The token is the account's Instagram user access token (permissions {@code instagram_basic},
 * {@code instagram_content_publish}, {@code pages_read_engagement}); Meta offers no refresh grant for
 * it here, so an expired token asks for a reconnect.
 * https://developers.facebook.com/docs/instagram-api/guides/content-publishing/,
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
 *
 * <p>No duplicates: Instagram has no idempotency header; the container id and then the media id are
 * recorded and reconciled with the container's {@code status_code} before anything is created or
 * published again, as {@link ContainerConnector} describes. The caption is the text with the link
 * appended (Instagram has no link field).
 *
 * <p>Approved bytes: Instagram takes media only by URL ({@code image_url}, {@code video_url}) and
 * downloads them itself. Before the first container is created, each medium is downloaded here and
 * its SHA-256 compared with the approved one; a different file fails the post PERMANENT, naming the
 * URL, and nothing is sent to Instagram. Remaining window: the file's server could swap it between
 * our check and Instagram's download of it.
 */
@Component
public class InstagramConnector extends ContainerConnector {

    InstagramConnector(PlatformAccounts accounts, PlatformHttp http, MetaGraph graph, ConnectorAttempts attempts,
                       MediaFetcher mediaFetcher) {
        super("instagram", accounts, http, graph, attempts, mediaFetcher,
                new Edges("media", "media_publish", "status_code", "status", "caption"));
    }

    @Override
    protected String postText(PostRequest request) {
        return textWithLink(request);
    }

    @Override
    protected String createContainer(PlatformAccount account, PostRequest request) throws PublishFailure {
        List<Variant.Media> media = media(request);
        if (media.isEmpty()) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "an Instagram post needs an image or a video", null);
        }
        if (media.size() == 1) {
            MultiValueMap<String, String> params = isVideo(media.get(0))
                    ? params("media_type", "REELS", "video_url", media.get(0).url())
                    : params("image_url", media.get(0).url());
            params.add("caption", postText(request));
            return create(account, params);
        }
        List<String> children = new ArrayList<>();
        for (Variant.Media medium : media) {
            String child = create(account, isVideo(medium)
                    ? params("is_carousel_item", "true", "media_type", "VIDEO", "video_url", medium.url())
                    : params("is_carousel_item", "true", "image_url", medium.url()));
            if (isVideo(medium)) {
                awaitFinished(account, child); // a carousel may only name children that are ready
            }
            children.add(child);
        }
        return create(account, params("media_type", "CAROUSEL", "children", String.join(",", children),
                "caption", postText(request)));
    }

    private String create(PlatformAccount account, MultiValueMap<String, String> params) throws PublishFailure {
        return MetaGraph.id(platform, "the container creation",
                graph.post(platform, account, "/{ig-user-id}/media", params, account.accountId()));
    }
}
