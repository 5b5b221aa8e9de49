package io.clearpost.brief;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;


/** brief.bpmn "Close the brief": every deliverable has ended. */
@Component("completeBriefDelegate")
class CompleteBriefDelegate implements JavaDelegate {

    private final BriefRepository briefs;
    CompleteBriefDelegate(BriefRepository briefs) {
        this.briefs = briefs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Brief brief = briefs.findById((String) execution.getVariable("briefId")).orElseThrow();
        brief.complete(Actor.of(execution));
        briefs.save(brief);
    }
}
