package io.clearpost.publish;

import io.clearpost.audit.Actor;
import io.clearpost.content.ContentService;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** publication.bpmn "Cancel the post on this platform". */
@Component("cancelPostDelegate")
class CancelPostDelegate implements JavaDelegate {

    private final ContentService content;

    CancelPostDelegate(ContentService content) {
        this.content = content;
    }

    @Override
    public void execute(DelegateExecution execution) {
        content.cancelPost((String) execution.getVariable("contentId"), (String) execution.getVariable("platform"),
                Actor.of(execution));
    }
}
