package io.clearpost.publish.connector.x;

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
import io.clearpost.publish.connector.ProcessingWait;
import io.clearpost.publish.connector.RecordedPosts;
import io.clearpost.publish.connector.PublishFailure;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClientResponseException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * X: {@code POST /2/tweets} with an OAuth 2.0 user-context bearer token (scopes {@code tweet.read},
 * {@code tweet.write}, {@code users.read}, {@code media.write}, and {@code offline.access} for a refresh
 * token). Images and GIFs are uploaded first, one request each, through the v2
 * {@code POST /2/media/upload} (multipart {@code media} and {@code media_category} {@code tweet_image} or
 * {@code tweet_gif}), and attached as {@code media.media_ids}; an upload answered with {@code processing_info}
 * (GIFs) is waited for, as a video is, until {@code state} is {@code succeeded}, its ids recorded so the next
 * attempt resumes with them. A video goes through the chunked upload: {@code POST /2/media/upload/initialize}
 * ({@code tweet_video}), the bytes in 4 MB {@code POST /2/media/upload/{id}/append} segments,
 * {@code POST /2/media/upload/{id}/finalize}, then {@code GET /2/media/upload?command=STATUS} until X has
 * processed it; its media id is recorded, so an attempt that ends while X still processes the video
 * ({@code PROCESSING}: no retry used up) is resumed by the next one without uploading again. X has no
 * link field; the link is appended to the text.
 * Tokens are refreshed at {@code POST /2/oauth2/token} ({@code grant_type=refresh_token}, the refresh
 * token and {@code client_id}; HTTP Basic client authentication for confidential clients); X rotates
 * the refresh token on every refresh, and the new one is kept.
 * <ul>
 *   <li>https://docs.x.com/x-api/posts/creation-of-a-post</li>
 *   <li>https://docs.x.com/x-api/media/image-or-subtitle-media-upload and https://docs.x.com/x-api/media/quickstart/best-practices</li>
 *   <li>https://docs.x.com/x-api/media/quickstart/media-upload-chunked and https://docs.x.com/x-api/media/finalize-media-upload</li>
 *   <li>https://docs.x.com/x-api/users/get-posts ({@code GET /2/users/{id}/tweets})</li>
 *   <li>https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token (refresh)</li>
 *   <li>https://docs.x.com/x-api/fundamentals/rate-limits ({@code x-rate-limit-reset})</li>
 * </ul>
 *
 * <table>
 *   <caption>What an answer means</caption>
 *   <tr><th>answer</th><th>failure</th><th>next attempt</th></tr>
 *   <tr><td>429 with {@code Retry-After}</td><td>RETRYABLE</td><td>after it</td></tr>
 *   <tr><td>429 without</td><td>RETRYABLE</td><td>at the latest {@code -reset} of the limits whose
 *       {@code -remaining} is 0: {@code x-rate-limit-*} (15 minutes), {@code x-user-limit-24hour-*},
 *       {@code x-app-limit-24hour-*}; none at 0: {@code x-rate-limit-reset}</td></tr>
 *   <tr><td>503, other 5xx, 408, timeout, reset</td><td>RETRYABLE</td><td>after {@code Retry-After} (503), else on
 *       the retry cycle, first looking the post up</td></tr>
 *   <tr><td>401</td><td>AUTH_EXPIRED</td><td>refresh once, else reconnect</td></tr>
 *   <tr><td>403 duplicate content</td><td>the earlier post</td><td>looked up and returned</td></tr>
 *   <tr><td>any other 4xx</td><td>PERMANENT</td><td>a person decides</td></tr>
 * </table>
 *
 * <p>No duplicates: X has no idempotency header, but refuses a post whose text exactly repeats a
 * recent one of the account with 403 "You are not allowed to create a Tweet with duplicate content."
 * Before posting, the attempt (its time) is recorded under the idempotency key with
 * {@link RecordedPosts}; a definite answer marks it answered and a created post records its id.
 * After an unknown outcome (timeout, 5xx), {@link #findPost} reads the account's own recent posts
 * ({@code GET /2/users/{id}/tweets}, from shortly before the attempt) and takes the one whose text is
 * ours (compared without links, which X rewrites to t.co, and without HTML escapes). Should that miss
 * it, posting again is refused as a duplicate, and that refusal too is answered by looking the earlier
 * post up: either way the second attempt returns the first post.
 */
@Component
public class XConnector extends AccountConnector {

    private static final String DUPLICATE = "duplicate content";
    /** X's rate limits, by header prefix: the endpoint's 15-minute window, the 24-hour limits per user and app. */
    private static final List<String> LIMITS = List.of("x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final String VIDEO = "x.video-media";
    /** Images and GIFs uploaded while X still processed one of them, comma-separated. */
    private static final String IMAGES = "x.image-media";
    /** Video bytes per append request (X takes up to 5 MB a segment). */
    private static final int CHUNK = 4 * 1024 * 1024;
    /**
     * Three checks within an attempt, as far apart as X's {@code check_after_secs} asks (1 to 5 s); after
     * that the next attempt comes back in a minute.
     */
    private static final ProcessingWait PROCESSING = new ProcessingWait("x", 3, Duration.ofSeconds(1),
            Duration.ofSeconds(60));
    private static final long MAX_CHECK_AFTER_SECONDS = 5;

    private final MediaFetcher media;
    private final ConnectorAttempts attempts;
    private final RecordedPosts posts;

    XConnector(PlatformAccounts accounts, PlatformHttp http, MediaFetcher media, ConnectorAttempts attempts) {
        super("x", accounts, http);
        this.media = media;
        this.attempts = attempts;
        this.posts = new RecordedPosts(attempts, "x.post-attempt", "x.post");
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) throws PublishFailure {
        return posts.find(request.idempotencyKey(), XConnector::receipt, since -> withAccount(request,
                account -> lookUp(account, textWithLink(request), since)).map(XConnector::receipt));
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> {
            List<Variant.Media> items = media(request);
            List<String> mediaIds = new ArrayList<>();
            if (items.size() == 1 && isVideo(items.get(0))) {
                mediaIds.add(video(account, request, items.get(0)));
            } else {
                mediaIds.addAll(images(account, request, items));
            }
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("text", textWithLink(request));
            if (!mediaIds.isEmpty()) {
                post.put("media", Map.of("media_ids", mediaIds));
            }
            try {
                return receipt(posts.send(request.idempotencyKey(), () -> {
                    JsonNode created = call("POST /2/tweets", () -> http.client(platform).post()
                            .uri("/2/tweets")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(post)
                            .retrieve()
                            .body(JsonNode.class));
                    String id = created == null ? null : created.at("/data/id").asText(null);
                    if (id == null) {
                        throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "x answered without the post's id", null);
                    }
                    return id;
                }));
            } catch (PublishFailure failure) {
                if (failure.kind() == PublishFailure.Kind.PERMANENT && failure.getMessage().contains(DUPLICATE)) {
                    Optional<String> earlier = lookUp(account, textWithLink(request), null);
                    if (earlier.isPresent()) {
                        posts.record(request.idempotencyKey(), earlier.get());
                        return receipt(earlier.get());
                    }
                }
                throw failure;
            }
        });
    }

    /**
     * X's refresh: the refresh grant with {@code client_id} in the form, and the client's id and secret
     * as HTTP Basic credentials when it is a confidential client (has a secret).
     */
    @Override
    protected PlatformAccount refresh(PlatformAccount account) throws PublishFailure {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", account.credentials().refreshToken());
        form.add("client_id", account.clientId());
        String secret = account.credentials().clientSecret();
        JsonNode token = call("the token refresh", () -> http.client().post()
                .uri(http.settings().tokenUrl(platform))
                .headers(h -> {
                    if (secret != null && !secret.isBlank()) {
                        h.setBasicAuth(account.clientId(), secret, StandardCharsets.UTF_8);
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(JsonNode.class));
        return renewed(account, token);
    }

    private static List<Variant.Media> media(PostRequest request) throws PublishFailure {
        List<Variant.Media> items = request.variant().media() == null ? List.of() : request.variant().media();
        if (items.size() > 1 && items.stream().anyMatch(XConnector::isVideo)) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "x takes one video alone, or up to four images",
                    null);
        }
        return items;
    }

    private static boolean isVideo(Variant.Media item) {
        return item.type() != null && item.type().startsWith("video/");
    }

    /**
     * The processed images' (and GIFs') media ids: uploaded by this attempt, or by an earlier one whose ids
     * were recorded because X was still processing some of them. An upload answered with
     * {@code processing_info} (a GIF, typically) is waited for as a video is, by the STATUS command.
     */
    private List<String> images(PlatformAccount account, PostRequest request, List<Variant.Media> items)
            throws PublishFailure {
        Optional<String> recorded = attempts.find(request.idempotencyKey(), IMAGES);
        if (recorded.isPresent()) {
            List<String> ids = List.of(recorded.get().split(","));
            for (int i = 0; i < ids.size(); i++) {
                awaitProcessed(account, request, items.get(Math.min(i, items.size() - 1)), ids.get(i), IMAGES, null);
            }
            return ids;
        }
        List<byte[]> files = media.fetchAll(platform, items); // every file checked before any is uploaded
        List<String> ids = new ArrayList<>();
        List<JsonNode> processing = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode uploaded = upload(account, items.get(i), files.get(i));
            ids.add(uploaded.path("id").asText());
            processing.add(uploaded.path("processing_info"));
        }
        if (processing.stream().anyMatch(info -> !info.isMissingNode())) {
            attempts.record(request.idempotencyKey(), IMAGES, String.join(",", ids));
            for (int i = 0; i < ids.size(); i++) {
                if (!processing.get(i).isMissingNode()) {
                    awaitProcessed(account, request, items.get(i), ids.get(i), IMAGES, processing.get(i));
                }
            }
        }
        return ids;
    }

    /** {@code POST /2/media/upload}: the approved bytes in one multipart request; answers the media's {@code data}. */
    private JsonNode upload(PlatformAccount account, Variant.Media item, byte[] bytes) throws PublishFailure {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("media", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return "media";
            }
        });
        form.add("media_category", "image/gif".equals(item.type()) ? "tweet_gif" : "tweet_image");
        JsonNode uploaded = call("POST /2/media/upload", () -> http.client(platform).post()
                .uri("/2/media/upload")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form)
                .retrieve()
                .body(JsonNode.class));
        String id = uploaded == null ? null : uploaded.at("/data/id").asText(null);
        if (id == null) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "x answered the upload without a media id", null);
        }
        return uploaded.path("data");
    }

    /** The processed video's media id: uploaded in chunks by this attempt, or by an earlier one and reused. */
    private String video(PlatformAccount account, PostRequest request, Variant.Media item) throws PublishFailure {
        Optional<String> recorded = attempts.find(request.idempotencyKey(), VIDEO);
        String mediaId = recorded.isPresent() ? recorded.get() : initialize(account, item, media.fetch(platform, item));
        JsonNode finalized = recorded.isPresent() ? null : finalizeUpload(account, mediaId);
        if (recorded.isEmpty()) {
            attempts.record(request.idempotencyKey(), VIDEO, mediaId);
        }
        awaitProcessed(account, request, item, mediaId, VIDEO, recorded.isPresent() ? null
                : finalized == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : finalized);
        return mediaId;
    }

    /**
     * Until X has processed the medium: {@code first} is the processing info X already answered (the
     * finalize's or the upload's), null to start with the STATUS command; the STATUS command after that.
     * Processing that failed forgets the recorded {@code step}, so a new attempt uploads afresh.
     */
    private void awaitProcessed(PlatformAccount account, PostRequest request, Variant.Media item, String mediaId,
                                String step, JsonNode first) throws PublishFailure {
        String what = isVideo(item) ? "the video" : "the image";
        AtomicBoolean firstAnswered = new AtomicBoolean(first != null);
        PROCESSING.await(() -> firstAnswered.getAndSet(false) ? first : status(account, mediaId),
                info -> {
                    if (state(info).equals("failed")) {
                        attempts.forget(request.idempotencyKey(), step);
                        String why = info.at("/error/message").asText("");
                        throw new PublishFailure(PublishFailure.Kind.PERMANENT, "x could not process " + what + " "
                                + item.url() + (why.isEmpty() ? "" : ": " + why), null);
                    }
                    return state(info).equals("succeeded");
                },
                info -> what + " (media " + mediaId + ", " + state(info) + ")",
                info -> Duration.ofSeconds(Math.min(Math.max(info.path("check_after_secs").asLong(1), 1),
                        MAX_CHECK_AFTER_SECONDS)));
    }

    /** The processing state; none (no processing info) means there was nothing to process. */
    private static String state(JsonNode processing) {
        return processing == null || processing.isMissingNode() ? "succeeded" : processing.path("state").asText("");
    }

    /** {@code POST /2/media/upload/initialize}, then the bytes in {@code append} chunks; answers the media id. */
    private String initialize(PlatformAccount account, Variant.Media item, byte[] bytes) throws PublishFailure {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("media_type", item.type());
        init.put("total_bytes", bytes.length);
        init.put("media_category", "tweet_video");
        JsonNode initialised = call("POST /2/media/upload/initialize", () -> http.client(platform).post()
                .uri("/2/media/upload/initialize")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                .contentType(MediaType.APPLICATION_JSON)
                .body(init)
                .retrieve()
                .body(JsonNode.class));
        String mediaId = initialised == null ? null : initialised.at("/data/id").asText(null);
        if (mediaId == null) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "x answered the upload initialize without a media id",
                    null);
        }
        for (int offset = 0, segment = 0; offset < bytes.length; offset += CHUNK, segment++) {
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + CHUNK));
            MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
            form.add("segment_index", Integer.toString(segment));
            form.add("media", new ByteArrayResource(chunk) {
                @Override
                public String getFilename() {
                    return "chunk";
                }
            });
            call("POST /2/media/upload/" + mediaId + "/append", () -> http.client(platform).post()
                    .uri("/2/media/upload/{id}/append", mediaId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(form)
                    .retrieve()
                    .toBodilessEntity());
        }
        return mediaId;
    }

    /** {@code POST /2/media/upload/{id}/finalize}: answers the processing info (missing when none is needed). */
    private JsonNode finalizeUpload(PlatformAccount account, String mediaId) throws PublishFailure {
        JsonNode finalized = call("POST /2/media/upload/" + mediaId + "/finalize", () -> http.client(platform).post()
                .uri("/2/media/upload/{id}/finalize", mediaId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                .retrieve()
                .body(JsonNode.class));
        return finalized == null ? null : finalized.at("/data/processing_info");
    }

    /** {@code GET /2/media/upload?command=STATUS}: the processing info of an uploaded video. */
    private JsonNode status(PlatformAccount account, String mediaId) throws PublishFailure {
        JsonNode status = call("GET /2/media/upload STATUS " + mediaId, () -> http.client(platform).get()
                .uri("/2/media/upload?command=STATUS&media_id={id}", mediaId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                .retrieve()
                .body(JsonNode.class));
        return status == null ? null : status.at("/data/processing_info");
    }


    /** The id of the account's own recent post (since the given time, if any) whose text is this one. */
    private Optional<String> lookUp(PlatformAccount account, String text, Instant since) throws PublishFailure {
        String query = "/2/users/{id}/tweets?max_results=20&exclude=replies,retweets&tweet.fields=created_at"
                + (since == null ? "" : "&start_time={since}");
        Object[] values = since == null ? new Object[] {account.accountId()}
                : new Object[] {account.accountId(), since.truncatedTo(ChronoUnit.SECONDS).toString()};
        JsonNode page = call("GET /2/users/" + account.accountId() + "/tweets", () -> http.client(platform).get()
                .uri(query, values)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                .retrieve()
                .body(JsonNode.class));
        String ours = normalise(text);
        if (page != null) {
            for (JsonNode post : page.path("data")) {
                if (post.path("id").isTextual() && normalise(post.path("text").asText("")).equals(ours)) {
                    return Optional.of(post.path("id").asText());
                }
            }
        }
        return Optional.empty();
    }

    /** A call whose 429 without {@code Retry-After} waits until the limit that ran out resets ({@link #untilReset}). */
    private <T> T call(String what, PlatformHttp.Call<T> call) throws PublishFailure {
        return http.call(platform, what, () -> {
            try {
                return call.run();
            } catch (RestClientResponseException e) {
                Duration untilReset = untilReset(e);
                if (untilReset == null) {
                    throw e;
                }
                PublishFailure typed = PlatformHttp.classify(platform, what, e.getStatusCode(), e.getResponseHeaders(),
                        e.getResponseBodyAsString());
                throw new PublishFailure(typed.kind(), typed.getMessage(), untilReset);
            }
        });
    }

    /**
     * A 429 without {@code Retry-After}: the wait until the limit that ran out resets. X names three, each as
     * {@code <limit>-remaining} and {@code <limit>-reset} (epoch seconds): the endpoint's 15-minute window
     * ({@code x-rate-limit-*}) and the 24-hour limits per user and per app ({@code x-user-limit-24hour-*},
     * {@code x-app-limit-24hour-*}). The latest reset among those with nothing remaining counts; when none
     * says so, the endpoint's window.
     */
    static Duration untilReset(RestClientResponseException e) {
        HttpHeaders headers = e.getResponseHeaders();
        if (e.getStatusCode().value() != 429 || headers == null || headers.getFirst(HttpHeaders.RETRY_AFTER) != null) {
            return null;
        }
        Instant latest = null;
        for (String limit : LIMITS) {
            Instant reset = epochSeconds(headers.getFirst(limit + "-reset"));
            if (reset != null && "0".equals(trimmed(headers.getFirst(limit + "-remaining")))
                    && (latest == null || reset.isAfter(latest))) {
                latest = reset;
            }
        }
        if (latest == null) {
            latest = epochSeconds(headers.getFirst("x-rate-limit-reset"));
        }
        return latest == null ? null : PlatformHttp.until(latest);
    }

    private static Instant epochSeconds(String value) {
        try {
            return value == null ? null : Instant.ofEpochSecond(Long.parseLong(value.trim()));
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    /** The text as X shows it back: links are t.co links and {@code & < >} come HTML-escaped. */
    static String normalise(String text) {
        String unescaped = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return URL.matcher(unescaped).replaceAll(" ").replaceAll("\\s+", " ").strip();
    }

    private static PostReceipt receipt(String id) {
        return new PostReceipt(id, "https://x.com/i/web/status/" + id);
    }

}
