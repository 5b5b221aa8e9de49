package io.clearpost.content;

import io.clearpost.support.Conflict;
import io.clearpost.events.DomainEvent;
import io.clearpost.support.CanonicalJson;
import io.clearpost.support.StringList;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One deliverable of a brief: its target platforms, publish window, creative, the revisions
 * submitted for it and the decisions taken on them. The aggregate guards its own transitions and
 * registers a {@link DomainEvent} for each; its posts on the platforms are the publish module's.
 */
public class ContentItem extends AbstractAggregateRoot<ContentItem> {

    /** Rule recorded for the strategist's content review, which creation.bpmn always requires. */
    public static final String CREATION_REVIEW_RULE = "creation-review";

    @Id
    private final String id;
    private final String briefId;
    private final String brand;
    private final int position;
    private final StringList platforms;
    private final Instant publishAfter;
    private Instant publishBefore;
    private final Instant plannedAt;
    private final StringList mandatoryMentions;
    private String creative;
    private ContentStatus status;
    private Instant publishAt;
    private String timeZone;
    private String approvedHash;
    private StringList violations;
    /** The crisis whose holding statement this is, or null for a deliverable of a brief. */
    private final String crisisId;
    @MappedCollection(idColumn = "CONTENT_ID")
    private final Set<Revision> revisions;
    @MappedCollection(idColumn = "CONTENT_ID", keyColumn = "POSITION")
    private final List<Decision> decisions;
    @MappedCollection(idColumn = "CONTENT_ID")
    private final Set<RequiredReview> requiredReviews;
    @Version
    private Long version;

    @PersistenceCreator
    ContentItem(String id, String briefId, String brand, int position, StringList platforms, Instant publishAfter,
                Instant publishBefore, Instant plannedAt, StringList mandatoryMentions, String creative,
                ContentStatus status, Instant publishAt, String timeZone, String approvedHash, StringList violations,
                String crisisId, Set<Revision> revisions, List<Decision> decisions, Set<RequiredReview> requiredReviews, Long version) {
        this.id = id;
        this.briefId = briefId;
        this.brand = brand;
        this.position = position;
        this.platforms = platforms;
        this.publishAfter = publishAfter;
        this.publishBefore = publishBefore;
        this.plannedAt = plannedAt;
        this.mandatoryMentions = mandatoryMentions;
        this.creative = creative;
        this.status = status;
        this.publishAt = publishAt;
        this.timeZone = timeZone;
        this.approvedHash = approvedHash;
        this.violations = violations;
        this.crisisId = crisisId;
        this.revisions = new HashSet<>(revisions);
        this.decisions = new ArrayList<>(decisions);
        this.requiredReviews = new HashSet<>(requiredReviews);
        this.version = version;
    }

    static ContentItem plan(String briefId, String brand, int position, List<String> platforms, Instant publishAfter,
                            Instant publishBefore, Instant plannedAt, List<String> mandatoryMentions, String creative,
                            String actor) {
        ContentItem item = new ContentItem(UUID.randomUUID().toString(), briefId, brand, position,
                StringList.of(platforms), publishAfter, publishBefore, plannedAt, StringList.of(mandatoryMentions),
                creative, ContentStatus.IN_CREATION, null, null, null, StringList.of(List.of()),
                null, Set.of(), List.of(), Set.of(), null);
        item.registerEvent(new DomainEvent.ContentPlanned(brand, actor, briefId, item.id, platforms, publishAfter,
                publishBefore, plannedAt, creative));
        return item;
    }

    /**
     * A crisis's holding statement: content of the brand without a brief, on the platforms the crisis chose, judged
     * by the reviews crisis-escalation.bpmn names, and publishable in [from, until].
     */
    static ContentItem statement(String crisisId, String brand, List<String> platforms, Instant from, Instant until,
                                 List<RequiredReview> reviews, String actor) {
        ContentItem item = new ContentItem(UUID.randomUUID().toString(), null, brand, 0, StringList.of(platforms),
                from, until, null, StringList.of(List.of()), null, ContentStatus.IN_CREATION, null, null, null,
                StringList.of(List.of()), crisisId, Set.of(), List.of(), Set.of(), null);
        item.registerEvent(new DomainEvent.ContentPlanned(brand, actor, null, item.id, platforms, from, until, null,
                null));
        item.routeReviews(reviews, actor);
        return item;
    }

    /** Whether this is a crisis's holding statement: the one kind of post a freeze lets through. */
    public boolean crisisStatement() {
        return crisisId != null;
    }

    public String crisisId() {
        return crisisId;
    }

