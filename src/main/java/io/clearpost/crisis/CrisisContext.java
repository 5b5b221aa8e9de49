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
 * crisis-severity.dmn suggested and what it calls for (crisis-actions, the same table the model reads), and the
 * brand's playbooks legal approved, which a holding statement may start from ({@code playbookChoices} for the
 * draft form's select, {@code playbooks} with their texts and placeholders; for a redraft, the {@code playbook},
 * {@code placeholders} and written {@code replies} of the last draft), and the replies drafted with the statement
 * ({@code replyDrafts}), which its reviewers approve with it.
 */
@Component
class CrisisContext implements TaskContextSource {

    private final Crises crises;
    private final Playbooks playbooks;
    private final PlaybookUses playbookUses;
    private final CrisisReplies replies;
    private final DecisionService decisions;

    CrisisContext(Crises crises, Playbooks playbooks, PlaybookUses playbookUses, CrisisReplies replies,
                  DecisionService decisions) {
        this.crises = crises;
        this.playbooks = playbooks;
        this.playbookUses = playbookUses;
        this.replies = replies;
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
        List<PlaybookView> approved = playbooks.approvedOf(crisis.brand());
        context.put("playbooks", approved);
        context.put("playbookChoices", approved.stream().map(p -> Map.of("value", p.id(),
                "label", p.title() + " (" + p.scenario() + ", revision " + p.revision() + ")")).toList());
        // a statement sent back is redrafted from where it was: the playbook chosen and the values typed in (the
        // form's "Placeholder values" is a text input, so they come as the JSON text it submits)
        playbookUses.lastUse(crisisId).ifPresent(use -> {
            context.put("playbook", use.playbookId());
            context.put("placeholders", use.placeholders());
        });
        // the replies drafted with the statement, which its reviewers approve with it; the drafter's own fill the
        // draft form's list again on a redraft
        List<Map<String, Object>> drafts = replies.drafts(crisisId);
        context.put("replyDrafts", drafts);
        context.put("replies", drafts.stream().filter(r -> !r.containsKey("playbookId"))
                .map(r -> Map.of("name", r.get("name"), "text", r.get("text"))).toList());
        return context;
    }
}
