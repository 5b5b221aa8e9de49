package io.clearpost.publish;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** publication.bpmn "Cancel the post on this platform". */
@Component("cancelPostDelegate")
class CancelPostDelegate implements JavaDelegate {

    private final Publications publications;

    CancelPostDelegate(Publications publications) {
        this.publications = publications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        publications.cancel((String) execution.getVariable("contentId"), (String) execution.getVariable("platform"),
                Actor.of(execution));
    }
}
