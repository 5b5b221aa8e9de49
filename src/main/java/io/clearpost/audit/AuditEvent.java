package io.clearpost.audit;

import java.time.Instant;

/** One link of a brand's audit chain. {@code payload} is canonical JSON. */
public record AuditEvent(String brand, long seq, String type, String actor, Instant occurredAt, String briefId,
                         String contentId, String payload, String prevHash, String hash) {
}
