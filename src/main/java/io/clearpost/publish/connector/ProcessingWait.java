package io.clearpost.publish.connector;

import java.time.Duration;
import java.util.function.Function;

/**
 * Waiting, inside one attempt, for a platform to process uploaded media (a video, a media container, a
 * publish): the status is asked a few times, a short pause apart; when it has not settled by then the
 * attempt ends as {@link PublishFailure.Kind#PROCESSING}, asking to come back later, and the next attempt
 * resumes with what the connector recorded instead of uploading again. The job thread is not held for
 * the minutes a platform may take.
 *
 * @param platform  the platform's key, for messages
 * @param checks    how many times one attempt asks
 * @param poll      the pause between two checks, unless the platform's answer says otherwise
 * @param comeBack  when the next attempt should ask again
 */
public record ProcessingWait(String platform, int checks, Duration poll, Duration comeBack) {

    /** Asks the platform for the processing status. */
    @FunctionalInterface
    public interface Status<S> {
        S ask() throws PublishFailure;
    }

    /** Whether the status is settled: true when ready, a failure when processing failed, false while processing. */
    @FunctionalInterface
    public interface Settled<S> {
        boolean test(S status) throws PublishFailure;
    }

    /** How long to pause after this status (a platform may say when to ask again). */
    @FunctionalInterface
    public interface Pause<S> {
        Duration after(S status);
    }

    /**
     * The settled status, asked up to {@link #checks} times {@link #poll} apart; {@code what} names what
     * is processed, with the state last seen, for the "still processing" message.
     */
    public <S> S await(Status<S> status, Settled<S> settled, Function<S, String> what) throws PublishFailure {
        return await(status, settled, what, s -> poll);
    }

    /** As {@link #await(Status, Settled, Function)}, pausing as long as the platform's last answer asks. */
    public <S> S await(Status<S> status, Settled<S> settled, Function<S, String> what, Pause<S> pause)
            throws PublishFailure {
        for (int check = 1; ; check++) {
            S current = status.ask();
            if (settled.test(current)) {
                return current;
            }
            if (check >= checks) {
                throw stillProcessing(what.apply(current));
            }
            sleep(pause.after(current), what.apply(current));
        }
    }

    /**
     * The answer that ends an attempt while the platform still processes, asking to come back later: a
     * {@link PublishFailure.Kind#PROCESSING}, which uses up no retry of the publication.
     */
    public PublishFailure stillProcessing(String what) {
        return new PublishFailure(PublishFailure.Kind.PROCESSING, platform + " is still processing " + what
                + "; the next attempt resumes with it", comeBack);
    }

    private void sleep(Duration pause, String what) throws PublishFailure {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "interrupted while " + platform + " processed "
                    + what, null);
        }
    }
}
