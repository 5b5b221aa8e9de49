package io.clearpost.crisis;

import io.clearpost.events.DomainEvent;
import io.clearpost.support.CanonicalJson;
import io.clearpost.support.Conflict;
import io.clearpost.support.StringList;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.MappedCollection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A crisis of one brand: the signals it was declared with, the severity the crisis cell decided, whether it holds
 * the brand's freeze, its holding statement (a content item), and its timeline. The aggregate guards its own
 * transitions and registers a {@link DomainEvent} for each, which the audit module writes into the brand's chain.
 */
class Crisis extends AbstractAggregateRoot<Crisis> {

    @Id
    private final String id;
    private final String brand;
    private final String summary;
    private final String signals;
    private final Long reach;
    private final Long mentionsPerHour;
    private final boolean legalRisk;
    private final boolean safetyRisk;
    private final boolean pressCoverage;
    private final StringList platforms;
    private CrisisStatus status;
    private Integer suggestedSeverity;
    private Integer severity;
    private boolean frozen;
    private String statementContentId;
    /** The brand while the crisis is OPEN, else null: a unique index allows one open crisis per brand. */
    private String openBrand;
    private final String declaredBy;
    private final Instant declaredAt;
    private Instant statementPublishedAt;
    private String resolution;
    private String postMortem;
    @MappedCollection(idColumn = "CRISIS_ID", keyColumn = "POSITION")
    private final List<CrisisStep> steps;
    @Version
    private Long version;

    @PersistenceCreator
    Crisis(String id, String brand, String summary, String signals, Long reach, Long mentionsPerHour, boolean legalRisk,
           boolean safetyRisk, boolean pressCoverage, StringList platforms, CrisisStatus status,
           Integer suggestedSeverity, Integer severity, boolean frozen, String statementContentId, String openBrand,
           String declaredBy, Instant declaredAt, Instant statementPublishedAt, String resolution, String postMortem,
           List<CrisisStep> steps, Long version) {
        this.id = id;
        this.brand = brand;
        this.summary = summary;
        this.signals = signals;
        this.reach = reach;
        this.mentionsPerHour = mentionsPerHour;
        this.legalRisk = legalRisk;
        this.safetyRisk = safetyRisk;
        this.pressCoverage = pressCoverage;
        this.platforms = platforms;
        this.status = status;
        this.suggestedSeverity = suggestedSeverity;
        this.severity = severity;
        this.frozen = frozen;
        this.statementContentId = statementContentId;
        this.openBrand = openBrand;
        this.declaredBy = declaredBy;
        this.declaredAt = declaredAt;
        this.statementPublishedAt = statementPublishedAt;
        this.resolution = resolution;
        this.postMortem = postMortem;
        this.steps = new ArrayList<>(steps);
        this.version = version;
    }

    static Crisis declare(String brand, String summary, List<Map<String, Object>> signals, Long reach,
                          Long mentionsPerHour, boolean legalRisk, boolean safetyRisk, boolean pressCoverage,
                          List<String> platforms, String actor, Instant at) {
        Crisis crisis = new Crisis(UUID.randomUUID().toString(), brand, summary, json(signals), reach, mentionsPerHour,
                legalRisk, safetyRisk, pressCoverage, StringList.of(platforms), CrisisStatus.OPEN, null, null, false,
                null, brand, actor, at, null, null, null, List.of(), null);
        crisis.step("DECLARED", actor, at, Map.of("summary", summary));
        crisis.registerEvent(new DomainEvent.CrisisDeclared(brand, actor, crisis.id, summary, signals, reach,
                mentionsPerHour, legalRisk, safetyRisk, pressCoverage, platforms));
        return crisis;
    }

    /** What crisis-severity.dmn suggested from the signals, when the process started. */
    void suggested(Integer severity) {
        suggestedSeverity = severity;
    }

    void triaged(int decided, String comment, String actor, Instant at) {
        requireOpen("triage it");
        severity = decided;
        step("TRIAGED", actor, at, detail("suggestedSeverity", suggestedSeverity, "severity", decided,
                "comment", comment));
        registerEvent(new DomainEvent.CrisisTriaged(brand, actor, id, suggestedSeverity, decided, comment));
    }

    /** The severity the crisis cell decided, else (before triage) the suggested one. */
    Integer currentSeverity() {
        return severity != null ? severity : suggestedSeverity;
    }

