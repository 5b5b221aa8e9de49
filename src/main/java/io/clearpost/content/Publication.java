package io.clearpost.content;

import java.time.Instant;

/**
 * The post of one content item on one platform. The idempotency key (content id + platform +
 * approved hash) exists before the platform is ever called.
 */
public record Publication(String platform, PublicationStatus status, String idempotencyKey, int attempts,
                          String postId, String url, String lastError, Instant publishedAt) {

    static Publication pending(String contentId, String platform, String approvedHash) {
        return new Publication(platform, PublicationStatus.PENDING, contentId + ":" + platform + ":" + approvedHash, 0,
                null, null, null, null);
    }

    Publication with(PublicationStatus status, String lastError) {
        return new Publication(platform, status, idempotencyKey, attempts, postId, url, lastError, publishedAt);
    }

    Publication posted(String postId, String url, Instant at) {
        return new Publication(platform, PublicationStatus.PUBLISHED, idempotencyKey, attempts + 1, postId, url, null, at);
    }

    Publication failed(String error) {
        return new Publication(platform, PublicationStatus.FAILED, idempotencyKey, attempts + 1, postId, url, error,
                publishedAt);
    }
}
