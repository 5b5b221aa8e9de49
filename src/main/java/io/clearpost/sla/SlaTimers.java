package io.clearpost.sla;

import io.clearpost.engine.EngineClock;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.WorkingHours;
import org.operaton.bpm.dmn.engine.DmnDecisionResultEntries;
import org.operaton.bpm.engine.DecisionService;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deadlines of sla-policy.dmn for one user task, as the models' SLA boundary timers read them:
 * {@code ${sla.atRisk(execution, 'legal-review')}} (the "At risk" timer) and
 * {@code ${sla.lateCycle(execution, 'legal-review')}} (the "Due, then every reminder interval" timer).
 * <p>
 * The engine evaluates these when the task's scope starts, just before it creates the task; the decision is
 * taken once and kept as local variables of that scope, where {@link SlaPolicy} reads the task's due date and
 * at-risk point, so timers and task list agree to the millisecond. What was kept is reused only by the same
 * activity instance (the task's scope), never by a later task of the same execution. BUSINESS durations count
 * the brand's working hours ({@link BusinessCalendar}); WALL_CLOCK durations every hour.
 */
@Component("sla")
public class SlaTimers {

    static final String AT_RISK = "slaAtRisk";
    static final String DUE = "slaDue";
    static final String REMIND_EVERY = "slaRemindEvery";
    static final String ESCALATE_TO = "slaEscalateTo";
    static final String DECIDED_FOR = "slaDecidedFor";

    /** What sla-policy.dmn decided for a task, at the time its scope started. */
    public record Deadlines(Instant atRisk, Instant due, Duration remindEvery, List<String> escalateTo) {
    }

    private final BrandRepository brands;

    SlaTimers(BrandRepository brands) {
        this.brands = brands;
    }

    /** When the assignee is reminded. */
    public Date atRisk(DelegateExecution execution, String taskKey) {
        return Date.from(decide(execution, taskKey).atRisk());
    }

    /** {@code R/<due>/<remindEvery>}: escalated when due, then again at every interval while open. */
    public String lateCycle(DelegateExecution execution, String taskKey) {
        Deadlines deadlines = decide(execution, taskKey);
        return "R/" + deadlines.due() + "/" + deadlines.remindEvery();
    }

    /** The deadlines kept on a task's scope (its local variables), or empty for a scope the SLA timers never started. */
    public static Optional<Deadlines> kept(Map<String, Object> locals) {
        if (!(locals.get(DUE) instanceof Date due)) {
            return Optional.empty();
        }
        return Optional.of(new Deadlines(((Date) locals.get(AT_RISK)).toInstant(), due.toInstant(),
                Duration.parse((String) locals.get(REMIND_EVERY)),
                Arrays.asList(((String) locals.get(ESCALATE_TO)).split(","))));
    }

    /** The names of the local variables that keep a task's deadlines. */
    public static List<String> keptNames() {
        return List.of(AT_RISK, DUE, REMIND_EVERY, ESCALATE_TO, DECIDED_FOR);
    }

    /** Decides once per task scope; later calls (the second timer, the task listener) read what was kept. */
    Deadlines decide(DelegateExecution scope, String taskKey) {
        var kept = kept(scope.getVariablesLocal());
        if (kept.isPresent() && scope.getActivityInstanceId().equals(scope.getVariableLocal(DECIDED_FOR))) {
            return kept.get();
        }
        DecisionService decisions = scope.getProcessEngineServices().getDecisionService();
        Instant now = EngineClock.now();
        // a task outside any brand (none of Clearpost's models has one) counts working hours in UTC
        Deadlines deadlines = brandOf(scope)
                .map(brand -> evaluate(decisions, brand.regulated(), BusinessCalendar.of(brand), taskKey,
                        severityOf(scope), now))
                .orElseGet(() -> evaluate(decisions, false,
                        BusinessCalendar.of(ZoneOffset.UTC, WorkingHours.DEFAULT, null), taskKey, null, now));
        scope.setVariableLocal(AT_RISK, Date.from(deadlines.atRisk()));
        scope.setVariableLocal(DUE, Date.from(deadlines.due()));
        scope.setVariableLocal(REMIND_EVERY, deadlines.remindEvery().toString());
        scope.setVariableLocal(ESCALATE_TO, String.join(",", deadlines.escalateTo()));
        scope.setVariableLocal(DECIDED_FOR, scope.getActivityInstanceId());
        return deadlines;
    }

    /** sla-policy.dmn for a task of the brand created at {@code start}. */
    public static Deadlines evaluate(DecisionService decisions, Brand brand, String taskKey, Instant start) {
        return evaluate(decisions, brand.regulated(), BusinessCalendar.of(brand), taskKey, null, start);
    }

    private static Deadlines evaluate(DecisionService decisions, boolean regulated, BusinessCalendar calendar,
                                      String taskKey, Integer severity, Instant start) {
        DmnDecisionResultEntries sla = decisions.evaluateDecisionByKey(SlaPolicy.DECISION)
                .variables(Variables.putValue("taskKey", taskKey).putValue("regulated", regulated)
                        .putValue("severity", severity))
                .evaluate()
                .getSingleResult();
        boolean business = "BUSINESS".equals(sla.getEntry("calendar"));
        Duration dueIn = Duration.parse(sla.getEntry("dueIn"));
        Duration atRiskAfter = Duration.parse(sla.getEntry("atRiskAfter"));
        Instant due = business ? calendar.plus(start, dueIn) : start.plus(dueIn);
        Instant atRisk = business ? calendar.plus(start, atRiskAfter) : start.plus(atRiskAfter);
        return new Deadlines(atRisk, due, Duration.parse(sla.getEntry("remindEvery")),
                Arrays.stream(((String) sla.getEntry("escalateTo")).split(",")).map(String::trim).toList());
    }

    /**
     * A crisis task's severity: the one the crisis cell decided (crisis-escalation.bpmn's {@code severity}), before
     * triage the one crisis-severity.dmn suggested; null outside a crisis.
     */
    private static Integer severityOf(DelegateExecution scope) {
        Object severity = scope.getVariable("severity");
        if (severity == null) {
            severity = scope.getVariable("suggestedSeverity");
        }
        return severity instanceof Number number ? number.intValue() : null;
    }

    private Optional<Brand> brandOf(DelegateExecution scope) {
        Object brand = scope.getTenantId() != null ? scope.getTenantId() : scope.getVariable("brand");
        return brand == null ? Optional.empty() : brands.findById(brand.toString());
    }
}