    /**
     * A holding statement that was not approved by every reviewer goes back to drafting, once both reviews are in
     * (a statement's reviews run in parallel, so a request for changes does not end the round by itself).
     */
    void reopen(String actor) {
        if (!crisisStatement()) {
            throw new IllegalStateException("only a crisis statement is sent back once every review is in");
        }
        requireStatus(ContentStatus.IN_REVIEW, "send it back to drafting");
        status(ContentStatus.IN_CREATION, actor);
    }

    /** A new revision from the creative; it must cover exactly the target platforms. */
    Revision submitRevision(Map<String, Variant> variants, String author, Instant at) {
        requireStatus(ContentStatus.IN_CREATION, "submit a revision");
        String canonical = CanonicalJson.of(Map.of("variants", variants));
        Revision revision = new Revision(revisions.size() + 1, canonical, CanonicalJson.sha256Hex(canonical), author, at);
        revisions.add(revision);
        violations = StringList.of(List.of());
        registerEvent(new DomainEvent.RevisionSubmitted(brand, author, briefId, id, revision.number(), revision.hash()));
        status(ContentStatus.IN_REVIEW, author);
        return revision;
    }

    /** The automatic content check's findings; any finding sends the content back to its creative. */
    void recordViolations(List<String> found, String actor) {
        violations = StringList.of(found);
        if (!found.isEmpty()) {
            status(ContentStatus.IN_CREATION, actor);
        }
        registerEvent(new DomainEvent.ContentChecked(brand, actor, briefId, id,
                currentRevision().map(Revision::number).orElse(0), found));
    }

    void routeReviews(List<RequiredReview> reviews, String actor) {
        requiredReviews.clear();
        requiredReviews.addAll(reviews);
        registerEvent(new DomainEvent.ReviewsRouted(brand, actor, briefId, id, reviews.stream()
                .map(r -> new DomainEvent.RoutedReview(r.reviewKey(), r.rule())).toList()));
    }

    /**
     * Records a reviewer's verdict. The decision must name the current revision's hash (approval
     * binds to bytes) and its author can never judge it (four-eyes).
     */
    Decision decide(String reviewKey, String reviewer, Verdict verdict, String comment, String revisionHash, Instant at) {
        requireStatus(ContentStatus.IN_REVIEW, "review it");
        Revision current = currentRevision().orElseThrow(() -> new Conflict("there is no revision to review"));
        if (!current.hash().equals(revisionHash)) {
            throw new Conflict("revision " + revisionHash + " is not the current revision " + current.hash());
        }
        if (current.author().equals(reviewer)) {
            throw new Conflict("four-eyes: " + reviewer + " authored revision " + current.number()
                    + " and cannot review it");
        }
        Decision decision = new Decision(reviewKey, reviewer, verdict, comment, revisionHash, ruleFor(reviewKey), at);
        decisions.add(decision);
        registerEvent(new DomainEvent.DecisionRecorded(brand, reviewer, briefId, id, reviewKey, reviewer, verdict.name(),
                comment, revisionHash, decision.rule()));
        if (verdict == Verdict.REQUEST_CHANGES && !crisisStatement()) {
            status(ContentStatus.IN_CREATION, reviewer);
        }
        return decision;
    }

    void assignCreative(String creative, String actor) {
        if (this.creative != null) {
            throw new Conflict("creative " + this.creative + " is already assigned");
        }
        this.creative = creative;
        registerEvent(new DomainEvent.CreativeAssigned(brand, actor, briefId, id, creative));
    }

    /** Every review routing required approved the current hash; anything else is a bug, not a user error. */
    void approve(String actor) {
        requireStatus(ContentStatus.IN_REVIEW, "approve it");
        String hash = currentRevision().map(Revision::hash).orElseThrow();
        for (RequiredReview review : requiredReviews) {
            boolean approved = decisions.stream().anyMatch(d -> d.reviewKey().equals(review.reviewKey())
                    && d.decision() == Verdict.APPROVE && d.revisionHash().equals(hash));
            if (!approved) {
                throw new IllegalStateException(review.reviewKey() + " has not approved revision " + hash);
            }
        }
        approvedHash = hash;
        status(ContentStatus.APPROVED, actor);
    }

    /**
     * Cancels the deliverable; published content stays published. Its posts not yet made are cancelled
     * by the publish module when it sees the status change.
     */
    void cancel(String actor) {
        if (status == ContentStatus.PUBLISHED) {
            throw new Conflict("content " + id + " is already published");
        }
        status(ContentStatus.CANCELLED, actor);
    }

