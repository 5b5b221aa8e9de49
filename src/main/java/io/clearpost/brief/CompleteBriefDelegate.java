package io.clearpost.brief;

import io.clearpost.audit.Actor;
import io.clearpost.audit.AuditLog;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Map;

/** brief.bpmn "Close the brief": every deliverable has ended. */
@Component("completeBriefDelegate")
class CompleteBriefDelegate implements JavaDelegate {

    private final BriefRepository briefs;
    private final AuditLog audit;

    CompleteBriefDelegate(BriefRepository briefs, AuditLog audit) {
        this.briefs = briefs;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Brief brief = briefs.findById((String) execution.getVariable("briefId")).orElseThrow();
        brief.complete();
        briefs.save(brief);
        audit.append(brief.brand(), "BRIEF_COMPLETED", Actor.of(execution), brief.id(), null,
                Map.of("status", brief.status().name()));
    }
}
