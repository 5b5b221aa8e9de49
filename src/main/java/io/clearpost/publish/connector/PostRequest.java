package io.clearpost.publish.connector;

import io.clearpost.content.Variant;

/** One post to make: for which brand, on which platform, under which idempotency key, with which content. */
public record PostRequest(String brand, String platform, String idempotencyKey, Variant variant) {
}
