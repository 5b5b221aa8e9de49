package io.clearpost.content;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** brief.bpmn "Mark the content approved"; the item itself checks that every required review approved its hash. */
@Component("markContentApprovedDelegate")
class MarkContentApprovedDelegate implements JavaDelegate {

    private final ContentService content;

    MarkContentApprovedDelegate(ContentService content) {
        this.content = content;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String actor = Actor.of(execution);
        content.change((String) execution.getVariable("contentId"), it -> it.approve(actor));
    }
}
