package io.clearpost.crisis;

import io.clearpost.content.ContentService;
import io.clearpost.support.FieldError;
import io.clearpost.support.InvalidInput;
import io.clearpost.task.TaskCompletion;
import io.clearpost.task.TaskRef;
import org.operaton.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user tasks of crisis-escalation.bpmn: triage (the severity the model reads), the holding statement's draft
 * and its two reviews (hash-bound and four-eyes, as every review; each returns its own decision variable, the two
 * run in parallel), the resolution and the post-mortem.
 */
@Component
class CrisisTasks implements TaskCompletion {

    static final String TRIAGE = "triage-crisis";
    static final String DRAFT = "draft-holding-statement";
    static final String LEGAL = "approve-holding-statement";
    static final String SIGN_OFF = "communications-sign-off";
    static final String RESOLVE = "resolve-crisis";
    static final String POST_MORTEM = "post-mortem";

    private final Crises crises;
    private final ContentService content;
    private final TaskService engineTasks;
    private final Playbooks playbooks;

    CrisisTasks(Crises crises, ContentService content, TaskService engineTasks, Playbooks playbooks) {
        this.playbooks = playbooks;
        this.crises = crises;
        this.content = content;
        this.engineTasks = engineTasks;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(TRIAGE, DRAFT, LEGAL, SIGN_OFF, RESOLVE, POST_MORTEM);
    }

    @Override
    public Map<String, Object> complete(TaskRef task, Map<String, Object> values) {
        String actor = task.user().id();
        String crisisId = (String) engineTasks.getVariable(task.id(), "crisisId");
        switch (task.key()) {
            case TRIAGE -> {
                int severity = severity(values.get("severity"));
                crises.triaged(crisisId, severity, (String) values.get("comment"), actor);
                return Map.of("severity", severity);
            }
            case DRAFT -> {
                Crisis crisis = crises.find(crisisId);
                Playbooks.Filled playbook = values.get("playbook") == null || "".equals(values.get("playbook"))
                        ? null : playbooks.fill(crisis.brand(), values.get("playbook"), values.get("placeholders"));
                if (playbook == null && values.get("placeholders") != null) {
                    throw new InvalidInput("placeholders", "are only for a statement drafted from a playbook");
                }
                List<Map<String, Object>> written = written(values.get("replies"));
                List<Map<String, Object>> replies = new ArrayList<>(playbook == null ? List.of() : playbook.replies());
                replies.addAll(written);
                requireDistinctNames(replies, replies.size() - written.size());
                content.submitStatement(task.contentId(), values.get("variants"), actor);
                // the one comparison the model routes on: an approved playbook's text, only placeholders filled, and
                // no reply of the drafter's own (legal approved the playbook's replies, not those)
                boolean unchanged = playbook != null && written.isEmpty()
                        && playbook.unchanged(values.get("variants"), crisis.platforms());
                crises.statementDrafted(crisisId, Boolean.TRUE.equals(engineTasks.getVariable(task.id(), "regulated")),
                        playbook, unchanged, replies, actor);
                return Map.of("playbookUnchanged", unchanged);
            }
            case LEGAL, SIGN_OFF -> {
                String decision = (String) values.get("decision");
                content.decideStatement(task.contentId(), task.key(), actor, decision, (String) values.get("comment"),
                        (String) values.get("revisionHash"));
                return Map.of(task.key().equals(LEGAL) ? "legalDecision" : "communicationsDecision", decision);
            }
            case RESOLVE -> {
                crises.resolve(crisisId, (String) values.get("summary"), actor);
                return Map.of();
            }
            case POST_MORTEM -> {
                crises.postMortem(crisisId, (String) values.get("whatHappened"), (String) values.get("whatWorked"),
                        texts(values.get("actions")), actor);
                return Map.of();
            }
            default -> throw new IllegalStateException("not a crisis task: " + task.key());
        }
    }

    /** The replies the drafter wrote, as the form checked them: {@code [{name, text}]}. */
    private static List<Map<String, Object>> written(Object value) {
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        return items.stream().map(item -> (Map<?, ?>) item).map(item -> {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("name", item.get("name"));
            reply.put("text", item.get("text"));
            return reply;
        }).toList();
    }

    /** Moderators pick a reply by its name: the written ones (from {@code firstWritten} on) may not repeat one. */
    private static void requireDistinctNames(List<Map<String, Object>> replies, int firstWritten) {
        Set<Object> names = new HashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            if (!names.add(replies.get(i).get("name")) && i >= firstWritten) {
                errors.add(new FieldError("replies[" + (i - firstWritten) + "].name",
                        "names another reply of the statement (its playbook's included)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    /**
     * The post-mortem's actions as strings: the API takes {@code [string]} (DESIGN §7), form-js' dynamic list
     * submits {@code [{text}]}; the form has checked each item's text.
     */
    private static List<String> texts(Object value) {
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        return items.stream().map(item -> item instanceof Map<?, ?> map ? map.get("text") : item)
                .map(String.class::cast).toList();
    }

    /** The form checked 1 to 4; a severity is also a whole number. */
    private static int severity(Object value) {
        BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString()) : null;
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            throw new InvalidInput(List.of(new FieldError("severity", "must be a whole number from 1 to 4")));
        }
        return number.intValueExact();
    }
}
