package io.clearpost.publish.connector;

import java.time.Duration;

/** A typed publishing failure: worth retrying (with the platform's Retry-After if it sent one), or not. */
public class PublishFailure extends Exception {

    public enum Kind {
        /** Outage, rate limit, timeout: the engine retries the job on its retry cycle. */
        RETRYABLE,
        /** The platform refused the content; a person must decide. */
        PERMANENT,
        /** The brand's credentials expired; someone must reconnect the account. */
        AUTH_EXPIRED
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

    public Duration retryAfter() {
        return retryAfter;
    }
}
