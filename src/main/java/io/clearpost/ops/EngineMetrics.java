package io.clearpost.ops;

import io.clearpost.engine.EngineClock;
import io.clearpost.task.SlaState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.model.bpmn.instance.UserTask;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gauges read from the engine at scrape time:
 * <ul>
 *   <li>{@code clearpost.tasks.open} by {@code key} and {@code sla} ({@link SlaState}): one series for every
 *       user task key of the deployed models and every SLA state, zero included, so an alert can say
 *       "any BREACHED legal-review";</li>
 *   <li>{@code clearpost.jobs.due}: executable jobs (due, retries left, not suspended) waiting for the job
 *       executor. A growing backlog means posts go out late.</li>
 * </ul>
 * The open-task counts come from one task query, cached for a few seconds so one scrape costs one query.
 */
@Component
class EngineMetrics {

    static final String OPEN_TASKS = "clearpost.tasks.open";
    static final String DUE_JOBS = "clearpost.jobs.due";
    private static final long CACHE_MILLIS = 5_000;

    private final TaskService tasks;
    private final ManagementService management;
    private final RepositoryService repository;
    private final MeterRegistry registry;

    private Map<String, Map<SlaState, Long>> snapshot = Map.of();
    private long takenAt;

    EngineMetrics(TaskService tasks, ManagementService management, RepositoryService repository, MeterRegistry registry) {
        this.tasks = tasks;
        this.management = management;
        this.repository = repository;
        this.registry = registry;
    }

    /** After start-up, once the engine has deployed the models whose task keys name the series. */
    @EventListener(ApplicationReadyEvent.class)
    void register() {
        Gauge.builder(DUE_JOBS, management, m -> m.createJobQuery().executable().active().count())
                .description("Executable jobs due now, waiting for the job executor")
                .register(registry);
        for (String key : userTaskKeys()) {
            for (SlaState sla : SlaState.values()) {
                Gauge.builder(OPEN_TASKS, this, metrics -> metrics.open(key, sla))
                        .description("Open user tasks by task key and SLA state")
                        .tag("key", key)
                        .tag("sla", sla.name())
                        .register(registry);
            }
        }
    }

    Set<String> userTaskKeys() {
        Set<String> keys = new TreeSet<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)
                    .forEach(task -> keys.add(task.getId()));
        }
        return keys;
    }

    long open(String key, SlaState sla) {
        return counts().getOrDefault(key, Map.of()).getOrDefault(sla, 0L);
    }

    private synchronized Map<String, Map<SlaState, Long>> counts() {
        long now = System.currentTimeMillis();
        if (takenAt == 0 || now - takenAt >= CACHE_MILLIS) {
            Date engineNow = Date.from(EngineClock.now());
            Map<String, Map<SlaState, Long>> counted = new HashMap<>();
            for (Task task : tasks.createTaskQuery().list()) {
                SlaState state = SlaState.of(engineNow, task.getFollowUpDate(), task.getDueDate());
                counted.computeIfAbsent(task.getTaskDefinitionKey(), k -> new EnumMap<>(SlaState.class))
                        .merge(state, 1L, Long::sum);
            }
            snapshot = counted;
            takenAt = now;
        }
        return snapshot;
    }
}
