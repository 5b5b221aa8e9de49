package io.clearpost.publish.connector.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.AccountConnector;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.ProcessingWait;
import io.clearpost.publish.connector.PublishFailure;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClientResponseException;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mastodon: {@code POST /api/v1/statuses} with a bearer token (scope {@code write:statuses}, and
 * {@code write:media} for attachments uploaded first through {@code POST /api/v2/media}).
 * https://docs.joinmastodon.org/methods/statuses/#create, https://docs.joinmastodon.org/methods/media/#v2,
 * https://docs.joinmastodon.org/methods/media/#get, https://docs.joinmastodon.org/api/rate-limits/
 *
 * <p>Media processing: {@code POST /api/v2/media} answers 200 with the attachment's {@code url} when it is
 * ready, or 202 with {@code url: null} while the instance still processes it (video, large images). The
 * attachment is then asked for with {@code GET /api/v1/media/:id} (206 while processing, 200 with the
 * {@code url} once done) up to {@link #STATUS_CHECKS} times, {@link #STATUS_INTERVAL} apart; still processing
 * after that, the attempt ends as {@code PROCESSING} (no retry used up), back in {@link #STILL_PROCESSING}.
 * The uploaded media ids are recorded under the idempotency key, so the next attempt asks about them instead
 * of uploading again. A status refused with 422 because an attachment "has not finished processing" is
 * the same: {@code PROCESSING}, not a refusal.
 *
 * <table>
 *   <caption>What an answer means</caption>
 *   <tr><th>answer</th><th>failure</th><th>next attempt</th></tr>
 *   <tr><td>429 with {@code Retry-After}</td><td>RETRYABLE</td><td>after it</td></tr>
 *   <tr><td>429 without</td><td>RETRYABLE</td><td>at {@code X-RateLimit-Reset} (an ISO 8601 time)</td></tr>
 *   <tr><td>503, other 5xx, 408, timeout, reset</td><td>RETRYABLE</td><td>after {@code Retry-After} (503), else
 *       on the retry cycle; the status is posted again with the same {@code Idempotency-Key}</td></tr>
 *   <tr><td>202 / 206 media, 422 "not finished processing"</td><td>PROCESSING</td><td>in
 *       {@link #STILL_PROCESSING}, using up no retry</td></tr>
 *   <tr><td>401</td><td>AUTH_EXPIRED</td><td>reconnect (Mastodon tokens have no refresh)</td></tr>
 *   <tr><td>any other 4xx</td><td>PERMANENT</td><td>a person decides</td></tr>
 * </table>
 *
 * <p>No duplicates: the request carries our idempotency key as {@code Idempotency-Key}; Mastodon
 * answers a repeated key (kept for an hour) with the status it already created, so a retry after an
 * unknown outcome simply posts again with the same key. The instance is
 * {@code clearpost.connectors.mastodon.base-url}.
 */
@Component
public class MastodonConnector extends AccountConnector {

    static final String MEDIA_IDS = "mastodon.media-ids";
    static final int STATUS_CHECKS = 3;
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);
    static final Duration STILL_PROCESSING = Duration.ofSeconds(30);
    private static final ProcessingWait PROCESSING = new ProcessingWait("mastodon", STATUS_CHECKS, STATUS_INTERVAL,
            STILL_PROCESSING);
    private static final String NOT_PROCESSED = "not finished processing";

    private final MediaFetcher media;
    private final ConnectorAttempts attempts;

    MastodonConnector(PlatformAccounts accounts, PlatformHttp http, MediaFetcher media, ConnectorAttempts attempts) {
        super("mastodon", accounts, http);
        this.media = media;
        this.attempts = attempts;
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) {
        return Optional.empty(); // the Idempotency-Key header makes posting again safe
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> {
            Map<String, Boolean> attachments = attachments(account.accessToken(), request);
            for (Map.Entry<String, Boolean> attachment : attachments.entrySet()) {
                if (!attachment.getValue()) {
                    awaitProcessed(account.accessToken(), attachment.getKey());
                }
            }
            List<String> mediaIds = List.copyOf(attachments.keySet());
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("status", textWithLink(request));
            status.put("visibility", "public");
            if (!mediaIds.isEmpty()) {
                status.put("media_ids", mediaIds);
            }
            JsonNode created;
            try {
                created = call("POST /api/v1/statuses", () -> http.client(platform).post()
                        .uri("/api/v1/statuses")
                        .header("Authorization", "Bearer " + account.accessToken())
                        .header("Idempotency-Key", request.idempotencyKey())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(status)
                        .retrieve()
                        .body(JsonNode.class));
            } catch (PublishFailure failure) {
                if (failure.kind() == PublishFailure.Kind.PERMANENT && failure.getMessage().contains(NOT_PROCESSED)) {
                    throw PROCESSING.stillProcessing("the attachments " + mediaIds);
                }
                throw failure;
            }
            if (created == null || !created.path("id").isTextual()) {
                throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "mastodon answered without a status id", null);
            }
            if (!mediaIds.isEmpty()) {
                attempts.forget(request.idempotencyKey(), MEDIA_IDS); // a person's retry uploads afresh
            }
            return new PostReceipt(created.path("id").asText(), created.path("url").asText(null));
        });
    }

    /**
     * The attachments' ids, in order, each with whether it is known to be processed: uploaded by an earlier
     * attempt and recorded (to be asked about), else uploaded now (every file checked before any is uploaded;
     * processed when the upload answered with its {@code url}).
     */
    private Map<String, Boolean> attachments(String accessToken, PostRequest request) throws PublishFailure {
        Map<String, Boolean> attachments = new LinkedHashMap<>();
        Optional<String> recorded = attempts.find(request.idempotencyKey(), MEDIA_IDS);
        if (recorded.isPresent()) {
            for (String id : recorded.get().split(",")) {
                attachments.put(id, false);
            }
            return attachments;
        }
        List<byte[]> files = media.fetchAll(platform, request.variant().media());
        for (byte[] bytes : files) {
            JsonNode uploaded = upload(accessToken, bytes);
            attachments.put(uploaded.path("id").asText(), uploaded.path("url").isTextual());
        }
        if (!attachments.isEmpty()) {
            attempts.record(request.idempotencyKey(), MEDIA_IDS, String.join(",", attachments.keySet()));
        }
        return attachments;
    }

    /** Until the attachment has its {@code url}: {@code GET /api/v1/media/:id}, 206 while processing. */
    private void awaitProcessed(String accessToken, String id) throws PublishFailure {
        PROCESSING.await(() -> call("GET /api/v1/media/" + id, () -> http.client(platform).get()
                        .uri("/api/v1/media/{id}", id)
                        .header("Authorization", "Bearer " + accessToken)
                        .retrieve()
                        .body(JsonNode.class)),
                attachment -> attachment != null && attachment.path("url").isTextual(),
                attachment -> "the attachment " + id);
    }

    /** {@code POST /api/v2/media}: the attachment, with its {@code url} (200) or without it yet (202). */
    private JsonNode upload(String accessToken, byte[] bytes) throws PublishFailure {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return "media";
            }
        });
        JsonNode uploaded = call("POST /api/v2/media", () -> http.client(platform).post()
                .uri("/api/v2/media")
                .header("Authorization", "Bearer " + accessToken)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form)
                .retrieve()
                .body(JsonNode.class));
        if (uploaded == null || !uploaded.path("id").isTextual()) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "mastodon answered the upload without a media id",
                    null);
        }
        return uploaded;
    }

    /** A call whose 429 without {@code Retry-After} waits until {@code X-RateLimit-Reset} (ISO 8601). */
    private <T> T call(String what, PlatformHttp.Call<T> call) throws PublishFailure {
        return http.call(platform, what, () -> {
            try {
                return call.run();
            } catch (RestClientResponseException e) {
                PublishFailure typed = PlatformHttp.classify(platform, what, e.getStatusCode(), e.getResponseHeaders(),
                        e.getResponseBodyAsString());
                Duration untilReset = untilReset(e);
                throw untilReset == null ? typed : new PublishFailure(typed.kind(), typed.getMessage(), untilReset);
            }
        });
    }

    static Duration untilReset(RestClientResponseException e) {
        HttpHeaders headers = e.getResponseHeaders();
        if (e.getStatusCode().value() != 429 || headers == null || headers.getFirst(HttpHeaders.RETRY_AFTER) != null) {
            return null;
        }
        String reset = headers.getFirst("X-RateLimit-Reset");
        try {
            return reset == null ? null : PlatformHttp.until(OffsetDateTime.parse(reset.trim()).toInstant());
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
