package io.clearpost.publish.connector;

/** What the platform answered for a post: its id there and its public URL. */
public record PostReceipt(String postId, String url) {
}
