package io.clearpost.brief;

import io.clearpost.support.Conflict;
import io.clearpost.task.TaskCompletion;
import io.clearpost.task.TaskContextSource;
import io.clearpost.task.TaskRef;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** approve-brief: the client's sign-off (never by the brief's own author), and the brief in every task's context. */
@Component
class BriefTasks implements TaskCompletion, TaskContextSource {

    private final BriefRepository briefs;
    BriefTasks(BriefRepository briefs) {
        this.briefs = briefs;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of("approve-brief");
    }

    @Override
    public Map<String, Object> complete(TaskRef task, Map<String, Object> values) {
        Brief brief = briefs.findById(task.briefId()).orElseThrow();
        String decision = (String) values.get("decision");
        brief.signOff(task.user().id(), decision, values.get("comment"));
        briefs.save(brief);
        return Map.of("decision", decision);
    }

    @Override
    public Map<String, Object> contextFor(String briefId, String contentId) {
        if (briefId == null) {
            return Map.of();
        }
        return briefs.findById(briefId).<Map<String, Object>>map(b -> {
            Map<String, Object> brief = new LinkedHashMap<>();
            brief.put("id", b.id());
            brief.put("title", b.title());
            brief.put("objective", b.objective());
            brief.put("audience", b.audience());
            brief.put("keyMessages", b.keyMessages());
            brief.put("mandatoryMentions", b.mandatoryMentions());
            brief.put("category", b.category());
            brief.put("createdBy", b.createdBy());
            return Map.of("brief", brief);
        }).orElse(Map.of());
    }
}