    void severityChanged(int to, String comment, String actor, Instant at) {
        requireOpen("change its severity");
        Integer from = severity;
        severity = to;
        step("SEVERITY_CHANGED", actor, at, detail("from", from, "to", to, "comment", comment));
        registerEvent(new DomainEvent.CrisisSeverityChanged(brand, actor, id, from, to, comment));
    }

    void froze(String actor, Instant at) {
        frozen = true;
        step("FROZEN", actor, at, null);
        registerEvent(new DomainEvent.CrisisFreezeChanged(brand, actor, id, true));
    }

    void liftedFreeze(String actor, Instant at) {
        frozen = false;
        step("FREEZE_LIFTED", actor, at, null);
        registerEvent(new DomainEvent.CrisisFreezeChanged(brand, actor, id, false));
    }

    void statementOpened(String contentId, String actor, Instant at) {
        statementContentId = contentId;
        step("STATEMENT_OPENED", actor, at, detail("contentId", contentId));
        registerEvent(new DomainEvent.CrisisStatementOpened(brand, actor, id, contentId));
    }

    void statementApproved(String hash, String actor, Instant at) {
        step("STATEMENT_APPROVED", actor, at, detail("hash", hash));
        registerEvent(new DomainEvent.CrisisStatementApproved(brand, actor, id, statementContentId, hash));
    }

    void statementPublished(Map<String, String> urls, String actor, Instant at) {
        statementPublishedAt = at;
        step("STATEMENT_PUBLISHED", actor, at, detail("urls", urls));
        registerEvent(new DomainEvent.CrisisStatementPublished(brand, actor, id, statementContentId, urls));
    }

    void resolve(String summary, String actor, Instant at) {
        requireOpen("resolve it");
        status = CrisisStatus.RESOLVED;
        openBrand = null;
        resolution = summary;
        step("RESOLVED", actor, at, detail("summary", summary));
        registerEvent(new DomainEvent.CrisisResolved(brand, actor, id, summary));
    }

    void postMortem(String whatHappened, String whatWorked, List<String> actions, String actor, Instant at) {
        if (status != CrisisStatus.RESOLVED) {
            throw new Conflict("crisis " + id + " is " + status + "; its post-mortem follows the resolution");
        }
        status = CrisisStatus.CLOSED;
        postMortem = json(detail("whatHappened", whatHappened, "whatWorked", whatWorked, "actions", actions));
        step("POST_MORTEM", actor, at, postMortem);
        registerEvent(new DomainEvent.PostMortemRecorded(brand, actor, id, whatHappened, whatWorked, actions));
    }

    private void requireOpen(String action) {
        if (status != CrisisStatus.OPEN) {
            throw new Conflict("crisis " + id + " is " + status + "; cannot " + action);
        }
    }

    private void step(String step, String actor, Instant at, Object detail) {
        steps.add(new CrisisStep(step, actor, at, detail == null ? null
                : detail instanceof String text ? text : json(detail)));
    }

    private static Map<String, Object> detail(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static String json(Object value) {
        try {
            return CanonicalJson.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Object parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return CanonicalJson.mapper().readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored crisis JSON is not JSON", e);
        }
    }

    String id() {
        return id;
    }

    String brand() {
        return brand;
    }

    String summary() {
        return summary;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> signals() {
        return (List<Map<String, Object>>) parse(signals);
    }

    Long reach() {
        return reach;
    }

    Long mentionsPerHour() {
        return mentionsPerHour;
    }

    boolean legalRisk() {
        return legalRisk;
    }

    boolean safetyRisk() {
        return safetyRisk;
    }

    boolean pressCoverage() {
        return pressCoverage;
    }

    List<String> platforms() {
        return platforms.values();
    }

    CrisisStatus status() {
        return status;
    }

    Integer suggestedSeverity() {
        return suggestedSeverity;
    }

    Integer severity() {
        return severity;
    }

    boolean frozen() {
        return frozen;
    }

    String statementContentId() {
        return statementContentId;
    }

    String declaredBy() {
        return declaredBy;
    }

    Instant declaredAt() {
        return declaredAt;
    }

    Instant statementPublishedAt() {
        return statementPublishedAt;
    }

    String resolution() {
        return resolution;
    }

    Object postMortemValues() {
        return parse(postMortem);
    }

    List<CrisisStep> steps() {
        return List.copyOf(steps);
    }
}
