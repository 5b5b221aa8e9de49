package io.clearpost.brief;

import io.clearpost.engine.Actor;
import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;


/** brief.bpmn "Decline the brief": the client did not sign off; the brief and its deliverables end here. */
@Component("declineBriefDelegate")
class DeclineBriefDelegate implements JavaDelegate {

    private final BriefRepository briefs;
    private final ContentService content;

    DeclineBriefDelegate(BriefRepository briefs, ContentService content) {
        this.briefs = briefs;
        this.content = content;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String actor = Actor.of(execution);
        Brief brief = briefs.findById((String) execution.getVariable("briefId")).orElseThrow();
        brief.decline(actor);
        briefs.save(brief);
        for (ContentItem item : content.ofBrief(brief.id())) {
            content.cancel(item.id(), actor);
        }
    }
}
