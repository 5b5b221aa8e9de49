package io.clearpost.publish;

public enum PublicationStatus {
    /** Waiting for its publish time. */
    PENDING,
    /** Due while the brand was frozen; waits for the freeze to lift and a person to confirm. */
    HELD,
    PUBLISHED,
    /** The platform refused it, retries ran out, or the content differs from the approved version. */
    FAILED,
    CANCELLED
}
