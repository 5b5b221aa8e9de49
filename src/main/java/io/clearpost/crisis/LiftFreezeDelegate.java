package io.clearpost.crisis;

import io.clearpost.engine.Actor;
import io.clearpost.publish.BrandFreeze;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** crisis-escalation.bpmn "Lift the freeze": every post held meanwhile goes on to confirm-held-post. */
@Component("liftFreezeDelegate")
class LiftFreezeDelegate implements JavaDelegate {

    private final BrandFreeze freeze;
    private final Crises crises;

    LiftFreezeDelegate(BrandFreeze freeze, Crises crises) {
        this.freeze = freeze;
        this.crises = crises;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String actor = Actor.of(execution);
        freeze.unfreeze((String) execution.getVariable("brand"), actor);
        crises.liftedFreeze((String) execution.getVariable("crisisId"), actor);
        execution.setVariable("frozen", false);
    }
}
