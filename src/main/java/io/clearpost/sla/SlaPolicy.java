package io.clearpost.sla;

import io.clearpost.engine.EveryUserTask;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * Gives every user task, when it is created, the due date and at-risk point that sla-policy.dmn
 * sets for its task key (as its SLA timers were given them: {@link SlaTimers}). The due date is the
 * task's due date; the at-risk point its follow-up date.
 */
@Component
public class SlaPolicy implements EveryUserTask {

    public static final String DECISION = "sla-policy";

    private final SlaTimers timers;

    SlaPolicy(SlaTimers timers) {
        this.timers = timers;
    }

    @Override
    public String eventName() {
        return TaskListener.EVENTNAME_CREATE;
    }

    @Override
    public void notify(DelegateTask task) {
        SlaTimers.Deadlines deadlines = timers.decide(task.getExecution(), task.getTaskDefinitionKey());
        task.setDueDate(Date.from(deadlines.due()));
        task.setFollowUpDate(Date.from(deadlines.atRisk()));
    }
}
