package io.clearpost.brief;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Problem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brief's "request changes" path over real HTTP: nina (nova-foods' brand manager, the client) asks for
 * changes, sam (the strategist) revises the brief with her comment in the task context, nina signs off the
 * revision, and the audit trail shows every step.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviseBriefApiTest {

    @LocalServerPort
    int port;

    @Test
    void clientRequestsChangesStrategistRevisesClientSignsOffTheRevision() {
        Lifecycle flow = Lifecycle.on(port);
        Lifecycle.Submitted brief = flow.submit("sam", Briefs.request("nova-foods", "standard", List.of("threads"), "felix"));
        String briefId = brief.briefId();

        String signOff = flow.briefTask("nina", "approve-brief", briefId).path("id").asText();
        flow.complete("nina", signOff, Map.of("decision", "REQUEST_CHANGES", "comment", "Say that the granola is vegan"));
        assertThat(flow.brief("sam", briefId).path("status").asText()).isEqualTo("CHANGES_REQUESTED");
        assertThat(flow.tasks("felix", "key=create-content")).noneMatch(t -> briefId.equals(t.path("briefId").asText()));

        // sam's task shows nina's comment and starts from the brief as it stands
        JsonNode revise = flow.briefTask("sam", "revise-brief", briefId);
        assertThat(revise.path("candidateGroups")).extracting(JsonNode::asText).containsExactly("nova-foods:strategist");
        JsonNode detail = flow.taskDetail("sam", revise.path("id").asText());
        assertThat(detail.path("form").path("id").asText()).isEqualTo("revise-brief");
        JsonNode context = detail.path("context");
        assertThat(context.path("changesRequested").asText()).isEqualTo("Say that the granola is vegan");
        assertThat(context.path("title").asText()).isEqualTo(brief.body().path("title").asText());
        assertThat(context.path("keyMessages")).extracting(m -> m.path("text").asText())
                .containsExactly("Save a little every month");
        assertThat(context.path("category").asText()).isEqualTo("standard");

        // the brand manager may read the task but not revise her own request
        Problem.of(flow.as("nina").post("/api/tasks/" + revise.path("id").asText() + "/complete", revision("Vegan")), 403);

        // validated like POST /api/briefs, naming the fields; nothing changes
        Map<String, Object> invalid = revision("t".repeat(301));
        invalid.put("category", "gossip");
        invalid.put("keyMessages", List.of(Map.of("text", " ")));
        invalid.put("budget", 1000);
        JsonNode problem = Problem.invalid(flow.as("sam").post("/api/tasks/" + revise.path("id").asText() + "/complete", invalid),
                "title", "keyMessages[0].text", "category", "budget");
        assertThat(Problem.message(problem, "budget")).isEqualTo("unknown field");
        assertThat(flow.brief("sam", briefId).path("title").asText()).isEqualTo(brief.body().path("title").asText());

        flow.complete("sam", revise.path("id").asText(), revision("Vegan granola, spring"));

        JsonNode revised = flow.brief("sam", briefId);
        assertThat(revised.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(revised.path("title").asText()).isEqualTo("Vegan granola, spring");

        // signed off again: the second approve-brief shows the revision, and approving starts creation
        JsonNode again = flow.briefTask("nina", "approve-brief", briefId);
        assertThat(again.path("id").asText()).isNotEqualTo(signOff);
        JsonNode againContext = flow.taskDetail("nina", again.path("id").asText()).path("context").path("brief");
        assertThat(againContext.path("title").asText()).isEqualTo("Vegan granola, spring");
        assertThat(againContext.path("revisedBy").asText()).isEqualTo("sam");
        assertThat(againContext.path("keyMessages")).extracting(JsonNode::asText)
                .containsExactly("100% plant-based", "Save a little every month");
        flow.complete("nina", again.path("id").asText(), Map.of("decision", "APPROVE"));
        assertThat(flow.task("felix", "create-content", brief.contentId()).path("assignee").asText()).isEqualTo("felix");

        JsonNode audit = Api.as(port, "root").get("/api/audit/briefs/" + briefId).json();
        assertThat(audit).extracting(e -> e.path("type").asText() + "/" + e.path("actor").asText())
                .containsSubsequence("BRIEF_CREATED/sam", "BRIEF_SIGNED_OFF/nina", "BRIEF_REVISED/sam", "BRIEF_SIGNED_OFF/nina");
        JsonNode revisedEvent = audit.findParents("type").stream()
                .filter(e -> e.path("type").asText().equals("BRIEF_REVISED")).findFirst().orElseThrow();
        assertThat(revisedEvent.toString()).contains("Say that the granola is vegan", "Vegan granola, spring");
    }

    /** DESIGN §7: revise-brief's values are the fields of POST /api/briefs, whose lists are plain strings. */
    @Test
    void aRevisionMayGiveItsListsAsPostApiBriefsTakesThem() {
        Lifecycle flow = Lifecycle.on(port);
        String briefId = flow.submit("sam", Briefs.request("nova-foods", "standard", List.of("threads"), "felix")).briefId();
        flow.complete("nina", flow.briefTask("nina", "approve-brief", briefId).path("id").asText(),
                Map.of("decision", "REQUEST_CHANGES", "comment", "Mention the oats"));
        String revise = flow.briefTask("sam", "revise-brief", briefId).path("id").asText();

        Map<String, Object> blank = revision("Oat granola");
        blank.put("keyMessages", List.of("Oats from the valley", " "));
        Problem.invalid(flow.as("sam").post("/api/tasks/" + revise + "/complete", blank), "keyMessages[1].text");

        Map<String, Object> values = revision("Oat granola");
        values.put("keyMessages", List.of("Oats from the valley", "Save a little every month"));
        flow.complete("sam", revise, values);

        JsonNode revised = flow.brief("sam", briefId);
        assertThat(revised.path("title").asText()).isEqualTo("Oat granola");
        assertThat(revised.path("keyMessages")).extracting(JsonNode::asText)
                .containsExactly("Oats from the valley", "Save a little every month");
    }

    @Test
    void rejectingTheBriefDeclinesIt() {
        Lifecycle flow = Lifecycle.on(port);
        String briefId = flow.submit("sam", Briefs.request("nova-foods", "standard", List.of("threads"), "felix")).briefId();

        flow.complete("nina", flow.briefTask("nina", "approve-brief", briefId).path("id").asText(),
                Map.of("decision", "REJECT", "comment", "Not this season"));

        assertThat(flow.brief("sam", briefId).path("status").asText()).isEqualTo("DECLINED");
        assertThat(flow.tasks("sam", "key=revise-brief")).noneMatch(t -> briefId.equals(t.path("briefId").asText()));
    }

    /** The revise-brief form's values: the brief's fields, the lists as form-js' dynamic lists submit them. */
    private static Map<String, Object> revision(String title) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", title);
        values.put("objective", "Grow savings account sign-ups");
        values.put("audience", "Young professionals");
        values.put("keyMessages", List.of(Map.of("text", "100% plant-based"), Map.of("text", "Save a little every month")));
        values.put("mandatoryMentions", List.of());
        values.put("category", "standard");
        return values;
    }
}
