package io.clearpost.publish.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The posts a connector sends to a platform that has no idempotency header (LinkedIn, X, Pinterest,
 * Facebook). Before a post is sent, the attempt's time is recorded under the idempotency key with
 * {@link ConnectorAttempts}; a definite answer (refusal, rate limit, expired token) marks the attempt
 * answered, and a created post records its id. After an attempt whose outcome is unknown (timeout,
 * 5xx), {@link #find} looks the post up on the platform, from {@link #CLOCK_SLACK} before the attempt,
 * and records what it finds; only when nothing is there is the post sent again.
 */
public final class RecordedPosts {

    /** How far before a recorded attempt a found post may have been created (clocks differ). */
    public static final Duration CLOCK_SLACK = Duration.ofMinutes(5);
    private static final String ANSWERED = "answered";

    /** Sends the post; answers the platform's id of the created post. */
    @FunctionalInterface
    public interface Send {
        String send() throws PublishFailure;
    }

    /** Looks on the platform for our post created since the given time. */
    @FunctionalInterface
    public interface Lookup {
        Optional<PostReceipt> since(Instant since) throws PublishFailure;
    }

    /** The receipt of a post known by its id. */
    @FunctionalInterface
    public interface Receipt {
        PostReceipt of(String postId) throws PublishFailure;
    }

    private final ConnectorAttempts attempts;
    private final String attemptStep;
    private final String postStep;

    /** Records under the connector's own step names (kept, so rows recorded earlier are still read). */
    public RecordedPosts(ConnectorAttempts attempts, String attemptStep, String postStep) {
        this.attempts = attempts;
        this.attemptStep = attemptStep;
        this.postStep = postStep;
    }

    /** The post recorded under the key, or the one the lookup finds after an unanswered attempt; else none. */
    public Optional<PostReceipt> find(String idempotencyKey, Receipt receipt, Lookup lookup) throws PublishFailure {
        Optional<String> posted = attempts.find(idempotencyKey, postStep);
        if (posted.isPresent()) {
            return Optional.of(receipt.of(posted.get()));
        }
        Optional<Instant> unanswered = attempts.find(idempotencyKey, attemptStep).flatMap(RecordedPosts::instant);
        if (unanswered.isEmpty()) {
            return Optional.empty();
        }
        Optional<PostReceipt> found = lookup.since(unanswered.get().minus(CLOCK_SLACK));
        found.ifPresent(post -> record(idempotencyKey, post.postId()));
        return found;
    }

    /** Records the attempt, sends the post, and records what the platform answered; answers the post's id. */
    public String send(String idempotencyKey, Send send) throws PublishFailure {
        attempts.record(idempotencyKey, attemptStep, Instant.now().toString());
        String postId;
        try {
            postId = send.send();
        } catch (PublishFailure failure) {
            if (failure.kind() != PublishFailure.Kind.RETRYABLE || failure.retryAfter() != null) {
                attempts.record(idempotencyKey, attemptStep, ANSWERED); // definitely not posted
            }
            throw failure;
        }
        record(idempotencyKey, postId);
        return postId;
    }

    /** Records the post made under the key, found another way (e.g. X's duplicate refusal). */
    public void record(String idempotencyKey, String postId) {
        attempts.record(idempotencyKey, postStep, postId);
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            return Optional.empty();
        }
    }
}
