package io.clearpost.publish.connector.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.content.Variant;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.AccountConnector;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.ProcessingWait;
import io.clearpost.publish.connector.PublishFailure;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TikTok, Content Posting API, Direct Post, with a bearer user token (scope {@code video.publish}):
 * {@code POST /v2/post/publish/creator_info/query/} for what the creator's account allows now, then
 * {@code POST /v2/post/publish/video/init/}
 * with {@code PULL_FROM_URL} (one video) or {@code POST /v2/post/publish/content/init/} with
 * {@code media_type PHOTO} (up to 35 images), then {@code POST /v2/post/publish/status/fetch/} until
 * {@code PUBLISH_COMPLETE} or {@code FAILED}. TikTok pulls the media itself, from a URL prefix verified for
 * the app; before any call to TikTok we download every medium and compare its SHA-256 with the approved
 * one (a different file fails the post PERMANENT, naming the URL), so TikTok is only pointed at approved
 * bytes. Remaining window: the file's server could swap it between our check and TikTok's download.
 * (TikTok also takes a video's bytes, {@code FILE_UPLOAD}, which would close it for videos; not done yet.)
 *
 * <p>Per-post choices: TikTok requires the privacy level and the interaction settings to be chosen by a person
 * for every post (https://developers.tiktok.com/doc/content-sharing-guidelines), so they are the variant's
 * {@code privacy}, {@code disableComment}, {@code disableDuet} and {@code disableStitch}, approved with the
 * revision; nothing is copied from the creator's defaults. They are sent as chosen after checking them: a
 * privacy other than {@code SELF_ONLY} while {@code clearpost.connectors.tiktok.audited=false} (TikTok lets an
 * unaudited app post only privately), a privacy level the creator's account does not offer, or an
 * interaction allowed that the creator turned off, fails the post PERMANENT with the reason.
 *
 * <p>Errors are typed by TikTok's {@code error.code}, which it also sends with HTTP 200:
 *
 * <table>
 *   <caption>What an answer means</caption>
 *   <tr><th>answer</th><th>failure</th><th>next attempt</th></tr>
 *   <tr><td>{@code rate_limit_exceeded}, 429</td><td>RETRYABLE</td><td>after {@code Retry-After}, else on the retry
 *       cycle</td></tr>
 *   <tr><td>{@code internal_error}, 5xx, timeout</td><td>RETRYABLE</td><td>on the retry cycle (a recorded
 *       {@code publish_id} is polled, not posted again)</td></tr>
 *   <tr><td>{@code access_token_invalid}, 401</td><td>AUTH_EXPIRED</td><td>refresh once, else reconnect</td></tr>
 *   <tr><td>{@code scope_not_authorized}, {@code scope_permission_missed}</td><td>PERMANENT</td><td>no refresh (it
 *       cannot add a scope): reconnect granting {@code video.publish}</td></tr>
 *   <tr><td>any other code or 4xx ({@code spam_risk_*}, {@code privacy_level_option_mismatch}, …)</td>
 *       <td>PERMANENT</td><td>a person decides</td></tr>
 *   <tr><td>status {@code PROCESSING_*}</td><td>PROCESSING</td><td>in {@link #STILL_PROCESSING}, using up no
 *       retry</td></tr>
 *   <tr><td>status {@code FAILED}</td><td>PERMANENT</td><td>a person's retry starts a new publish</td></tr>
 * </table>
 * The post's URL is {@code https://www.tiktok.com/@<creator>/video/<id>} for a video and
 * {@code …/photo/<id>} for a photo post.
 * https://developers.tiktok.com/doc/content-posting-api-reference-direct-post,
 * https://developers.tiktok.com/doc/content-posting-api-reference-photo-post,
 * https://developers.tiktok.com/doc/content-posting-api-reference-query-creator-info,
 * https://developers.tiktok.com/doc/content-posting-api-reference-get-video-status,
 * https://developers.tiktok.com/doc/tiktok-api-v2-error-handling,
 * https://developers.tiktok.com/doc/oauth-user-access-token-management (refresh: {@code client_key}).
 *
 * <p>No duplicates: TikTok has no idempotency key, so the {@code publish_id} of the init is recorded
 * ({@link ConnectorAttempts}) the moment TikTok answers. Every later attempt, and {@link #findPost}, polls
 * that publish instead of posting again. While TikTok still downloads, processes or moderates, the attempt
 * ends as "still processing" ({@code PROCESSING}, back in {@link #STILL_PROCESSING}) rather than holding
 * the job thread; the engine's next attempt resumes polling, and the wait uses up no retry of the
 * publication (up to {@code clearpost.publication.max-processing-wait}). A publish that {@code FAILED} is remembered as such, so a person's retry starts
 * a new one. Left open: an init that TikTok performs but whose answer never reaches us leaves no
 * {@code publish_id} to reconcile with; TikTok offers no lookup for it.
 */
@Component
public class TikTokConnector extends AccountConnector {

    static final String PUBLISH_ID = "publish-id";
    static final String FAILED_PUBLISH_ID = "failed-publish-id";
    static final String CREATOR_USERNAME = "creator-username";
    private static final String SELF_ONLY = "SELF_ONLY";
    /** When to look again while TikTok processes or moderates (status fetch allows 30 calls a minute). */
    static final Duration STILL_PROCESSING = Duration.ofSeconds(30);
    /** One status check an attempt: the next comes back after {@link #STILL_PROCESSING}. */
    private static final ProcessingWait PROCESSING = new ProcessingWait("tiktok", 1, Duration.ZERO, STILL_PROCESSING);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_UTF8 = "application/json; charset=UTF-8";
    /** The token is invalid or expired: a refresh can fix it. */
    private static final Set<String> AUTH_CODES = Set.of("access_token_invalid");
    /** The user did not grant the scope: no refresh adds a scope, only a new consent (a reconnect). */
    private static final Set<String> SCOPE_CODES = Set.of("scope_not_authorized", "scope_permission_missed");
    private static final Set<String> RETRY_CODES = Set.of("rate_limit_exceeded", "internal_error");

    private final ConnectorAttempts attempts;
    private final MediaFetcher media;
    private final TikTokSettings settings;

    TikTokConnector(PlatformAccounts accounts, PlatformHttp http, ConnectorAttempts attempts, MediaFetcher media,
                    TikTokSettings settings) {
        super("tiktok", accounts, http);
        this.attempts = attempts;
        this.media = media;
        this.settings = settings;
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) throws PublishFailure {
        Optional<String> publishId = pendingPublish(request);
        if (publishId.isEmpty()) {
            return Optional.empty();
        }
        return withAccount(request, account -> {
            JsonNode status = status(account, publishId.get());
            return "PUBLISH_COMPLETE".equals(status.path("status").asText())
                    ? Optional.of(receipt(request, publishId.get(), status)) : Optional.<PostReceipt>empty();
        });
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> {
            String publishId = pendingPublish(request).orElse(null);
            if (publishId == null) {
                publishId = start(account, request);
            }
            return outcome(account, request, publishId);
        });
    }

    /** The publish an earlier attempt started and that has not failed: the one to poll rather than post again. */
    private Optional<String> pendingPublish(PostRequest request) {
        Optional<String> publishId = attempts.find(request.idempotencyKey(), PUBLISH_ID);
        Optional<String> failed = attempts.find(request.idempotencyKey(), FAILED_PUBLISH_ID);
        return publishId.filter(id -> !failed.equals(Optional.of(id)));
    }

    private String start(PlatformAccount account, PostRequest request) throws PublishFailure {
        List<Variant.Media> items = request.variant().media() == null ? List.of() : request.variant().media();
        boolean video = items.stream().anyMatch(m -> m.type() != null && m.type().startsWith("video/"));
        if (items.isEmpty() || (video && items.size() > 1)) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT,
                    "tiktok posts one video or up to 35 photos; this post has " + items.size() + " media", null);
        }
        Variant variant = request.variant();
        String privacy = variant.privacy();
        if (privacy == null) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "no privacy level was chosen for this TikTok post;"
                    + " TikTok requires one chosen for every post: revise the content", null);
        }
        if (!settings.audited() && !SELF_ONLY.equals(privacy)) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "TikTok has not audited this app"
                    + " (clearpost.connectors.tiktok.audited=false), so it may only post SELF_ONLY, not " + privacy, null);
        }
        media.verifyAll(platform, items); // TikTok pulls the URLs itself: make sure they serve the approved bytes
        JsonNode creator = call(account, "POST /v2/post/publish/creator_info/query/",
                "/v2/post/publish/creator_info/query/", null);
        allowedByCreator(creator, variant, video);
        if (creator.path("creator_username").isTextual()) {
            attempts.record(request.idempotencyKey(), CREATOR_USERNAME, creator.path("creator_username").asText());
        }
        Map<String, Object> postInfo = new LinkedHashMap<>();
        Map<String, Object> sourceInfo = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        String path;
        if (video) {
            path = "/v2/post/publish/video/init/";
            postInfo.put("title", textWithLink(request));
            postInfo.put("privacy_level", privacy);
            postInfo.put("disable_comment", Boolean.TRUE.equals(variant.disableComment()));
            postInfo.put("disable_duet", Boolean.TRUE.equals(variant.disableDuet()));
            postInfo.put("disable_stitch", Boolean.TRUE.equals(variant.disableStitch()));
            sourceInfo.put("source", "PULL_FROM_URL");
            sourceInfo.put("video_url", items.get(0).url());
        } else {
            path = "/v2/post/publish/content/init/";
            postInfo.put("description", textWithLink(request));
            postInfo.put("privacy_level", privacy);
            postInfo.put("disable_comment", Boolean.TRUE.equals(variant.disableComment()));
            postInfo.put("auto_add_music", true);
            sourceInfo.put("source", "PULL_FROM_URL");
            sourceInfo.put("photo_cover_index", 0);
            sourceInfo.put("photo_images", items.stream().map(Variant.Media::url).toList());
            body.put("post_mode", "DIRECT_POST");
            body.put("media_type", "PHOTO");
        }
        body.put("post_info", postInfo);
        body.put("source_info", sourceInfo);
        JsonNode started = call(account, "POST " + path, path, body);
        if (!started.path("publish_id").isTextual()) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE,
                    "tiktok answered the init without a publish_id; the outcome is unknown", null);
        }
        String publishId = started.path("publish_id").asText();
        attempts.record(request.idempotencyKey(), PUBLISH_ID, publishId);
        return publishId;
    }

    private static boolean isVideo(PostRequest request) {
        List<Variant.Media> items = request.variant().media() == null ? List.of() : request.variant().media();
        return items.stream().anyMatch(m -> m.type() != null && m.type().startsWith("video/"));
    }

    /**
     * The post's choices, checked against what the creator's account allows now ({@code creator_info}): the
     * privacy level must be one it offers, and an interaction the creator turned off for every post must be
     * off in the post too (TikTok's UX rules grey it out). Refused otherwise, before the init: the approved
     * choice is never silently changed.
     */
    private void allowedByCreator(JsonNode creator, Variant variant, boolean video) throws PublishFailure {
        List<String> offered = new java.util.ArrayList<>();
        creator.path("privacy_level_options").forEach(option -> offered.add(option.asText()));
        if (!offered.contains(variant.privacy())) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "the creator's TikTok account does not offer the"
                    + " privacy level " + variant.privacy() + " (it offers " + offered + "): revise the content", null);
        }
        List<String> turnedOff = new java.util.ArrayList<>();
        if (creator.path("comment_disabled").asBoolean(false) && !Boolean.TRUE.equals(variant.disableComment())) {
            turnedOff.add("comments");
        }
        if (video && creator.path("duet_disabled").asBoolean(false) && !Boolean.TRUE.equals(variant.disableDuet())) {
            turnedOff.add("duets");
        }
        if (video && creator.path("stitch_disabled").asBoolean(false) && !Boolean.TRUE.equals(variant.disableStitch())) {
            turnedOff.add("stitches");
        }
        if (!turnedOff.isEmpty()) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "the creator turned " + String.join(" and ", turnedOff)
                    + " off on TikTok, but this post allows them: revise the content", null);
        }
    }

    private PostReceipt outcome(PlatformAccount account, PostRequest request, String publishId) throws PublishFailure {
        JsonNode status = status(account, publishId);
        String state = status.path("status").asText();
        if ("PUBLISH_COMPLETE".equals(state)) {
            return receipt(request, publishId, status);
        }
        if ("FAILED".equals(state)) {
            attempts.record(request.idempotencyKey(), FAILED_PUBLISH_ID, publishId);
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "tiktok could not publish " + publishId + ": "
                    + status.path("fail_reason").asText("no reason given"), null);
        }
        throw PROCESSING.stillProcessing("publish " + publishId + " (" + state + ")");
    }

    private JsonNode status(PlatformAccount account, String publishId) throws PublishFailure {
        return call(account, "POST /v2/post/publish/status/fetch/", "/v2/post/publish/status/fetch/",
                Map.of("publish_id", publishId));
    }

    /**
     * The post's id and URL once public; a post TikTok keeps private (e.g. from an unaudited app) has no
     * public id, so the publish id stands for it.
     */
    private PostReceipt receipt(PostRequest request, String publishId, JsonNode status) {
        JsonNode ids = status.path("publicaly_available_post_id"); // sic, TikTok's spelling
        if (!ids.isArray() || ids.isEmpty()) {
            return new PostReceipt(publishId, null);
        }
        String postId = ids.get(0).asText();
        String kind = isVideo(request) ? "/video/" : "/photo/";
        String url = attempts.find(request.idempotencyKey(), CREATOR_USERNAME)
                .map(username -> "https://www.tiktok.com/@" + username + kind + postId).orElse(null);
        return new PostReceipt(postId, url);
    }

    /** A Content Posting API call: its {@code data}, or the failure its {@code error.code} means. */
    private JsonNode call(PlatformAccount account, String what, String path, Object body) throws PublishFailure {
        JsonNode answer = http.call(platform, what, () -> {
            try {
                RestClient.RequestBodySpec spec = http.client(platform).post()
                        .uri(path)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                        .header(HttpHeaders.CONTENT_TYPE, JSON_UTF8);
                if (body != null) {
                    spec.body(body);
                }
                return spec.retrieve().body(JsonNode.class);
            } catch (RestClientResponseException e) {
                throw failure(what, e.getStatusCode(), e.getResponseHeaders(), e.getResponseBodyAsString());
            }
        });
        if (answer == null) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "tiktok answered " + what + " with no body", null);
        }
        if (!"ok".equals(answer.path("error").path("code").asText("ok"))) {
            throw failure(what, HttpStatus.OK, null, answer.toString());
        }
        return answer.path("data");
    }

    private PublishFailure failure(String what, HttpStatusCode status, HttpHeaders headers, String body) {
        PublishFailure byStatus = PlatformHttp.classify(platform, what, status, headers, body);
        JsonNode error;
        try {
            error = JSON.readTree(body).path("error");
        } catch (Exception notJson) {
            return byStatus;
        }
        String code = error.path("code").asText("");
        if (code.isEmpty()) {
            return byStatus;
        }
        PublishFailure.Kind kind = AUTH_CODES.contains(code) ? PublishFailure.Kind.AUTH_EXPIRED
                : SCOPE_CODES.contains(code) ? PublishFailure.Kind.PERMANENT
                : RETRY_CODES.contains(code) ? PublishFailure.Kind.RETRYABLE : byStatus.kind();
        String message = error.path("message").asText("");
        return new PublishFailure(kind, platform + " answered " + status.value() + " to " + what + ": " + code
                + (message.isBlank() ? "" : " (" + message + ")")
                + (SCOPE_CODES.contains(code) ? "; the account was connected without the scope video.publish:"
                + " reconnect it granting that scope" : ""), byStatus.retryAfter());
    }

    /** TikTok's refresh grant names the client {@code client_key}: https://developers.tiktok.com/doc/oauth-user-access-token-management */
    @Override
    protected PlatformAccount refresh(PlatformAccount account) throws PublishFailure {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("client_key", account.clientId());
        form.add("client_secret", account.credentials().clientSecret());
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", account.credentials().refreshToken());
        JsonNode token = http.call(platform, "the token refresh", () -> http.client().post()
                .uri(http.settings().tokenUrl(platform))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(JsonNode.class));
        return renewed(account, token);
    }
}
