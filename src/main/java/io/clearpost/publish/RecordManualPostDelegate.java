package io.clearpost.publish;

import io.clearpost.audit.Actor;
import io.clearpost.content.ContentService;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** publication.bpmn "Record the post made by hand": the URL the strategist gave in resolve-publication. */
@Component("recordManualPostDelegate")
class RecordManualPostDelegate implements JavaDelegate {

    private final ContentService content;

    RecordManualPostDelegate(ContentService content) {
        this.content = content;
    }

    @Override
    public void execute(DelegateExecution execution) {
        content.markPosted((String) execution.getVariable("contentId"), (String) execution.getVariable("platform"),
                null, (String) execution.getVariable("url"), true, Actor.of(execution));
    }
}
