package io.clearpost.sla;

import io.clearpost.engine.EngineClock;
import io.clearpost.engine.TimedTask;
import io.clearpost.events.DomainEvent;
import io.clearpost.task.TaskEscalations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * "Escalated to the role sla-policy names" (the due timer of every user task, and every reminder interval after):
 * records the escalation of the late task to the roles its deadlines name (task detail, SLA report, audit,
 * {@code clearpost_task_escalations_total{key}}), which tells those roles. The task keeps its assignee.
 */
@Component("escalateTask")
class EscalateTaskDelegate implements JavaDelegate {

    private final TaskEscalations escalations;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    EscalateTaskDelegate(TaskEscalations escalations, ApplicationEventPublisher events, MeterRegistry meters) {
        this.escalations = escalations;
        this.events = events;
        this.meters = meters;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TimedTask.of(execution).ifPresent(task -> escalate(execution, task));
    }

    private void escalate(DelegateExecution execution, Task task) {
        var services = execution.getProcessEngineServices();
        SlaTimers.Deadlines deadlines = SlaTimers.kept(
                        services.getRuntimeService().getVariablesLocal(task.getExecutionId(), SlaTimers.keptNames()))
                .orElseThrow(() -> new IllegalStateException("Task " + task.getId() + " has no SLA deadlines"));
        List<String> to = deadlines.escalateTo();
        Instant now = EngineClock.now();
        escalations.record(task.getId(), task.getTenantId(), task.getTaskDefinitionKey(),
                task.getCreateTime().toInstant(), now, to);
        events.publishEvent(new DomainEvent.TaskEscalated(task.getTenantId(), "system",
                RemindAssigneeDelegate.text(execution, "briefId"), RemindAssigneeDelegate.text(execution, "contentId"),
                task.getId(), task.getTaskDefinitionKey(), task.getAssignee(), deadlines.due(), to));
        Counter.builder("clearpost.task.escalations")
                .description("Late user tasks escalated to the roles sla-policy.dmn names, by task key")
                .tag("key", task.getTaskDefinitionKey())
                .register(meters)
                .increment();
    }
}
