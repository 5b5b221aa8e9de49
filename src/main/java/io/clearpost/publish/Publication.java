package io.clearpost.publish;

import java.time.Instant;

/**
 * The post of one content item on one platform, an aggregate of its own (content id + platform). The
 * idempotency key (content id + platform + approved hash) exists before the platform is ever called.
 * Each transition returns the changed publication; {@link Publications} saves it and records its event.
 */
public record Publication(String contentId, String platform, PublicationStatus status, String idempotencyKey,
                          int attempts, String postId, String url, String lastError, Instant publishedAt,
                          long version) {

    static Publication pending(String contentId, String platform, String approvedHash) {
        return new Publication(contentId, platform, PublicationStatus.PENDING,
                contentId + ":" + platform + ":" + approvedHash, 0, null, null, null, null, 0);
    }

    Publication held() {
        return with(PublicationStatus.HELD, null);
    }

    /** Back to waiting for its time, or for an immediate retry. */
    Publication released() {
        return with(PublicationStatus.PENDING, null);
    }

    /** A new publish time: a held or failed post waits for it; any other keeps its state. */
    Publication rescheduled() {
        return status == PublicationStatus.HELD || status == PublicationStatus.FAILED
                ? with(PublicationStatus.PENDING, lastError) : this;
    }

    Publication cancelled() {
        return with(PublicationStatus.CANCELLED, lastError);
    }

    Publication posted(String postId, String url, Instant at) {
        return new Publication(contentId, platform, PublicationStatus.PUBLISHED, idempotencyKey, attempts + 1, postId,
                url, null, at, version);
    }

    Publication failed(String error) {
        return new Publication(contentId, platform, PublicationStatus.FAILED, idempotencyKey, attempts + 1, postId, url,
                error, publishedAt, version);
    }

    boolean published() {
        return status == PublicationStatus.PUBLISHED;
    }

    private Publication with(PublicationStatus status, String lastError) {
        return new Publication(contentId, platform, status, idempotencyKey, attempts, postId, url, lastError,
                publishedAt, version);
    }
}
