package io.clearpost.tenancy;

import io.clearpost.events.DomainEvent;
import org.springframework.data.domain.AbstractAggregateRoot;
import io.clearpost.support.StringList;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A brand: the engine tenant, its time zone, whether it is regulated or signs off as a client, its policy, and
 * its business calendar (working hours in its time zone, and the country whose public holidays it does not work).
 */
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
    /** {@link WorkingHours}' text form. */
    private String workingHours;
    /** ISO 3166 alpha-2, or null: no public holidays. */
    private String holidayCountry;
    @Version
    private Long version;

    @PersistenceCreator
    Brand(String id, String name, String timeZone, boolean regulated, boolean clientSignOff, StringList platforms,
          StringList mandatoryMentions, StringList bannedTerms, boolean frozen, String workingHours,
          String holidayCountry, Long version) {
        this.id = id;
        this.name = name;
        this.timeZone = timeZone;
        this.regulated = regulated;
        this.clientSignOff = clientSignOff;
        this.platforms = platforms;
        this.mandatoryMentions = mandatoryMentions;
        this.bannedTerms = bannedTerms;
        this.frozen = frozen;
        this.workingHours = workingHours;
        this.holidayCountry = holidayCountry;
        this.version = version;
    }

    /** A new brand with the default calendar: {@link WorkingHours#DEFAULT}, no public holidays. */
    public static Brand create(String id, String name, ZoneId zone, boolean regulated, boolean clientSignOff,
                               List<String> platforms, List<String> mandatoryMentions, List<String> bannedTerms) {
        return new Brand(id, name, zone.getId(), regulated, clientSignOff, StringList.of(platforms),
                StringList.of(mandatoryMentions), StringList.of(bannedTerms), false, WorkingHours.DEFAULT.toString(),
                null, null);
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

    public WorkingHours workingHours() {
        return WorkingHours.parse(workingHours);
    }

    /** The ISO 3166 alpha-2 code whose public holidays are not working days, or null for none. */
    public String holidayCountry() {
        return holidayCountry;
    }

    /**
     * Sets the working hours and the holiday country (null: no public holidays); the code is stored in upper
     * case and must be a country jollyday knows ({@link HolidayCountries}), else IllegalArgumentException.
     */
    public void changeCalendar(WorkingHours hours, String holidayCountry) {
        String country = holidayCountry == null ? null : HolidayCountries.require(holidayCountry);
        this.workingHours = Objects.requireNonNull(hours, "working hours").toString();
        this.holidayCountry = country;
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
