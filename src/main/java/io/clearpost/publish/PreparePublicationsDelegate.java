package io.clearpost.publish;

import io.clearpost.content.ContentItem;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * publication.bpmn "Prepare one publication per platform": stores each platform's idempotency key
 * before any platform is called; sets {@code platforms} and {@code publishAt} for the model.
 */
@Component("preparePublicationsDelegate")
class PreparePublicationsDelegate implements JavaDelegate {

    private final Publications publications;

    PreparePublicationsDelegate(Publications publications) {
        this.publications = publications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ContentItem item = publications.prepare((String) execution.getVariable("contentId"));
        execution.setVariable("publishAt", Date.from(item.publishAt()));
    }
}
