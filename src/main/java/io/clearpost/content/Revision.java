package io.clearpost.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.clearpost.support.CanonicalJson;

import java.time.Instant;
import java.util.Map;

/**
 * One submitted version of a content item. {@code canonicalJson} is the RFC 8785 form of its
 * variants, and {@code hash} its SHA-256: the bytes every decision names.
 */
public record Revision(int number, String canonicalJson, String hash, String author, Instant createdAt) {

    /** The per-platform variants, read back from the canonical JSON. */
    public Map<String, Variant> variants() {
        try {
            return CanonicalJson.mapper().convertValue(CanonicalJson.mapper().readTree(canonicalJson).get("variants"),
                    new TypeReference<Map<String, Variant>>() {
                    });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored revision " + number + " is not JSON", e);
        }
    }
}
