package io.clearpost.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(String id, String key, String name, String brand, String briefId, String contentId,
                       String crisisId, String platform,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String assignee, List<String> candidateGroups,
                       Instant createdAt, Instant dueAt, SlaState sla, JsonNode form, Map<String, Object> context,
                       List<TaskEscalations.Escalation> escalations) {
}
