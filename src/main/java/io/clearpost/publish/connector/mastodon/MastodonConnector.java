package io.clearpost.publish.connector.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.AccountConnector;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mastodon: {@code POST /api/v1/statuses} with a bearer token (scope {@code write:statuses}, and
 * {@code write:media} for attachments uploaded first through {@code POST /api/v2/media}).
 * https://docs.joinmastodon.org/methods/statuses/#create and https://docs.joinmastodon.org/methods/media/#v2
 *
 * <p>No duplicates: the request carries our idempotency key as {@code Idempotency-Key}; Mastodon
 * answers a repeated key (kept for an hour) with the status it already created, so a retry after an
 * unknown outcome simply posts again with the same key. The instance is
 * {@code clearpost.connectors.mastodon.base-url}.
 */
@Component
public class MastodonConnector extends AccountConnector {

    private final MediaFetcher media;

    MastodonConnector(PlatformAccounts accounts, PlatformHttp http, MediaFetcher media) {
        super("mastodon", accounts, http);
        this.media = media;
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) {
        return Optional.empty(); // the Idempotency-Key header makes posting again safe
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> {
            // every file checked against its approved SHA-256 before any is uploaded
            List<byte[]> files = media.fetchAll(platform, request.variant().media());
            List<String> mediaIds = new ArrayList<>();
            for (byte[] bytes : files) {
                mediaIds.add(upload(account.accessToken(), bytes));
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("status", textWithLink(request));
            status.put("visibility", "public");
            if (!mediaIds.isEmpty()) {
                status.put("media_ids", mediaIds);
            }
            JsonNode created = http.call(platform, "POST /api/v1/statuses", () -> http.client(platform).post()
                    .uri("/api/v1/statuses")
                    .header("Authorization", "Bearer " + account.accessToken())
                    .header("Idempotency-Key", request.idempotencyKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(status)
                    .retrieve()
                    .body(JsonNode.class));
            if (created == null || !created.path("id").isTextual()) {
                throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "mastodon answered without a status id", null);
            }
            return new PostReceipt(created.path("id").asText(), created.path("url").asText(null));
        });
    }

    private String upload(String accessToken, byte[] bytes) throws PublishFailure {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return "media";
            }
        });
        JsonNode uploaded = http.call(platform, "POST /api/v2/media", () -> http.client(platform).post()
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
        return uploaded.path("id").asText();
    }
}
