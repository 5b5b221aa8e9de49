package io.clearpost.brief;

import io.clearpost.audit.AuditLog;
import io.clearpost.task.TaskCompletion;
import io.clearpost.task.TaskContextSource;
import io.clearpost.task.TaskRef;
import io.clearpost.web.ApiException;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** approve-brief: the client's sign-off (never by the brief's own author), and the brief in every task's context. */
@Component
class BriefTasks implements TaskCompletion, TaskContextSource {

    private final BriefRepository briefs;
    private final AuditLog audit;

    BriefTasks(BriefRepository briefs, AuditLog audit) {
        this.briefs = briefs;
        this.audit = audit;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of("approve-brief");
    }

    @Override
    public Map<String, Object> complete(TaskRef task, Map<String, Object> values) {
        Brief brief = briefs.findById(task.briefId()).orElseThrow();
        if (brief.createdBy().equals(task.user().id())) {
            throw ApiException.conflict("four-eyes: " + task.user().id() + " wrote this brief and cannot sign it off");
        }
        String decision = (String) values.get("decision");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decision", decision);
        payload.put("comment", values.get("comment"));
        audit.append(brief.brand(), "BRIEF_SIGNED_OFF", task.user().id(), brief.id(), null, payload);
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
