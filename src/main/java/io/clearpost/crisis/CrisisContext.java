package io.clearpost.crisis;

import io.clearpost.task.TaskContextSource;
import org.operaton.bpm.engine.DecisionService;
import org.operaton.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the crisis cell sees in a crisis task: the crisis (summary, signals, severity, chosen platforms), the severity
 * crisis-severity.dmn suggested and what it calls for (crisis-actions, the same table the model reads).
 */
@Component
class CrisisContext implements TaskContextSource {

    private final Crises crises;
    private final DecisionService decisions;

    CrisisContext(Crises crises, DecisionService decisions) {
        this.crises = crises;
        this.decisions = decisions;
    }

    @Override
    public Map<String, Object> contextFor(String briefId, String contentId) {
        return Map.of();
    }

    @Override
    public Map<String, Object> contextFor(String briefId, String contentId, String crisisId) {
        if (crisisId == null) {
            return Map.of();
        }
        Crisis crisis = crises.find(crisisId);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("id", crisis.id());
        about.put("status", crisis.status().name());
        about.put("summary", crisis.summary());
        about.put("signals", crisis.signals());
        about.put("severity", crisis.currentSeverity());
        about.put("frozen", crisis.frozen());
        about.put("platforms", crisis.platforms());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("crisis", about);
        context.put("platforms", crisis.platforms());
        context.put("suggestedSeverity", crisis.suggestedSeverity());
        if (crisis.suggestedSeverity() != null) {
            context.put("suggestedActions", decisions.evaluateDecisionByKey("crisis-actions")
                    .variables(Variables.putValue("severity", crisis.suggestedSeverity())).evaluate()
                    .getSingleResult().getEntryMap());
        }
        context.put("actionChoices", List.of());
        return context;
    }
}
