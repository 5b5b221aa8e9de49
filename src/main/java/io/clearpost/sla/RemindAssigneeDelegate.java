package io.clearpost.sla;

import io.clearpost.engine.TimedTask;
import io.clearpost.events.DomainEvent;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * "Assignee reminded" (the at-risk timer of every user task): records that the task is at risk, which tells its
 * assignee, or the members of its candidate groups while nobody has claimed it.
 */
@Component("remindAssignee")
class RemindAssigneeDelegate implements JavaDelegate {

    private final ApplicationEventPublisher events;

    RemindAssigneeDelegate(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TimedTask.of(execution).ifPresent(task -> events.publishEvent(new DomainEvent.TaskReminded(task.getTenantId(),
                "system", text(execution, "briefId"), text(execution, "contentId"), task.getId(),
                task.getTaskDefinitionKey(), task.getAssignee(), task.getDueDate().toInstant())));
    }

    static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }
}
