package io.clearpost.publish;

import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.content.ContentStatus;
import io.clearpost.engine.EngineClock;
import io.clearpost.events.DomainEvent;
import io.clearpost.ops.PublicationMetrics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The posts of approved content on its platforms, and every transition of them: prepared with their
 * idempotency keys before any platform call, held by a freeze, released, posted, failed, cancelled.
 * The content item only learns the resulting content status ({@link ContentService}).
 */
@Service
public class Publications {

    private final PublicationRepository publications;
    private final ContentService content;
    private final PublicationMetrics metrics;
    private final ApplicationEventPublisher events;

    Publications(PublicationRepository publications, ContentService content, PublicationMetrics metrics,
                 ApplicationEventPublisher events) {
        this.publications = publications;
        this.content = content;
        this.metrics = metrics;
        this.events = events;
    }

    /** A post held by a freeze. */
    public record HeldPost(String contentId, String platform) {
    }

    /** Every post of the brand held by its freeze right now. */
    @Transactional(readOnly = true)
    public List<HeldPost> heldOf(String brand) {
        return publications.heldOf(brand).stream().map(row -> new HeldPost(row[0], row[1])).toList();
    }

    /** publication.bpmn's {@code ${publications.platformsOf(contentId)}}: one publishing branch per platform. */
    @Transactional(readOnly = true)
    public List<String> platformsOf(String contentId) {
        return publications.findByContent(contentId).stream().map(Publication::platform).toList();
    }

    @Transactional(readOnly = true)
    public List<Publication> ofContent(String contentId) {
        return publications.findByContent(contentId);
    }

    @Transactional(readOnly = true)
    public Publication find(String contentId, String platform) {
        return publications.find(contentId, platform)
                .orElseThrow(() -> new IllegalStateException("no publication of " + contentId + " on " + platform));
    }

    /** One pending publication per target platform, keyed by the approved hash, before any platform call. */
    @Transactional
    public ContentItem prepare(String contentId) {
        ContentItem item = content.find(contentId);
        if (item.approvedHash() == null) {
            throw new IllegalStateException("content " + contentId + " has no approved hash");
        }
        for (String platform : item.platforms()) {
            if (publications.find(contentId, platform).isEmpty()) {
                publications.insert(Publication.pending(contentId, platform, item.approvedHash()));
            }
        }
        return item;
    }

    @Transactional
    public void hold(String contentId, String platform, String actor) {
        ContentItem item = content.markHeld(contentId, actor);
        change(contentId, platform, Publication::held);
        events.publishEvent(new DomainEvent.PostHeld(item.brand(), actor, item.briefId(), contentId, platform));
    }

    @Transactional
    public void release(String contentId, String platform, String actor) {
        ContentItem item = content.markReleased(contentId, actor);
        change(contentId, platform, Publication::released);
        events.publishEvent(new DomainEvent.PostReleased(item.brand(), actor, item.briefId(), contentId, platform));
    }

    @Transactional
    public void markPosted(String contentId, String platform, String postId, String url, boolean byHand,
                           String actor) {
        Instant at = EngineClock.now();
        ContentItem item = content.find(contentId);
        change(contentId, platform, p -> p.posted(postId, url, at));
        events.publishEvent(byHand
                ? new DomainEvent.PostRecordedByHand(item.brand(), actor, item.briefId(), contentId, platform, postId, url)
                : new DomainEvent.PostPublished(item.brand(), actor, item.briefId(), contentId, platform, postId, url));
        metrics.posted(platform, byHand, item.publishAt(), at);
    }

    @Transactional
    public void markFailed(String contentId, String platform, String error, String actor) {
        ContentItem item = content.markFailed(contentId, actor);
        change(contentId, platform, p -> p.failed(error));
        events.publishEvent(new DomainEvent.PostFailed(item.brand(), actor, item.briefId(), contentId, platform, error));
        metrics.failed(platform);
    }

    @Transactional
    public void cancel(String contentId, String platform, String actor) {
        ContentItem item = content.find(contentId);
        change(contentId, platform, Publication::cancelled);
        events.publishEvent(new DomainEvent.PostCancelled(item.brand(), actor, item.briefId(), contentId, platform));
    }

    /** After every platform ended: the content is published if any post went out, else cancelled. */
    @Transactional
    public void close(String contentId, String actor) {
        boolean anyPosted = publications.findByContent(contentId).stream().anyMatch(Publication::published);
        content.markPublicationEnded(contentId, anyPosted, actor);
    }

    /** A cancelled deliverable's posts not yet made are cancelled with it. */
    @EventListener
    void on(DomainEvent.StatusChanged changed) {
        if (ContentStatus.CANCELLED.name().equals(changed.to())) {
            publications.findByContent(changed.contentId()).stream()
                    .filter(p -> !p.published())
                    .forEach(p -> publications.update(p.cancelled()));
        }
    }

    /** A new publish time: held and failed posts wait for it. */
    @EventListener
    void on(DomainEvent.Scheduled scheduled) {
        for (Publication p : publications.findByContent(scheduled.contentId())) {
            Publication moved = p.rescheduled();
            if (moved != p) {
                publications.update(moved);
            }
        }
    }

    private void change(String contentId, String platform, UnaryOperator<Publication> transition) {
        publications.update(transition.apply(find(contentId, platform)));
    }
}
