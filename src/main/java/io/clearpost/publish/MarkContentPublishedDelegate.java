package io.clearpost.publish;

import io.clearpost.audit.Actor;
import io.clearpost.content.ContentService;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** publication.bpmn "Mark the content published": every platform has ended (posted or cancelled). */
@Component("markContentPublishedDelegate")
class MarkContentPublishedDelegate implements JavaDelegate {

    private final ContentService content;

    MarkContentPublishedDelegate(ContentService content) {
        this.content = content;
    }

    @Override
    public void execute(DelegateExecution execution) {
        content.closePublication((String) execution.getVariable("contentId"), Actor.of(execution));
    }
}
