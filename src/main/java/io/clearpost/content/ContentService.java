package io.clearpost.content;

import io.clearpost.audit.AuditLog;
import io.clearpost.ops.PublicationMetrics;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.web.ApiException;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads content items for the API and changes them on behalf of tasks and delegates, auditing each change. */
@Service
public class ContentService {

    private final ContentRepository items;
    private final AuditLog audit;
    private final PublicationMetrics metrics;

    ContentService(ContentRepository items, AuditLog audit, PublicationMetrics metrics) {
        this.items = items;
        this.audit = audit;
        this.metrics = metrics;
    }

    @Transactional(readOnly = true)
    public ContentView get(CurrentUser user, String id) {
        ContentItem item = items.findById(id).orElseThrow(() -> ApiException.notFound("content " + id));
        user.requireBrand(item.brand(), "content " + id);
        return ContentView.of(item);
    }

    @Transactional(readOnly = true)
    public List<ContentView> list(CurrentUser user, String brand, ContentStatus status) {
        user.requireBrand(brand, "brand " + brand);
        List<ContentItem> found = status == null ? items.findByBrand(brand)
                : items.findByBrandAndStatus(brand, status.name());
        return found.stream().map(ContentView::of).toList();
    }

    /** Content with a publish time in [from, to), for the editorial calendar. */
    @Transactional(readOnly = true)
    public List<ContentItem> scheduled(CurrentUser user, String brand, Instant from, Instant to) {
        user.requireBrand(brand, "brand " + brand);
        return items.findScheduled(brand, from, to);
    }

    @Transactional(readOnly = true)
    public List<ContentItem> ofBrief(String briefId) {
        return items.findByBriefIdOrderByPosition(briefId);
    }

    /** Plans one deliverable of a new brief. */
    @Transactional
    public ContentItem plan(String briefId, String brand, int position, List<String> platforms, Instant publishAfter,
                            Instant publishBefore, Instant plannedAt, List<String> mandatoryMentions, String creative,
                            String actor) {
        ContentItem item = items.save(ContentItem.plan(briefId, brand, position, platforms, publishAfter, publishBefore,
                plannedAt, mandatoryMentions, creative));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("platforms", platforms);
        payload.put("publishAfter", publishAfter.toString());
        payload.put("publishBefore", publishBefore.toString());
        payload.put("plannedAt", plannedAt == null ? null : plannedAt.toString());
        payload.put("creative", creative);
        audit.append(brand, "CONTENT_PLANNED", actor, briefId, item.id(), payload);
        return item;
    }

    @Transactional
    public ContentItem cancel(String contentId, String actor) {
        return change(contentId, actor, ContentItem::cancel);
    }

    /** Schedules (or moves) the post; an invalid time is the caller's validation gap, not a user error. */
    @Transactional
    public ContentItem schedule(String contentId, Instant at, java.time.ZoneId zone, String actor) {
        return event(contentId, actor, "SCHEDULED", Map.of("publishAt", at.toString(), "timeZone", zone.getId()),
                it -> it.schedule(at, zone));
    }

    @Transactional
    public ContentItem preparePublications(String contentId, String actor) {
        return change(contentId, actor, ContentItem::preparePublications);
    }

    @Transactional
    public ContentItem hold(String contentId, String platform, String actor) {
        return event(contentId, actor, "POST_HELD", Map.of("platform", platform), it -> it.hold(platform));
    }

    @Transactional
    public ContentItem release(String contentId, String platform, String actor) {
        return event(contentId, actor, "POST_RELEASED", Map.of("platform", platform), it -> it.release(platform));
    }

    @Transactional
    public ContentItem markPosted(String contentId, String platform, String postId, String url, boolean byHand,
                                  String actor) {
        Instant at = now();
        ContentItem item = event(contentId, actor, byHand ? "POST_RECORDED_BY_HAND" : "POST_PUBLISHED",
                Map.of("platform", platform, "postId", postId == null ? "" : postId, "url", url == null ? "" : url),
                it -> it.markPosted(platform, postId, url, at));
        metrics.posted(platform, byHand, item.publishAt(), at);
        return item;
    }

    @Transactional
    public ContentItem markFailed(String contentId, String platform, String error, String actor) {
        ContentItem item = event(contentId, actor, "POST_FAILED", Map.of("platform", platform, "error", error),
                it -> it.markFailed(platform, error));
        metrics.failed(platform);
        return item;
    }

    @Transactional
    public ContentItem cancelPost(String contentId, String platform, String actor) {
        return event(contentId, actor, "POST_CANCELLED", Map.of("platform", platform), it -> it.cancelPost(platform));
    }

    @Transactional
    public ContentItem closePublication(String contentId, String actor) {
        return change(contentId, actor, ContentItem::closePublication);
    }

    @Transactional(readOnly = true)
    public ContentItem find(String contentId) {
        return load(contentId);
    }

    private ContentItem event(String contentId, String actor, String type, Map<String, ?> payload,
                              java.util.function.Consumer<ContentItem> change) {
        ContentItem item = change(contentId, actor, change);
        audit.append(item.brand(), type, actor, item.briefId(), item.id(), payload);
        return item;
    }

    /** Loads, changes and saves an item, auditing a status change it caused. */
    @Transactional
    ContentItem change(String contentId, String actor, java.util.function.Consumer<ContentItem> change) {
        ContentItem item = load(contentId);
        ContentStatus before = item.status();
        change.accept(item);
        ContentItem saved = items.save(item);
        if (saved.status() != before) {
            audit.append(saved.brand(), "STATUS_CHANGED", actor, saved.briefId(), saved.id(),
                    Map.of("from", before.name(), "to", saved.status().name()));
        }
        return saved;
    }

    ContentItem load(String contentId) {
        return items.findById(contentId).orElseThrow(() -> new IllegalStateException("no content item " + contentId));
    }

    AuditLog audit() {
        return audit;
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
