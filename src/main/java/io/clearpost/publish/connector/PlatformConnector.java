package io.clearpost.publish.connector;

import java.util.Optional;

/**
 * A social platform's publishing API. Each call carries the publication's idempotency key;
 * {@link #findPost} lets publication ask "was this key already posted?" before posting again after
 * an unknown outcome (a crash between the platform's answer and our commit).
 */
public interface PlatformConnector {

    /** Whether this connector publishes for the brand to the platform (by key, e.g. {@code linkedin}). */
    boolean serves(String brand, String platform);

    /**
     * The post made earlier under this idempotency key, if the platform has one; asked before every
     * attempt. A connector whose platform honours an idempotency header may answer empty and rely on it.
     */
    Optional<PostReceipt> findPost(PostRequest request) throws PublishFailure;

    /** Publishes the variant; a refusal or outage is a {@link PublishFailure} of the matching kind. */
    PostReceipt publish(PostRequest request) throws PublishFailure;
}
