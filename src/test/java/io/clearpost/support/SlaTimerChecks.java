package io.clearpost.support;

import io.clearpost.events.DomainEvent;
import io.clearpost.task.TaskEscalations;
import io.micrometer.core.instrument.MeterRegistry;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.event.ApplicationEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLA boundary timers of one open user task, driven by a process test (no job executor): the at-risk timer
 * reminds, the due timer escalates to the roles sla-policy.dmn names and fires again at the reminder interval,
 * and the task keeps its assignee throughout. Needs {@code @RecordApplicationEvents} on the test class.
 */
public final class SlaTimerChecks {

    private final ManagementService management;
    private final TaskService tasks;
    private final TaskEscalations escalations;
    private final ApplicationEvents events;
    private final MeterRegistry meters;

    public SlaTimerChecks(ApplicationContext context, ApplicationEvents events) {
        this.meters = context.getBean(MeterRegistry.class);
        this.management = context.getBean(ManagementService.class);
        this.tasks = context.getBean(TaskService.class);
        this.escalations = context.getBean(TaskEscalations.class);
        this.events = events;
    }

    /** legal-review → LegalReview, as the timers' ids spell the task key. */
    public static String pascal(String taskKey) {
        return Arrays.stream(taskKey.split("-"))
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining());
    }

    /** The task's "At risk" or "Late" timer ({@code suffix}). */
    public Job timer(Task task, String suffix) {
        return management.createJobQuery().processInstanceId(task.getProcessInstanceId())
                .activityId("Event_" + pascal(task.getTaskDefinitionKey()) + suffix).singleResult();
    }

    /** The SLA timers of the task's key still pending in its process instance. */
    public List<Job> timers(Task task) {
        String p = pascal(task.getTaskDefinitionKey());
        return management.createJobQuery().processInstanceId(task.getProcessInstanceId()).list().stream()
                .filter(job -> job.getExecutionId() != null)
                .filter(job -> ("Event_" + p + "AtRisk").equals(activityOf(job)) || ("Event_" + p + "Late").equals(activityOf(job)))
                .toList();
    }

    private String activityOf(Job job) {
        return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId();
    }

    /**
     * At its at-risk point the task is reminded; when due it is escalated to {@code to}; after
     * {@code remindEvery} it is escalated again. The clock ends at the second escalation.
     */
    public void remindedThenEscalated(Task task, Duration remindEvery, String... to) {
        String assignee = task.getAssignee();
        Job atRisk = timer(task, "AtRisk");
        Job late = timer(task, "Late");
        assertThat(atRisk).as("at-risk timer of %s", task.getTaskDefinitionKey()).isNotNull();
        assertThat(late).as("late timer of %s", task.getTaskDefinitionKey()).isNotNull();
        assertThat(atRisk.getDuedate()).as("reminded at the task's at-risk point").isEqualTo(task.getFollowUpDate());
        assertThat(late.getDuedate()).as("escalated at the task's due date").isEqualTo(task.getDueDate());

        ProcessDriver.clockAt(task.getFollowUpDate().toInstant());
        management.executeJob(atRisk.getId());
        assertThat(events.stream(DomainEvent.TaskReminded.class).filter(e -> e.taskId().equals(task.getId())))
                .as("%s reminded", task.getTaskDefinitionKey())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.taskKey()).isEqualTo(task.getTaskDefinitionKey());
                    assertThat(e.assignee()).isEqualTo(assignee);
                    assertThat(e.dueAt()).isEqualTo(task.getDueDate().toInstant());
                });
        assertThat(escalations.of(task.getId())).as("not escalated before it is due").isEmpty();

        Instant due = ProcessDriver.clockAt(task.getDueDate().toInstant());
        double counted = escalationsCounted(task.getTaskDefinitionKey());
        management.executeJob(late.getId());
        assertThat(escalationsCounted(task.getTaskDefinitionKey())).as("clearpost_task_escalations_total")
                .isEqualTo(counted + 1);
        assertThat(escalations.of(task.getId())).containsExactly(new TaskEscalations.Escalation(due, List.of(to)));
        assertThat(events.stream(DomainEvent.TaskEscalated.class).filter(e -> e.taskId().equals(task.getId())))
                .singleElement()
                .satisfies(e -> assertThat(e.escalatedTo()).containsExactly(to));
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
                .as("escalation informs; the task keeps its assignee").isEqualTo(assignee);

        Job again = timer(task, "Late");
        assertThat(again).as("escalated again while late").isNotNull();
        assertThat(again.getDuedate().toInstant()).isEqualTo(due.plus(remindEvery));
        Instant later = ProcessDriver.clockAt(due.plus(remindEvery));
        management.executeJob(again.getId());
        assertThat(escalations.of(task.getId())).extracting(TaskEscalations.Escalation::at).containsExactly(due, later);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult()).as("still open").isNotNull();
    }

    private double escalationsCounted(String key) {
        var counter = meters.find("clearpost.task.escalations").tag("key", key).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Once the task is completed (or its scope left), none of its SLA timers is pending. */
    public void timersCancelled(Task task) {
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult()).as("task completed").isNull();
        assertThat(timers(task)).as("SLA timers of %s after completion", task.getTaskDefinitionKey()).isEmpty();
    }
}
