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
    private final String title;
    private final String objective;
    private final String audience;
    private final StringList keyMessages;
    private final StringList mandatoryMentions;
    private final String category;
    private BriefStatus status;
    private final String createdBy;
    private final Instant createdAt;
    @Version
    private Long version;

    @PersistenceCreator
    Brief(String id, String brand, String title, String objective, String audience, StringList keyMessages,
          StringList mandatoryMentions, String category, BriefStatus status, String createdBy, Instant createdAt,
          Long version) {
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
        this.version = version;
    }

    static Brief submit(String brand, String title, String objective, String audience, List<String> keyMessages,
                        List<String> mandatoryMentions, Category category, int deliverables, String createdBy,
                        Instant at) {
        Brief brief = new Brief(UUID.randomUUID().toString(), brand, title, objective, audience,
                StringList.of(keyMessages), StringList.of(mandatoryMentions), category.key(), BriefStatus.IN_PROGRESS,
                createdBy, at, null);
        brief.registerEvent(new DomainEvent.BriefCreated(brand, createdBy, brief.id, title, category.key(),
                deliverables));
        return brief;
    }

    /** The brand manager's sign-off (approve-brief); its author can never sign it off (four-eyes). */
    void signOff(String reviewer, String decision, Object comment) {
        if (createdBy.equals(reviewer)) {
            throw new Conflict("four-eyes: " + reviewer + " wrote this brief and cannot sign it off");
        }
        registerEvent(new DomainEvent.BriefSignedOff(brand, reviewer, id, decision, comment));
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
}