    /** Sets (or moves) the publish time; the zone is kept so calendars show the brand's local time. */
    void schedule(Instant at, java.time.ZoneId zone, String actor) {
        if (status != ContentStatus.APPROVED && status != ContentStatus.SCHEDULED && status != ContentStatus.HELD
                && status != ContentStatus.FAILED) {
            throw new Conflict("content " + id + " is " + status + "; only approved content can be scheduled");
        }
        if (at.isBefore(publishAfter) || at.isAfter(publishBefore)) {
            throw new IllegalArgumentException("publish time outside the window");
        }
        publishAt = at;
        timeZone = zone.getId();
        status(ContentStatus.SCHEDULED, actor);
        registerEvent(new DomainEvent.Scheduled(brand, actor, briefId, id, at, timeZone));
    }

    /** The window closed while the approved deliverable waited to be scheduled (scheduling.bpmn's timer). */
    void expire(String actor) {
        requireStatus(ContentStatus.APPROVED, "expire it");
        status(ContentStatus.EXPIRED, actor);
    }

    /** The strategist's new {@code publishBefore} for an expired deliverable, which can then be scheduled again. */
    void extendWindow(Instant newPublishBefore, String actor) {
        requireStatus(ContentStatus.EXPIRED, "extend its window");
        if (!newPublishBefore.isAfter(publishAfter)) {
            throw new IllegalArgumentException("the new window end is not after its start");
        }
        publishBefore = newPublishBefore;
        registerEvent(new DomainEvent.WindowExtended(brand, actor, briefId, id, newPublishBefore));
        status(ContentStatus.APPROVED, actor);
    }

    /** Whether the planned time of the brief can serve as the publish time as it is. */
    public boolean plannedTimeUsable(Instant now) {
        return plannedAt != null && !plannedAt.isBefore(publishAfter) && !plannedAt.isAfter(publishBefore)
                && plannedAt.isAfter(now);
    }

    /** A post came due while the brand was frozen. */
    void held(String actor) {
        status(ContentStatus.HELD, actor);
    }

    /** A held or failed post goes back to waiting for its time (or for an immediate retry). */
    void released(String actor) {
        status(ContentStatus.SCHEDULED, actor);
    }

    /** A post failed and waits for a person to resolve it. */
    void failed(String actor) {
        status(ContentStatus.FAILED, actor);
    }

    /** After every platform ended: published if any post went out, else cancelled. */
    void publicationEnded(boolean anyPosted, String actor) {
        status(anyPosted ? ContentStatus.PUBLISHED : ContentStatus.CANCELLED, actor);
    }

    private void status(ContentStatus next, String actor) {
        if (next != status) {
            registerEvent(new DomainEvent.StatusChanged(brand, actor, briefId, id, status.name(), next.name()));
            status = next;
        }
    }

    private String ruleFor(String reviewKey) {
        return requiredReviews.stream().filter(r -> r.reviewKey().equals(reviewKey)).map(RequiredReview::rule)
                .findFirst().orElse(CREATION_REVIEW_RULE);
    }

    private void requireStatus(ContentStatus expected, String action) {
        if (status != expected) {
            throw new Conflict("content " + id + " is " + status + "; cannot " + action);
        }
    }

    public Optional<Revision> currentRevision() {
        return revisions.stream().max(Comparator.comparingInt(Revision::number));
    }

    public List<Revision> revisions() {
        return revisions.stream().sorted(Comparator.comparingInt(Revision::number)).toList();
    }

    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    public Instant publishAt() {
        return publishAt;
    }

    public java.time.ZoneId zone() {
        return timeZone == null ? null : java.time.ZoneId.of(timeZone);
    }

    public String approvedHash() {
        return approvedHash;
    }

    public List<RequiredReview> requiredReviews() {
        return requiredReviews.stream().sorted(Comparator.comparing(RequiredReview::reviewKey)).toList();
    }

    public String id() {
        return id;
    }

    public String briefId() {
        return briefId;
    }

    public String brand() {
        return brand;
    }

    public int position() {
        return position;
    }

    public List<String> platforms() {
        return platforms.values();
    }

    public Instant publishAfter() {
        return publishAfter;
    }

    public Instant publishBefore() {
        return publishBefore;
    }

    public Instant plannedAt() {
        return plannedAt;
    }

    /** The brief's mandatory mentions, fixed when the deliverable was planned. */
    public List<String> mandatoryMentions() {
        return mandatoryMentions.values();
    }

    public String creative() {
        return creative;
    }

    public ContentStatus status() {
        return status;
    }

    public List<String> violations() {
        return violations.values();
    }
}
