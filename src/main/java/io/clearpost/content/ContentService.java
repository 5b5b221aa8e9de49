package io.clearpost.content;

import io.clearpost.engine.EngineClock;
import io.clearpost.support.NotFound;
import io.clearpost.tenancy.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads content items for the API and changes them on behalf of tasks and delegates. Each change is a
 * transition the {@link ContentItem} guards itself; the events it registers reach the audit trail on save.
 */
@Service
public class ContentService {

    private final ContentRepository items;
    private final PostsOfContent posts;

    ContentService(ContentRepository items, PostsOfContent posts) {
        this.items = items;
        this.posts = posts;
    }

    @Transactional(readOnly = true)
    public ContentView get(CurrentUser user, String id) {
        ContentItem item = load(id);
        user.requireBrand(item.brand(), "content " + id);
        if (!readableBy(user, item)) {
            throw new NotFound("content " + id);
        }
        return view(item);
    }

    @Transactional(readOnly = true)
    public List<ContentView> list(CurrentUser user, String brand, ContentStatus status) {
        user.requireBrand(brand, "brand " + brand);
        List<ContentItem> found = status == null ? items.findByBrand(brand)
                : items.findByBrandAndStatus(brand, status.name());
        return found.stream().filter(item -> readableBy(user, item)).map(this::view).toList();
    }

    /**
     * Whether the caller, a member of the item's brand, may read it: everyone with a role there may, except a
     * freelance creative, who reads only the deliverables assigned to them.
     */
    public static boolean readableBy(CurrentUser user, ContentItem item) {
        return !user.onlyCreativeIn(item.brand()) || user.id().equals(item.creative());
    }

    /** Content with a publish time in [from, to), for the editorial calendar. */
    @Transactional(readOnly = true)
    public List<ContentItem> scheduled(CurrentUser user, String brand, Instant from, Instant to) {
        user.requireBrand(brand, "brand " + brand);
        return items.findScheduled(brand, from, to).stream().filter(item -> readableBy(user, item)).toList();
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
        return items.save(ContentItem.plan(briefId, brand, position, platforms, publishAfter, publishBefore,
                plannedAt, mandatoryMentions, creative, actor));
    }

    @Transactional
    public ContentItem cancel(String contentId, String actor) {
        return change(contentId, it -> it.cancel(actor));
    }

    /** Schedules (or moves) the post; an invalid time is the caller's validation gap, not a user error. */
    @Transactional
    public ContentItem schedule(String contentId, Instant at, ZoneId zone, String actor) {
        return change(contentId, it -> it.schedule(at, zone, actor));
    }

    /** Its publish window closed before it was scheduled. */
    @Transactional
    public ContentItem expire(String contentId, String actor) {
        return change(contentId, it -> it.expire(actor));
    }

    /** A new end of the publish window for an expired deliverable. */
    @Transactional
    public ContentItem extendWindow(String contentId, Instant publishBefore, String actor) {
        return change(contentId, it -> it.extendWindow(publishBefore, actor));
    }

    /** One of its posts came due while the brand was frozen. */
    @Transactional
    public ContentItem markHeld(String contentId, String actor) {
        return change(contentId, it -> it.held(actor));
    }

    /** A held or failed post waits for its time again. */
    @Transactional
    public ContentItem markReleased(String contentId, String actor) {
        return change(contentId, it -> it.released(actor));
    }

    /** One of its posts failed and waits for a person. */
    @Transactional
    public ContentItem markFailed(String contentId, String actor) {
        return change(contentId, it -> it.failed(actor));
    }

    /** Every platform ended: published if any post went out, else cancelled. */
    @Transactional
    public ContentItem markPublicationEnded(String contentId, boolean anyPosted, String actor) {
        return change(contentId, it -> it.publicationEnded(anyPosted, actor));
    }

    // ---- a crisis's holding statement (crisis-escalation.bpmn) ------------------------------------------------

    /** Opens the holding statement of a crisis, to be judged by the given reviews (review key → the rule that requires it). */
    @Transactional
    public String openStatement(String crisisId, String brand, List<String> platforms, Instant from, Instant until,
                                java.util.Map<String, String> reviews, String actor) {
        List<RequiredReview> required = reviews.entrySet().stream()
                .map(e -> new RequiredReview(e.getKey(), e.getValue())).toList();
        return items.save(ContentItem.statement(crisisId, brand, platforms, from, until, required, actor)).id();
    }

    /** A new revision of a statement: one variant per chosen platform (the create-content rules), else {@code InvalidInput}. */
    @Transactional
    public String submitStatement(String contentId, Object variants, String actor) {
        ContentItem item = statement(contentId);
        java.util.Map<String, Variant> parsed = ContentTasks.variants(variants, item.platforms());
        return change(contentId, it -> it.submitRevision(parsed, actor, now())).currentRevision().orElseThrow().hash();
    }

    /** The reviews a statement's current draft needs (review key → the rule that requires it), recorded as routed. */
    @Transactional
    public void routeStatement(String contentId, java.util.Map<String, String> reviews, String actor) {
        statement(contentId);
        change(contentId, it -> it.routeReviews(reviews.entrySet().stream()
                .map(e -> new RequiredReview(e.getKey(), e.getValue())).toList(), actor));
    }

    /** A reviewer's verdict on a statement's current revision: hash-bound and four-eyes, as every review. */
    @Transactional
    public void decideStatement(String contentId, String reviewKey, String reviewer, String verdict, String comment,
                                String revisionHash) {
        statement(contentId);
        change(contentId, it -> it.decide(reviewKey, reviewer, Verdict.valueOf(verdict), comment, revisionHash, now()));
    }

    /** Not approved by every reviewer: back to drafting. */
    @Transactional
    public void reopenStatement(String contentId, String actor) {
        change(contentId, it -> it.reopen(actor));
    }

    /** Every reviewer approved the current revision: approved, and scheduled for now in the brand's zone. */
    @Transactional
    public void approveStatementForNow(String contentId, ZoneId zone, String actor) {
        statement(contentId);
        change(contentId, it -> {
            it.approve(actor);
            it.schedule(now(), zone, actor);
        });
    }

    private ContentItem statement(String contentId) {
        ContentItem item = load(contentId);
        if (!item.crisisStatement()) {
            throw new IllegalStateException("content " + contentId + " is no crisis statement");
        }
        return item;
    }

    /** The item as it is; an unknown id is a {@link NotFound}. */
    @Transactional(readOnly = true)
    public ContentItem find(String contentId) {
        return load(contentId);
    }

    /** Loads, changes and saves an item; the events the change registered are published on save. */
    @Transactional
    ContentItem change(String contentId, Consumer<ContentItem> change) {
        ContentItem item = load(contentId);
        change.accept(item);
        return items.save(item);
    }

    ContentItem load(String contentId) {
        return items.findById(contentId).orElseThrow(() -> new NotFound("content " + contentId));
    }

    ContentView view(ContentItem item) {
        return ContentView.of(item, posts.of(item.id()));
    }

    static Instant now() {
        return EngineClock.now();
    }
}
