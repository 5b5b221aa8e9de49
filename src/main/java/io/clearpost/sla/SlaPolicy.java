package io.clearpost.sla;

import org.operaton.bpm.dmn.engine.DmnDecisionResultEntries;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.TaskListener;
import io.clearpost.engine.EngineClock;
import io.clearpost.engine.EveryUserTask;
import org.operaton.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Gives every user task, when it is created, the due date and at-risk point that sla-policy.dmn
 * sets for its task key. The due date is the task's due date; the at-risk point its follow-up date.
 */
@Component
public class SlaPolicy implements EveryUserTask {

    public static final String DECISION = "sla-policy";

    @Override
    public String eventName() {
        return TaskListener.EVENTNAME_CREATE;
    }

    @Override
    public void notify(DelegateTask task) {
        DmnDecisionResultEntries sla = task.getProcessEngineServices().getDecisionService()
                .evaluateDecisionByKey(DECISION)
                .variables(Variables.putValue("taskKey", task.getTaskDefinitionKey()))
                .evaluate()
                .getSingleResult();
        Instant created = EngineClock.now();
        task.setDueDate(Date.from(created.plus(Duration.parse(sla.getEntry("dueIn")))));
        task.setFollowUpDate(Date.from(created.plus(Duration.parse(sla.getEntry("atRiskAfter")))));
    }
}
