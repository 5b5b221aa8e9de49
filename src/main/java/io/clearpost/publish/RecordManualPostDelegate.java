package io.clearpost.publish;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** publication.bpmn "Record the post made by hand": the URL the strategist gave in resolve-publication. */
@Component("recordManualPostDelegate")
class RecordManualPostDelegate implements JavaDelegate {

    private final Publications publications;

    RecordManualPostDelegate(Publications publications) {
        this.publications = publications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        publications.markPosted((String) execution.getVariable("contentId"), (String) execution.getVariable("platform"),
                null, (String) execution.getVariable("url"), true, Actor.of(execution));
    }
}
