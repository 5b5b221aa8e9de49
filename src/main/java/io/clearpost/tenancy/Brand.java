package io.clearpost.tenancy;

import io.clearpost.events.DomainEvent;
import org.springframework.data.domain.AbstractAggregateRoot;
import io.clearpost.support.StringList;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;

import java.time.ZoneId;
import java.util.List;

/** A brand: the engine tenant, its time zone, whether it is regulated or signs off as a client, and its policy. */
public class Brand extends AbstractAggregateRoot<Brand> {

    @Id
    private final String id;
    private final String name;
    private final String timeZone;
    private final boolean regulated;
    private final boolean clientSignOff;
    private final StringList platforms;
    private final StringList mandatoryMentions;
    private final StringList bannedTerms;
    private boolean frozen;
    @Version
    private Long version;

    @PersistenceCreator
    Brand(String id, String name, String timeZone, boolean regulated, boolean clientSignOff, StringList platforms,
          StringList mandatoryMentions, StringList bannedTerms, boolean frozen, Long version) {
        this.id = id;
        this.name = name;
        this.timeZone = timeZone;
        this.regulated = regulated;
        this.clientSignOff = clientSignOff;
        this.platforms = platforms;
        this.mandatoryMentions = mandatoryMentions;
        this.bannedTerms = bannedTerms;
        this.frozen = frozen;
        this.version = version;
    }

    public static Brand create(String id, String name, ZoneId zone, boolean regulated, boolean clientSignOff,
                               List<String> platforms, List<String> mandatoryMentions, List<String> bannedTerms) {
        return new Brand(id, name, zone.getId(), regulated, clientSignOff, StringList.of(platforms),
                StringList.of(mandatoryMentions), StringList.of(bannedTerms), false, null);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean regulated() {
        return regulated;
    }

    public boolean clientSignOff() {
        return clientSignOff;
    }

    public List<String> platforms() {
        return platforms.values();
    }

    public List<String> mandatoryMentions() {
        return mandatoryMentions.values();
    }

    public List<String> bannedTerms() {
        return bannedTerms.values();
    }

    public boolean frozen() {
        return frozen;
    }

    public void freeze(String actor) {
        frozen = true;
        registerEvent(new DomainEvent.BrandFrozen(id, actor));
    }

    public void unfreeze(String actor) {
        frozen = false;
        registerEvent(new DomainEvent.BrandUnfrozen(id, actor));
    }
}
