package io.clearpost.publish.connector.threads;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads through the Threads API (graph.threads.net): a media container
 * ({@code POST /{threads-user-id}/threads} with {@code media_type} {@code TEXT}, {@code IMAGE} +
 * {@code image_url} or {@code VIDEO} + {@code video_url}, and the {@code text}; for several media one
 * {@code is_carousel_item} container per medium and a {@code CAROUSEL} container naming them as
 * {@code children}); then {@code GET /{container-id}?fields=status,error_message} until
 * {@code FINISHED}, {@code POST /{threads-user-id}/threads_publish?creation_id=}, and
 * {@code GET /{threads-media-id}?fields=permalink}. A text-only post shows its link as a
 * {@code link_attachment} preview; with media, the link is appended to the text. Permissions
 * {@code threads_basic} and {@code threads_content_publish}.
 * https://developers.facebook.com/docs/threads/posts/,
 * https://developers.facebook.com/documentation/threads/reference/publishing,
 * https://developers.facebook.com/docs/threads/troubleshooting
 *
 * <p>The token is a long-lived Threads user token (60 days). Threads has no refresh token: the
 * long-lived token itself is renewed, while it is still valid, with
 * {@code GET /refresh_access_token?grant_type=th_refresh_token&access_token=}
 * (https://developers.facebook.com/docs/threads/get-started/long-lived-tokens/). So on an expired-token
 * answer (Graph error 190) the token is refreshed once unless its recorded expiry has passed, in which
 * case only a reconnect helps.
 *
 * <p>No duplicates: Threads has no idempotency header; the container id and then the media id are
 * recorded and reconciled with the container's {@code status} before anything is created or published
 * again, as {@link ContainerConnector} describes.
 *
 * <p>Approved bytes: Threads takes media only by URL ({@code image_url}, {@code video_url}) and
 * downloads them itself. Before the first container is created, each medium is downloaded here and
 * its SHA-256 compared with the approved one; a different file fails the post PERMANENT, naming the
 * URL, and nothing is sent to Threads. Remaining window: the file's server could swap it between our
 * check and Threads' download of it.
 */
@Component
public class ThreadsConnector extends ContainerConnector {

    ThreadsConnector(PlatformAccounts accounts, PlatformHttp http, MetaGraph graph, ConnectorAttempts attempts,
                     MediaFetcher mediaFetcher) {
        super("threads", accounts, http, graph, attempts, mediaFetcher,
                new Edges("threads", "threads_publish", "status", "error_message", "text"));
    }

    @Override
    protected String postText(PostRequest request) {
        return linkAttached(request) ? text(request) : textWithLink(request);
    }

    @Override
    protected String createContainer(PlatformAccount account, PostRequest request) throws PublishFailure {
        List<Variant.Media> media = media(request);
        if (media.isEmpty()) {
            return create(account, params("media_type", "TEXT", "text", postText(request),
                    "link_attachment", linkAttached(request) ? request.variant().link() : null));
        }
        if (media.size() == 1) {
            MultiValueMap<String, String> params = item(media.get(0));
            params.add("text", postText(request));
            return create(account, params);
        }
        List<String> children = new ArrayList<>();
        for (Variant.Media medium : media) {
            MultiValueMap<String, String> params = params("is_carousel_item", "true");
            params.addAll(item(medium));
            children.add(create(account, params));
        }
        return create(account, params("media_type", "CAROUSEL", "children", String.join(",", children),
                "text", postText(request)));
    }

    private static MultiValueMap<String, String> item(Variant.Media medium) {
        return isVideo(medium) ? params("media_type", "VIDEO", "video_url", medium.url())
                : params("media_type", "IMAGE", "image_url", medium.url());
    }

    private String create(PlatformAccount account, MultiValueMap<String, String> params) throws PublishFailure {
        return MetaGraph.id(platform, "the container creation",
                graph.post(platform, account, "/{threads-user-id}/threads", params, account.accountId()));
    }

    /** A text-only post whose link is not already in its text carries the link as a preview. */
    private static boolean linkAttached(PostRequest request) {
        String link = request.variant().link();
        return media(request).isEmpty() && link != null && !link.isBlank() && !text(request).contains(link);
    }

    private static String text(PostRequest request) {
        return request.variant().text() == null ? "" : request.variant().text();
    }

    /** The long-lived token renews itself while it is valid; past its recorded expiry only a reconnect helps. */
    @Override
    protected boolean canRefresh(PlatformAccount account) {
        return account.accessToken() != null && http.settings().tokenUrl(platform) != null
                && (account.tokenExpiresAt() == null || account.tokenExpiresAt().isAfter(io.clearpost.engine.EngineClock.now()));
    }

    /** {@code GET <token-url>?grant_type=th_refresh_token&access_token=<long-lived token>}. */
    @Override
    protected PlatformAccount refresh(PlatformAccount account) throws PublishFailure {
        java.net.URI uri = UriComponentsBuilder.fromUriString(http.settings().tokenUrl(platform))
                .queryParam("grant_type", "{grant}")
                .queryParam("access_token", "{token}")
                .encode()
                .buildAndExpand("th_refresh_token", account.accessToken())
                .toUri();
        JsonNode token;
        try {
            token = graph.call(platform, "the token refresh", () -> http.client().get()
                    .uri(uri)
                    .retrieve()
                    .body(JsonNode.class));
        } catch (PublishFailure failure) {
            if (failure.kind() == PublishFailure.Kind.RETRYABLE) {
                throw failure;
            }
            throw new PublishFailure(PublishFailure.Kind.AUTH_EXPIRED, failure.getMessage()
                    + " — reconnect the threads account of " + account.brand(), null);
        }
        return renewed(account, token);
    }
}
