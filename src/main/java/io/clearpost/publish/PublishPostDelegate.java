package io.clearpost.publish;

import io.clearpost.audit.Actor;
import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.content.Publication;
import io.clearpost.content.PublicationStatus;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.Connectors;
import io.clearpost.publish.connector.PlatformConnector;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import org.operaton.bpm.engine.delegate.BpmnError;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * publication.bpmn "Publish the post", in its own asynchronous job. Asks the platform first whether
 * the idempotency key was already posted (a crash after the platform's answer must not post twice),
 * then posts. A retryable failure is thrown for the engine to retry on the configured cycle; a
 * permanent one, or the last attempt, raises {@code PUBLICATION_FAILED} for a person to resolve.
 * A platform still processing what it accepted is no failure: {@link StillProcessing} hands the job
 * back to the engine, which asks again when the platform says without using up a retry
 * ({@link RetryAfterJobRetries}), until {@code clearpost.publication.max-processing-wait} has passed
 * since the first such answer; from then on it is a retryable failure like any other.
 */
@Component("publishPostDelegate")
class PublishPostDelegate implements JavaDelegate {

    /** When the platform first answered "still processing" for the post, under its idempotency key. */
    static final String PROCESSING_SINCE = "publication.processing-since";

    private final ContentService content;
    private final Connectors connectors;
    private final ConnectorAttempts attempts;
    private final PublicationSettings settings;

    PublishPostDelegate(ContentService content, Connectors connectors, ConnectorAttempts attempts,
                        PublicationSettings settings) {
        this.content = content;
        this.connectors = connectors;
        this.attempts = attempts;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        String contentId = (String) execution.getVariable("contentId");
        String platform = (String) execution.getVariable("platform");
        ContentItem item = content.find(contentId);
        Publication publication = item.publication(platform).orElseThrow();
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
            receipt = earlier.isPresent() ? earlier.get() : connector.publish(request);
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
            if (failure.kind() == PublishFailure.Kind.RETRYABLE && !lastAttempt()) {
                throw new RetryablePublicationFailure(failure);
            }
            attempts.forget(request.idempotencyKey(), PROCESSING_SINCE); // a person's retry waits afresh
            String error = failure.kind() + ": " + failure.getMessage();
            content.markFailed(contentId, platform, error, actor);
            throw new BpmnError("PUBLICATION_FAILED", error);
        }
        content.markPosted(contentId, platform, receipt.postId(), receipt.url(), false, actor);
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
     * The engine decrements a job's retries on each failure; at one left this attempt is the last.
     * The job being executed is the command's current job (a query would not see it reliably), whether the
     * job executor runs it or {@code ManagementService.executeJob} does (an operator, a process test).
     */
    private static boolean lastAttempt() {
        CommandContext command = Context.getCommandContext();
        JobEntity job = command == null ? null : command.getCurrentJob();
        return job == null || job.getRetries() <= 1;
    }

    /**
     * Thrown so the engine asks again after the platform's {@link PublishFailure#retryAfter()}, the job's
     * retries unchanged ({@link RetryAfterJobRetries}); the message is the platform's.
     */
    static class StillProcessing extends RuntimeException {
        StillProcessing(PublishFailure cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Thrown so the engine's retry cycle applies; the message is the platform's. */
    static class RetryablePublicationFailure extends RuntimeException {
        RetryablePublicationFailure(PublishFailure cause) {
            super(cause.getMessage(), cause);
        }
    }
}
