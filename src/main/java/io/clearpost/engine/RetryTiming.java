package io.clearpost.engine;

import java.time.Duration;

/**
 * A failure that tells the engine when to try its job again: after {@link #retryAfter()} (a platform's
 * {@code Retry-After}) rather than on the configured retry cycle, and whether the attempt used up a retry.
 * {@link RetryAfterJobRetries} reads it anywhere in a failed job's cause chain.
 */
public interface RetryTiming {

    /** When to try again, or null for the configured retry cycle. */
    Duration retryAfter();

    /** False when the attempt failed at nothing (the platform is still processing what it accepted). */
    default boolean usesUpRetry() {
        return true;
    }
}
