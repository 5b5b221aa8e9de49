package io.clearpost.crisis;

import io.clearpost.content.ContentService;
import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** crisis-escalation.bpmn "Send the statement back to drafting": a reviewer did not approve it. */
@Component("reopenStatementDelegate")
class ReopenStatementDelegate implements JavaDelegate {

    private final ContentService content;

    ReopenStatementDelegate(ContentService content) {
        this.content = content;
    }

    @Override
    public void execute(DelegateExecution execution) {
        content.reopenStatement((String) execution.getVariable("contentId"), Actor.of(execution));
    }
}
