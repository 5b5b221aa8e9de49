package io.clearpost.crisis;

import io.clearpost.engine.Actor;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * crisis-escalation.bpmn "Open the holding statement": a content item of the brand for the crisis's platforms
 * ({@code contentId}), to be approved by the reviews the model routes it to: the communications sign-off always,
 * legal where the brand is regulated (the model's {@code regulated} gateway).
 */
@Component("prepareStatementDelegate")
class PrepareStatementDelegate implements JavaDelegate {

    static final String SIGN_OFF_RULE = "crisis-escalation: every holding statement is signed off";
    static final String LEGAL_RULE = "crisis-escalation: regulated brand";

    private final Crises crises;

    PrepareStatementDelegate(Crises crises) {
        this.crises = crises;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, String> reviews = new LinkedHashMap<>();
        reviews.put(CrisisTasks.SIGN_OFF, SIGN_OFF_RULE);
        if (Boolean.TRUE.equals(execution.getVariable("regulated"))) {
            reviews.put(CrisisTasks.LEGAL, LEGAL_RULE);
        }
        String contentId = crises.openStatement((String) execution.getVariable("crisisId"), reviews,
                Actor.of(execution));
        execution.setVariable("contentId", contentId);
    }
}
