package io.clearpost.crisis;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Problem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crisis of acme-bank (regulated) answered from a playbook prepared in peace time, over real HTTP with the job
 * executor running: sam writes it, lea approves it in advance; in the crisis sam drafts the statement from it with
 * only the placeholders filled, omar alone signs it off (no legal task), it is published on the sandbox connectors,
 * and the playbook's replies, filled, are listed as approved for every member of the brand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrisisPlaybookApiTest {

    @LocalServerPort
    int port;

    @Test
    void anApprovedPlaybookUnchangedNeedsOnlyOmarsSignOffAndGivesApprovedReplies() {
        Lifecycle flow = Lifecycle.on(port);
        Api sam = flow.as("sam");
        Map<String, Object> playbook = new LinkedHashMap<>();
        playbook.put("scenario", PlaybookApiTest.scenario("data-breach"));
        playbook.put("title", "Data breach");
        playbook.put("statement", Map.of(
                "linkedin", Map.of("text", "We detected unauthorised access to {{system}}. Your money is safe."),
                "x", Map.of("text", "Unauthorised access to {{system}}. Your money is safe."),
                "facebook", Map.of("text", "We detected unauthorised access to {{system}}. Your money is safe.")));
        playbook.put("placeholders", List.of("system"));
        playbook.put("replies", List.of(Map.of("name", "money", "text", "Your money is safe; {{system}} is closed.")));
        String playbookId = PlaybookApiTest.create(sam, playbook);
        String hash = sam.get("/api/brands/acme-bank/playbooks/" + playbookId).json().path("hash").asText();
        assertThat(flow.as("lea").post("/api/brands/acme-bank/playbooks/" + playbookId + "/approvals",
                PlaybookApiTest.approve(hash)).status()).isEqualTo(200);
        // a playbook legal has not approved yet is no starting point
        Map<String, Object> unapproved = new LinkedHashMap<>(playbook);
        unapproved.put("scenario", PlaybookApiTest.scenario("delivery-delays"));
        unapproved.put("title", "Delivery delays");
        String unapprovedId = PlaybookApiTest.create(sam, unapproved);

        Api.Response declared = sam.post("/api/crises", CrisisApiTest.declaration("acme-bank",
                List.of("linkedin", "x", "facebook")));
        assertThat(declared.status()).as("%s", declared).isEqualTo(201);
        String id = declared.json().path("id").asText();
        JsonNode triage = flow.findTask("lea", "triage-crisis", t -> "acme-bank".equals(t.path("brand").asText()))
                .orElseThrow();
        flow.complete("lea", triage.path("id").asText(), Map.of("severity", 3, "comment", "Data exposed"));

        String statementId = sam.get("/api/crises/" + id).json().path("statement").path("contentId").asText();
        JsonNode draft = flow.task("sam", "draft-holding-statement", statementId);
        JsonNode context = sam.get("/api/tasks/" + draft.path("id").asText()).json().path("context");
        List<String> choices = context.path("playbookChoices").findValuesAsText("value");
        assertThat(choices).as("the draft form offers the approved playbooks: %s", context)
                .contains(playbookId).doesNotContain(unapprovedId);
        JsonNode offered = null;
        for (JsonNode p : context.path("playbooks")) {
            offered = playbookId.equals(p.path("id").asText()) ? p : offered;
        }
        assertThat(offered).as("the approved playbook's texts in the context: %s", context).isNotNull();
        assertThat(offered.path("placeholders").get(0).asText()).isEqualTo("system");
        assertThat(offered.path("statement").path("x").path("text").asText()).contains("{{system}}");
        Map<String, Object> variants = new LinkedHashMap<>();
        variants.put("linkedin", Map.of("text", "We detected unauthorised access to the card portal. Your money is safe."));
        variants.put("x", Map.of("text", "Unauthorised access to the card portal. Your money is safe."));
        variants.put("facebook", Map.of("text", "We detected unauthorised access to the card portal. Your money is safe."));
        Problem.invalid(sam.post("/api/tasks/" + draft.path("id").asText() + "/complete", Map.of("variants", variants,
                "playbook", playbookId, "placeholders", Map.of("system", "the card portal\nand more"))),
                "placeholders.system");
        // as form-js submits it: the "Placeholder values" input (valueType object) holds the JSON text typed in
        flow.complete("sam", draft.path("id").asText(), Map.of("variants", variants, "playbook", playbookId,
                "placeholders", "{\"system\": \"the card portal\"}"));

        assertThat(flow.tasks("lea", "key=approve-holding-statement")).as("no legal task")
                .noneMatch(t -> statementId.equals(t.path("contentId").asText()));
        flow.review("omar", "communications-sign-off", statementId, "APPROVE");
        JsonNode statement = flow.awaitStatus("sam", statementId, "PUBLISHED");
        assertThat(statement.path("publications")).hasSize(3);

        JsonNode crisis = sam.get("/api/crises/" + id).json();
        assertThat(crisis.path("replies")).hasSize(1);
        JsonNode reply = crisis.path("replies").get(0);
        assertThat(reply.path("name").asText()).isEqualTo("money");
        assertThat(reply.path("text").asText()).isEqualTo("Your money is safe; the card portal is closed.");
        assertThat(reply.path("approved").asBoolean()).isTrue();
        assertThat(reply.path("playbookHash").asText()).isEqualTo(hash);
        Api.Response forModerators = flow.as("cleo").get("/api/crises/" + id + "/replies");
        assertThat(forModerators.status()).as("every member reads the replies: %s", forModerators).isEqualTo(200);
        assertThat(forModerators.json()).hasSize(1);
        Problem.of(flow.as("felix").get("/api/crises/" + id + "/replies"), 404);
        Problem.unauthorized(Api.anonymous(port).get("/api/crises/" + id + "/replies"));

        // leave acme-bank without an open crisis, unfrozen
        JsonNode resolve = awaitTask(flow, "sam", "resolve-crisis");
        flow.complete("sam", resolve.path("id").asText(), Map.of("summary", "Portal closed, passwords reset"));
        JsonNode postMortem = awaitTask(flow, "omar", "post-mortem");
        // the actions as form-js' dynamic list submits them: one {text} per item, each required
        Problem.invalid(flow.as("omar").post("/api/tasks/" + postMortem.path("id").asText() + "/complete",
                Map.of("whatHappened", "A breach", "whatWorked", "The playbook",
                        "actions", List.of(Map.of("text", "Pen test"), Map.of("text", "")))), "actions[1].text");
        flow.complete("omar", postMortem.path("id").asText(), Map.of("whatHappened", "A breach",
                "whatWorked", "The playbook", "actions", List.of(Map.of("text", "Pen test"),
                        Map.of("text", "Rotate the portal's keys"))));
        JsonNode closed = sam.get("/api/crises/" + id).json();
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        List<String> actions = new ArrayList<>();
        closed.path("postMortem").path("actions").forEach(a -> actions.add(a.isTextual() ? a.asText() : a.toString()));
        assertThat(actions).as("stored as plain texts").containsExactly("Pen test", "Rotate the portal's keys");
        assertThat(flow.as("ada").get("/api/audit/verify?brand=acme-bank").json().path("valid").asBoolean()).isTrue();
    }

    private static JsonNode awaitTask(Lifecycle flow, String user, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var found = flow.findTask(user, key, t -> "acme-bank".equals(t.path("brand").asText()));
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.nanoTime()).as("no %s task for %s", key, user).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
