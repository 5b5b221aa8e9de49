package io.clearpost.publish;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** publication.bpmn "Hold the post": due while the brand is frozen (checked again under the brand row lock). */
@Component("holdPostDelegate")
class HoldPostDelegate implements JavaDelegate {

    private final Publications publications;
    private final BrandFreeze freeze;

    HoldPostDelegate(Publications publications, BrandFreeze freeze) {
        this.publications = publications;
        this.freeze = freeze;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!freeze.stillFrozen((String) execution.getVariable("brand"))) {
            // lifted between the freeze check and now: fail the job, whose retry publishes as usual
            throw new IllegalStateException("the freeze was lifted while the post was being held");
        }
        publications.hold((String) execution.getVariable("contentId"), (String) execution.getVariable("platform"),
                Actor.of(execution));
    }
}
