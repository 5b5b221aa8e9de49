package io.clearpost.publish;

import io.clearpost.content.Platform;
import io.clearpost.engine.Actor;
import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.Connectors;
import io.clearpost.publish.connector.PlatformConnector;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import org.operaton.bpm.engine.delegate.BpmnError;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import io.clearpost.engine.CurrentJob;
import io.clearpost.engine.RetryTiming;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * publication.bpmn "Publish the post", in its own asynchronous job. Asks the platform first whether
 * the idempotency key was already posted (a crash after the platform's answer must not post twice);
 * if not, and the brand is frozen, raises {@code BRAND_FROZEN} (the post is held) unless the content is a crisis's
 * holding statement (the one post that goes out during a freeze), else posts. A retryable failure is thrown for the engine to retry on the configured cycle; a
 * permanent one, or the last attempt, raises {@code PUBLICATION_FAILED} for a person to resolve.
 * A platform still processing what it accepted is no failure: {@link StillProcessing} hands the job
 * back to the engine, which asks again when the platform says without using up a retry
 * ({@code io.clearpost.engine.RetryAfterJobRetries}), until {@code clearpost.publication.max-processing-wait} has passed
 * since the first such answer; from then on it is a retryable failure like any other.
 */
@Component("publishPostDelegate")
class PublishPostDelegate implements JavaDelegate {

    /** When the platform first answered "still processing" for the post, under its idempotency key. */
    static final String PROCESSING_SINCE = "publication.processing-since";

    /** publication.bpmn's "Brand frozen" boundary event on "Publish the post". */
    static final String BRAND_FROZEN = "BRAND_FROZEN";

    private final ContentService content;
    private final Publications publications;
    private final Connectors connectors;
    private final ConnectorAttempts attempts;
    private final PublicationSettings settings;
    private final BrandFreeze freeze;

    PublishPostDelegate(ContentService content, Publications publications, Connectors connectors,
                        ConnectorAttempts attempts, PublicationSettings settings, BrandFreeze freeze) {
        this.freeze = freeze;
        this.content = content;
        this.publications = publications;
        this.connectors = connectors;
        this.attempts = attempts;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        String contentId = (String) execution.getVariable("contentId");
        String platform = (String) execution.getVariable("platform");
        ContentItem item = content.find(contentId);
        Publication publication = publications.find(contentId, platform);
        if (publication.status() == PublicationStatus.PUBLISHED) {
            return;
        }
        PostRequest request = new PostRequest(item.brand(), platform, publication.idempotencyKey(),
                item.currentRevision().orElseThrow().variants().get(platform));
        PlatformConnector connector = connectors.forPlatform(item.brand(), platform);
        String actor = Actor.of(execution);
        PostReceipt receipt;
        try {
            List<String> violations = Platform.ofKey(platform).orElseThrow().check(request.variant());
            if (!violations.isEmpty()) {
                throw new PublishFailure(PublishFailure.Kind.PERMANENT, "the content breaks the limits of "
                        + platform + ": " + String.join("; ", violations), null);
            }
            Optional<PostReceipt> earlier = connector.findPost(request);
            if (earlier.isPresent()) {
                // the platform took it before (an answer lost in a crash): it is out, frozen or not
                receipt = earlier.get();
            } else {
                if (freeze.isFrozen(item.brand()) && !item.crisisStatement()) {
                    // checked at the last moment, on every attempt: nothing goes out while the brand is frozen,
                    // except the holding statement of the crisis that froze it (crisis-escalation.bpmn)
                    throw new BpmnError(BRAND_FROZEN, item.brand() + " is frozen: the post on " + platform
                            + " is held");
                }
                receipt = connector.publish(request);
            }
        } catch (PublishFailure answer) {
            PublishFailure failure = answer;
            if (answer.kind() == PublishFailure.Kind.PROCESSING) {
                Duration waited = processingFor(request.idempotencyKey());
                if (waited.compareTo(settings.maxProcessingWait()) < 0) {
                    throw new StillProcessing(answer);
                }
                failure = new PublishFailure(PublishFailure.Kind.RETRYABLE, answer.getMessage() + " (still processing after "
                        + waited.truncatedTo(ChronoUnit.SECONDS) + ", longer than the " + settings.maxProcessingWait()
                        + " clearpost.publication.max-processing-wait allows)", null);
            }
            if (failure.kind() == PublishFailure.Kind.RETRYABLE && !CurrentJob.lastAttempt()) {
                throw new RetryablePublicationFailure(failure);
            }
            attempts.forget(request.idempotencyKey(), PROCESSING_SINCE); // a person's retry waits afresh
            String error = failure.kind() + ": " + failure.getMessage();
            publications.markFailed(contentId, platform, error, actor);
            throw new BpmnError("PUBLICATION_FAILED", error);
        }
        publications.markPosted(contentId, platform, receipt.postId(), receipt.url(), false, actor);
    }

    /**
     * How long the platform has been processing the post: since its first "still processing" answer,
     * recorded now if this is it (in its own transaction, so it survives this attempt's rollback).
     */
    private Duration processingFor(String idempotencyKey) {
        Optional<Instant> since = attempts.find(idempotencyKey, PROCESSING_SINCE).map(Instant::parse);
        if (since.isEmpty()) {
            attempts.record(idempotencyKey, PROCESSING_SINCE, Instant.now().toString());
            return Duration.ZERO;
        }
        return Duration.between(since.get(), Instant.now());
    }

    /**
     * Thrown so the engine asks again after the platform's {@link PublishFailure#retryAfter()}, the job's
     * retries unchanged ({@code io.clearpost.engine.RetryAfterJobRetries}); the message is the platform's.
     */
    static class StillProcessing extends RuntimeException implements RetryTiming {

        private final Duration retryAfter;

        StillProcessing(PublishFailure cause) {
            super(cause.getMessage(), cause);
            this.retryAfter = cause.retryAfter();
        }

        @Override
        public Duration retryAfter() {
            return retryAfter;
        }

        @Override
        public boolean usesUpRetry() {
            return false;
        }
    }

    /** Thrown so the engine's retry cycle applies; the message is the platform's. */
    static class RetryablePublicationFailure extends RuntimeException {
        RetryablePublicationFailure(PublishFailure cause) {
            super(cause.getMessage(), cause);
        }
    }
}
