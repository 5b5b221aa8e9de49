package io.clearpost.crisis;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * crisis-escalation.bpmn "Approve the statement for publication now": every required review approved the current
 * hash, which becomes the approved hash publication checks; the publish time is now.
 */
@Component("approveStatementDelegate")
class ApproveStatementDelegate implements JavaDelegate {

    private final Crises crises;

    ApproveStatementDelegate(Crises crises) {
        this.crises = crises;
    }

    @Override
    public void execute(DelegateExecution execution) {
        crises.statementApproved((String) execution.getVariable("crisisId"), Actor.of(execution));
    }
}
