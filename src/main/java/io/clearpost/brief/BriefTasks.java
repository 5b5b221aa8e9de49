package io.clearpost.brief;

import io.clearpost.support.FieldError;
import io.clearpost.support.InvalidInput;
import io.clearpost.task.TaskCompletion;
import io.clearpost.task.TaskContextSource;
import io.clearpost.task.TaskRef;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * approve-brief (the client's sign-off, never by the brief's author nor by its reviser) and revise-brief
 * (the strategist answers a request for changes); the brief in every task's context, and while changes are
 * requested, the brief's fields as the revise-brief form's data with the brand manager's comment.
 */
@Component
class BriefTasks implements TaskCompletion, TaskContextSource {

    /** The limits of POST /api/briefs (CreateBrief) for the lists a revision replaces. */
    private static final int MAX_ITEMS = 50;

    private final BriefRepository briefs;

    BriefTasks(BriefRepository briefs) {
        this.briefs = briefs;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of("approve-brief", "revise-brief");
    }

    @Override
    public Map<String, Object> complete(TaskRef task, Map<String, Object> values) {
        Brief brief = briefs.findById(task.briefId()).orElseThrow();
        if (task.key().equals("revise-brief")) {
            brief.revise(task.user().id(), revision(values));
            briefs.save(brief);
            // approval-routing.dmn routes the reviews by the category: the process reads the revised one
            return Map.of("category", brief.category());
        }
        String decision = (String) values.get("decision");
        brief.signOff(task.user().id(), decision, values.get("comment"));
        briefs.save(brief);
        return Map.of("decision", decision);
    }

    /** The revise-brief form's values, checked as POST /api/briefs checks the same fields. */
    private static Brief.Revision revision(Map<String, Object> values) {
        List<FieldError> errors = new ArrayList<>();
        Category category = null;
        if (values.get("category") instanceof String key) {
            category = Category.ofKey(key).orElse(null);
            if (category == null) {
                errors.add(new FieldError("category", "must be one of " + Category.keys()));
            }
        }
        List<String> keyMessages = texts(values.get("keyMessages"), "keyMessages", errors);
        List<String> mentions = texts(values.get("mandatoryMentions"), "mandatoryMentions", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Brief.Revision((String) values.get("title"), (String) values.get("objective"),
                (String) values.get("audience"), keyMessages, mentions, category);
    }

    /**
     * The list as POST /api/briefs takes it (strings, DESIGN §7) or as form-js' dynamic list submits it
     * ({@code [{text}]}), as a list of strings; absent = unchanged.
     */
    private static List<String> texts(Object value, String field, List<FieldError> errors) {
        if (!(value instanceof List<?> items)) {
            return value == null ? null : List.of();
        }
        if (items.size() > MAX_ITEMS) {
            errors.add(new FieldError(field, "must have at most " + MAX_ITEMS + " items"));
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            boolean plain = items.get(i) instanceof String;
            Object text = plain ? items.get(i) : items.get(i) instanceof Map<?, ?> item ? item.get("text") : null;
            if (!(text instanceof String s) || s.isBlank()) {
                errors.add(new FieldError(field + "[" + i + "]" + (plain ? "" : ".text"), "is required"));
            } else {
                texts.add(s);
            }
        }
        return texts;
    }

    @Override
    public Map<String, Object> contextFor(String briefId, String contentId) {
        if (briefId == null) {
            return Map.of();
        }
        return briefs.findById(briefId).<Map<String, Object>>map(b -> {
            Map<String, Object> context = new LinkedHashMap<>();
            Map<String, Object> brief = new LinkedHashMap<>();
            brief.put("id", b.id());
            brief.put("title", b.title());
            brief.put("objective", b.objective());
            brief.put("audience", b.audience());
            brief.put("keyMessages", b.keyMessages());
            brief.put("mandatoryMentions", b.mandatoryMentions());
            brief.put("category", b.category());
            brief.put("status", b.status());
            brief.put("createdBy", b.createdBy());
            brief.put("revisedBy", b.revisedBy());
            brief.put("changesRequested", b.changesRequested());
            context.put("brief", brief);
            if (b.status() == BriefStatus.CHANGES_REQUESTED) {
                // the revise-brief form's data: its fields start from the brief as it stands
                context.put("changesRequested", b.changesRequested());
                context.put("title", b.title());
                context.put("objective", b.objective());
                context.put("audience", b.audience());
                context.put("keyMessages", b.keyMessages().stream().map(t -> Map.of("text", t)).toList());
                context.put("mandatoryMentions", b.mandatoryMentions().stream().map(t -> Map.of("text", t)).toList());
                context.put("category", b.category());
            }
            return context;
        }).orElse(Map.of());
    }
}
