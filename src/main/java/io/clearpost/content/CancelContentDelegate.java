package io.clearpost.content;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** brief.bpmn "Cancel the deliverable" after a reviewer rejected it. */
@Component("cancelContentDelegate")
class CancelContentDelegate implements JavaDelegate {

    private final ContentService content;

    CancelContentDelegate(ContentService content) {
        this.content = content;
    }

    @Override
    public void execute(DelegateExecution execution) {
        content.cancel((String) execution.getVariable("contentId"), Actor.of(execution));
    }
}
