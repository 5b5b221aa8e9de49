package io.clearpost.brief;

import io.clearpost.events.DomainEvent;
import org.springframework.data.domain.AbstractAggregateRoot;
import io.clearpost.support.Conflict;
import io.clearpost.support.StringList;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the agency is asked to produce for a brand; its deliverables are content items. */
public class Brief extends AbstractAggregateRoot<Brief> {

    @Id
    private final String id;
    private final String brand;
    private String title;
    private String objective;
    private String audience;
    private StringList keyMessages;
    private StringList mandatoryMentions;
    private String category;
    private BriefStatus status;
    private final String createdBy;
    private final Instant createdAt;
    /** The strategist who last revised the brief at the brand manager's request; null until then. */
    private String revisedBy;
    /** What the brand manager asked to change when they last requested changes. */
    private String changesRequested;
    @Version
    private Long version;

    @PersistenceCreator
    Brief(String id, String brand, String title, String objective, String audience, StringList keyMessages,
          StringList mandatoryMentions, String category, BriefStatus status, String createdBy, Instant createdAt,
          String revisedBy, String changesRequested, Long version) {
        this.id = id;
        this.brand = brand;
        this.title = title;
        this.objective = objective;
        this.audience = audience;
        this.keyMessages = keyMessages;
        this.mandatoryMentions = mandatoryMentions;
        this.category = category;
        this.status = status;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.revisedBy = revisedBy;
        this.changesRequested = changesRequested;
        this.version = version;
    }

    static Brief submit(String brand, String title, String objective, String audience, List<String> keyMessages,
                        List<String> mandatoryMentions, Category category, int deliverables, String createdBy,
                        Instant at) {
        Brief brief = new Brief(UUID.randomUUID().toString(), brand, title, objective, audience,
                StringList.of(keyMessages), StringList.of(mandatoryMentions), category.key(), BriefStatus.IN_PROGRESS,
                createdBy, at, null, null, null);
        brief.registerEvent(new DomainEvent.BriefCreated(brand, createdBy, brief.id, title, category.key(),
                deliverables));
        return brief;
    }

    /**
     * The brand manager's sign-off (approve-brief); neither its author nor the strategist who revised it
     * can sign it off (four-eyes). Requesting changes hands the brief back to the strategist with the comment.
     */
    void signOff(String reviewer, String decision, Object comment) {
        if (status != BriefStatus.IN_PROGRESS) {
            throw new Conflict("brief " + id + " is " + status + ", not waiting for sign-off");
        }
        if (createdBy.equals(reviewer)) {
            throw new Conflict("four-eyes: " + reviewer + " wrote this brief and cannot sign it off");
        }
        if (reviewer.equals(revisedBy)) {
            throw new Conflict("four-eyes: " + reviewer + " revised this brief and cannot sign it off");
        }
        if ("REQUEST_CHANGES".equals(decision)) {
            status = BriefStatus.CHANGES_REQUESTED;
            changesRequested = comment instanceof String text ? text : null;
        }
        registerEvent(new DomainEvent.BriefSignedOff(brand, reviewer, id, decision, comment));
    }

    /**
     * revise-brief: the strategist changes what the brand manager asked to change; the brief then waits for
     * sign-off again. Only the fields given change; the deliverables stay as planned.
     */
    void revise(String actor, Revision revision) {
        if (status != BriefStatus.CHANGES_REQUESTED) {
            throw new Conflict("brief " + id + " is " + status + ": no changes were requested");
        }
        java.util.Map<String, Object> changes = new java.util.LinkedHashMap<>();
        if (revision.title() != null && !revision.title().equals(title)) {
            title = revision.title();
            changes.put("title", title);
        }
        if (revision.objective() != null && !revision.objective().equals(objective)) {
            objective = revision.objective();
            changes.put("objective", objective);
        }
        if (revision.audience() != null && !revision.audience().equals(audience)) {
            audience = revision.audience();
            changes.put("audience", audience);
        }
        if (revision.keyMessages() != null && !revision.keyMessages().equals(keyMessages.values())) {
            keyMessages = StringList.of(revision.keyMessages());
            changes.put("keyMessages", keyMessages.values());
        }
        if (revision.mandatoryMentions() != null && !revision.mandatoryMentions().equals(mandatoryMentions.values())) {
            mandatoryMentions = StringList.of(revision.mandatoryMentions());
            changes.put("mandatoryMentions", mandatoryMentions.values());
        }
        if (revision.category() != null && !revision.category().key().equals(category)) {
            category = revision.category().key();
            changes.put("category", category);
        }
        status = BriefStatus.IN_PROGRESS;
        revisedBy = actor;
        registerEvent(new DomainEvent.BriefRevised(brand, actor, id, changesRequested, changes));
    }

    /** The fields of a brief a revision may change; null leaves a field as it is. */
    record Revision(String title, String objective, String audience, List<String> keyMessages,
                    List<String> mandatoryMentions, Category category) {
    }

    void decline(String actor) {
        status = BriefStatus.DECLINED;
        registerEvent(new DomainEvent.BriefDeclined(brand, actor, id, status.name()));
    }

    void complete(String actor) {
        if (status == BriefStatus.IN_PROGRESS) {
            status = BriefStatus.COMPLETED;
        }
        registerEvent(new DomainEvent.BriefCompleted(brand, actor, id, status.name()));
    }

    public String id() {
        return id;
    }

    public String brand() {
        return brand;
    }

    public String title() {
        return title;
    }

    public String objective() {
        return objective;
    }

    public String audience() {
        return audience;
    }

    public List<String> keyMessages() {
        return keyMessages.values();
    }

    public List<String> mandatoryMentions() {
        return mandatoryMentions.values();
    }

    public String category() {
        return category;
    }

    public BriefStatus status() {
        return status;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String revisedBy() {
        return revisedBy;
    }

    /** The brand manager's comment when they last requested changes, or null. */
    public String changesRequested() {
        return changesRequested;
    }
}
