package io.clearpost.tenancy;

import io.clearpost.events.DomainEvent;
import org.springframework.data.domain.AbstractAggregateRoot;
import io.clearpost.support.StringList;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;

import io.clearpost.support.Conflict;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

/**
 * A brand: the engine tenant, its time zone, whether it is regulated or signs off as a client, its policy, and
 * its business calendar (working hours in its time zone, and the country whose public holidays it does not work).
 */
public class Brand extends AbstractAggregateRoot<Brand> {

    @Id
    private final String id;
    private String name;
    private String timeZone;
    private boolean regulated;
    private boolean clientSignOff;
    private StringList platforms;
    private StringList mandatoryMentions;
    private StringList bannedTerms;
    private boolean frozen;
    /** {@link WorkingHours}' text form. */
    private String workingHours;
    /** ISO 3166 alpha-2, or null: no public holidays. */
    private String holidayCountry;
    /** No new briefs; everything stays readable. A brand is never deleted. */
    private boolean archived;
    @Version
    private Long version;

    @PersistenceCreator
    Brand(String id, String name, String timeZone, boolean regulated, boolean clientSignOff, StringList platforms,
          StringList mandatoryMentions, StringList bannedTerms, boolean frozen, String workingHours,
          String holidayCountry, boolean archived, Long version) {
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
        this.archived = archived;
        this.version = version;
    }

    /** A new brand with the default calendar: {@link WorkingHours#DEFAULT}, no public holidays. */
    public static Brand create(String id, String name, ZoneId zone, boolean regulated, boolean clientSignOff,
                               List<String> platforms, List<String> mandatoryMentions, List<String> bannedTerms) {
        return new Brand(id, name, zone.getId(), regulated, clientSignOff, StringList.of(platforms),
                StringList.of(mandatoryMentions), StringList.of(bannedTerms), false, WorkingHours.DEFAULT.toString(),
                null, false, null);
    }

    /** Registers the brand's creation by an administrator, with its settings, for the audit chain. */
    public void established(String actor) {
        registerEvent(new DomainEvent.BrandCreated(id, actor, settings()));
    }

    /**
     * Replaces the brand's settings and policy (content checked afterwards follows them; nothing recorded before
     * changes) and registers who changed which setting, from what, to what. Nothing changed: no event.
     */
    public void change(String name, ZoneId zone, boolean regulated, boolean clientSignOff, List<String> platforms,
                       List<String> mandatoryMentions, List<String> bannedTerms, WorkingHours hours,
                       String holidayCountry, String actor) {
        Map<String, Object> before = settings();
        changeCalendar(hours, holidayCountry);
        this.name = name;
        this.timeZone = zone.getId();
        this.regulated = regulated;
        this.clientSignOff = clientSignOff;
        this.platforms = StringList.of(platforms);
        this.mandatoryMentions = StringList.of(mandatoryMentions);
        this.bannedTerms = StringList.of(bannedTerms);
        Map<String, Object> after = settings();
        Map<String, Object> changes = new LinkedHashMap<>();
        before.forEach((key, from) -> {
            Object to = after.get(key);
            if (!Objects.equals(from, to)) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("from", from);
                change.put("to", to);
                changes.put(key, change);
            }
        });
        if (!changes.isEmpty()) {
            registerEvent(new DomainEvent.BrandChanged(id, actor, changes));
        }
    }

    /** Archives the brand; an archived brand cannot be archived again. */
    public void archive(String actor) {
        if (archived) {
            throw new Conflict("Brand " + id + " is archived already");
        }
        archived = true;
        registerEvent(new DomainEvent.BrandArchived(id, actor));
    }

    public boolean archived() {
        return archived;
    }

    /** The settings an administrator sets, as the audit trail records them. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("name", name);
        settings.put("timeZone", timeZone);
        settings.put("regulated", regulated);
        settings.put("clientSignOff", clientSignOff);
        settings.put("platforms", platforms());
        settings.put("mandatoryMentions", mandatoryMentions());
        settings.put("bannedTerms", bannedTerms());
        settings.put("workingHours", workingHours);
        settings.put("holidayCountry", holidayCountry);
        return settings;
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
