package io.clearpost.crisis;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** crisis-escalation.bpmn "Record the statement published": its URLs on the timeline, the time to statement measured. */
@Component("recordStatementPublishedDelegate")
class RecordStatementPublishedDelegate implements JavaDelegate {

    private final Crises crises;

    RecordStatementPublishedDelegate(Crises crises) {
        this.crises = crises;
    }

    @Override
    public void execute(DelegateExecution execution) {
        crises.statementPublished((String) execution.getVariable("crisisId"), Actor.of(execution));
    }
}
