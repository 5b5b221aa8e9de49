package io.clearpost.crisis;

import io.clearpost.engine.Actor;
import io.clearpost.publish.BrandFreeze;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** crisis-escalation.bpmn "Freeze the brand's publications": the brand's freeze, held by the crisis ({@code frozen}). */
@Component("freezeBrandDelegate")
class FreezeBrandDelegate implements JavaDelegate {

    private final BrandFreeze freeze;
    private final Crises crises;

    FreezeBrandDelegate(BrandFreeze freeze, Crises crises) {
        this.freeze = freeze;
        this.crises = crises;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String actor = Actor.of(execution);
        freeze.freeze((String) execution.getVariable("brand"), actor);
        crises.froze((String) execution.getVariable("crisisId"), actor);
        execution.setVariable("frozen", true);
    }
}
