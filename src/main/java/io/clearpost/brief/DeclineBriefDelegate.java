package io.clearpost.brief;

import io.clearpost.audit.Actor;
import io.clearpost.audit.AuditLog;
import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Map;

/** brief.bpmn "Decline the brief": the client did not sign off; the brief and its deliverables end here. */
@Component("declineBriefDelegate")
class DeclineBriefDelegate implements JavaDelegate {

    private final BriefRepository briefs;
    private final ContentService content;
    private final AuditLog audit;

    DeclineBriefDelegate(BriefRepository briefs, ContentService content, AuditLog audit) {
        this.briefs = briefs;
        this.content = content;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String actor = Actor.of(execution);
        Brief brief = briefs.findById((String) execution.getVariable("briefId")).orElseThrow();
        brief.decline();
        briefs.save(brief);
        audit.append(brief.brand(), "BRIEF_DECLINED", actor, brief.id(), null, Map.of("status", brief.status().name()));
        for (ContentItem item : content.ofBrief(brief.id())) {
            content.cancel(item.id(), actor);
        }
    }
}
