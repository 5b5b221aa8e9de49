package io.clearpost.publish;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** publication.bpmn "Mark the content published": every platform has ended (posted or cancelled). */
@Component("markContentPublishedDelegate")
class MarkContentPublishedDelegate implements JavaDelegate {

    private final Publications publications;

    MarkContentPublishedDelegate(Publications publications) {
        this.publications = publications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        publications.close((String) execution.getVariable("contentId"), Actor.of(execution));
    }
}
