package io.clearpost.publish.connector;

import io.clearpost.engine.RetryTiming;
import java.time.Duration;

/**
 * A typed publishing failure: worth retrying (with the platform's Retry-After if it sent one), not
 * worth it, or no failure at all but a platform still processing what it accepted.
 */
public class PublishFailure extends Exception implements RetryTiming {

    public enum Kind {
        /** Outage, rate limit, timeout: the engine retries the job on its retry cycle. */
        RETRYABLE,
        /** The platform refused the content; a person must decide. */
        PERMANENT,
        /** The brand's credentials expired; someone must reconnect the account. */
        AUTH_EXPIRED,
        /**
         * The platform accepted the post or its media and is still processing it (upload processing,
         * moderation): ask again after {@link #retryAfter()}. Nothing failed, so it uses up no retry,
         * up to {@code clearpost.publication.max-processing-wait}.
         */
        PROCESSING
    }

    private final Kind kind;
    private final Duration retryAfter;

    public PublishFailure(Kind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
