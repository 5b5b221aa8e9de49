package io.clearpost.schedule;

import io.clearpost.content.ContentService;
import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** scheduling.bpmn "Mark the deliverable expired": its window closed before anyone scheduled it. */
@Component("expireContentDelegate")
class ExpireContentDelegate implements JavaDelegate {

    private final ContentService content;

    ExpireContentDelegate(ContentService content) {
        this.content = content;
    }

    @Override
    public void execute(DelegateExecution execution) {
        content.expire((String) execution.getVariable("contentId"), Actor.of(execution));
    }
}
