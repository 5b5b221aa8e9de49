package io.clearpost.sla;

import io.clearpost.engine.EngineClock;
import io.clearpost.support.TimeRange;
import io.clearpost.task.SlaState;
import io.clearpost.task.TaskEscalations;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.history.HistoricTaskInstance;
import org.operaton.bpm.engine.history.HistoricTaskInstanceQuery;
import org.springframework.stereotype.Service;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GET /api/sla/report: per user-task key, how the brand's tasks created in [from, to) fared against the
 * due dates {@link SlaPolicy} gave them, from the engine's task history. A completed task is on time when
 * it ended no later than its due date (a task without one is never late); an open task is at risk or
 * breached as {@link SlaState} says now. Cycle time is creation to completion of completed tasks. Escalations
 * ({@link TaskEscalations}) count how often the key's tasks were escalated, and how many of them.
 */
@Service
public class SlaReport {

    /** History is read in pages of this many tasks; only counts and durations stay in memory. */
    static final int PAGE_SIZE = 1000;
    /** The engine's delete reason of a task that was completed, rather than cancelled with its scope. */
    private static final String COMPLETED = "completed";

    private final HistoryService history;
    private final TaskEscalations escalations;

    SlaReport(HistoryService history, TaskEscalations escalations) {
        this.history = history;
        this.escalations = escalations;
    }

    public record Report(String brand, OffsetDateTime from, OffsetDateTime to, List<KeyReport> tasks) {
    }

    /**
     * One task key. {@code onTimeRate} is {@code onTime / completed}, null while nothing is completed;
     * {@code cancelled} counts tasks that ended without completion (their scope was cancelled).
     */
    public record KeyReport(String key, long completed, long onTime, Double onTimeRate, long open, long atRiskOpen,
                            long breachedOpen, long cancelled, long escalatedTasks, long escalations,
                            CycleTime cycleTime) {
    }

    /** Seconds with millisecond precision, over completed tasks; null while none is. p90 is the nearest rank. */
    public record CycleTime(Double averageSeconds, Double medianSeconds, Double p90Seconds) {
    }

    public Report report(CurrentUser user, String brand, TimeRange range) {
        user.requireRole(brand, "brand " + brand, true, Role.STRATEGIST, Role.BRAND_MANAGER, Role.AUDITOR);
        Date now = Date.from(EngineClock.now());
        Map<String, Tally> byKey = new TreeMap<>();
        // the engine's startedAfter/startedBefore are both inclusive: the end is excluded below
        HistoricTaskInstanceQuery query = history.createHistoricTaskInstanceQuery()
                .tenantIdIn(brand)
                .startedAfter(Date.from(range.start()))
                .startedBefore(Date.from(range.end()))
                .orderByHistoricActivityInstanceStartTime().asc()
                .orderByTaskId().asc();
        for (int first = 0; ; first += PAGE_SIZE) {
            List<HistoricTaskInstance> page = query.listPage(first, PAGE_SIZE);
            for (HistoricTaskInstance task : page) {
                if (task.getTaskDefinitionKey() != null && range.contains(task.getStartTime().toInstant())) {
                    byKey.computeIfAbsent(task.getTaskDefinitionKey(), k -> new Tally()).add(task, now);
                }
            }
            if (page.size() < PAGE_SIZE) {
                break;
            }
        }
        Map<String, TaskEscalations.Count> escalated = escalations.countByKey(brand, range.start(), range.end());
        return new Report(brand, range.from(), range.to(), byKey.entrySet().stream()
                .map(e -> e.getValue().report(e.getKey(),
                        escalated.getOrDefault(e.getKey(), new TaskEscalations.Count(0, 0))))
                .toList());
    }

    private static final class Tally {
        private long completed;
        private long onTime;
        private long open;
        private long atRisk;
        private long breached;
        private long cancelled;
        private long[] cycleMillis = new long[16];

        void add(HistoricTaskInstance task, Date now) {
            if (task.getEndTime() == null) {
                open++;
                switch (SlaState.of(now, task.getFollowUpDate(), task.getDueDate())) {
                    case AT_RISK -> atRisk++;
                    case BREACHED -> breached++;
                    case ON_TRACK -> { }
                }
            } else if (COMPLETED.equals(task.getDeleteReason())) {
                if (task.getDueDate() == null || !task.getEndTime().after(task.getDueDate())) {
                    onTime++;
                }
                if (completed == cycleMillis.length) {
                    cycleMillis = Arrays.copyOf(cycleMillis, cycleMillis.length * 2);
                }
                cycleMillis[(int) completed++] = Math.max(0, task.getEndTime().getTime() - task.getStartTime().getTime());
            } else {
                cancelled++;
            }
        }

        KeyReport report(String key, TaskEscalations.Count escalated) {
            Double rate = completed == 0 ? null : (double) onTime / completed;
            return new KeyReport(key, completed, onTime, rate, open, atRisk, breached, cancelled, escalated.tasks(),
                    escalated.escalations(), cycleTime());
        }

        private CycleTime cycleTime() {
            int n = (int) completed;
            if (n == 0) {
                return new CycleTime(null, null, null);
            }
            long[] sorted = Arrays.copyOf(cycleMillis, n);
            Arrays.sort(sorted);
            double average = Arrays.stream(sorted).average().orElseThrow();
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
            long p90 = sorted[(int) Math.ceil(0.9 * n) - 1];
            return new CycleTime(seconds(average), seconds(median), seconds(p90));
        }

        private static double seconds(double millis) {
            return Math.round(millis) / 1000.0;
        }
    }
}
