package io.clearpost.crisis;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crisis API over real HTTP as the demo users, with the job executor running: every endpoint's success, its
 * validation errors, 401/403/404 and conflicts, and a crisis of acme-bank from declaration to post-mortem (posts
 * held, the statement published once on each chosen platform, held posts to confirm-held-post, the timeline, the
 * audit chain). Every test leaves acme-bank without an open crisis and unfrozen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrisisApiTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    BrandRepository brands;

    static Map<String, Object> declaration(String brand, List<String> platforms) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("brand", brand);
        body.put("summary", "Card payments fail since 09:00; customers are angry");
        body.put("signals", List.of(Map.of("url", "https://x.com/someone/status/1", "note", "viral thread")));
        body.put("reach", 250_000);
        body.put("mentionsPerHour", 900);
        body.put("legalRisk", false);
        body.put("safetyRisk", false);
        body.put("pressCoverage", true);
        body.put("platforms", platforms);
        return body;
    }

    @Test
    void declaringAndReadingRefuseBadInputStrangersAndRolesThatMayNot() {
        Lifecycle flow = Lifecycle.on(port);
        Map<String, Object> valid = declaration("acme-bank", List.of("linkedin", "x", "facebook"));

        Problem.unauthorized(Api.anonymous(port).post("/api/crises", valid));
        Problem.unauthorized(Api.anonymous(port).get("/api/crises/anything"));
        Problem.unauthorized(Api.anonymous(port).get("/api/crises?brand=acme-bank"));

        Map<String, Object> missing = new LinkedHashMap<>(valid);
        missing.remove("summary");
        missing.remove("legalRisk");
        missing.put("platforms", List.of());
        Problem.invalid(flow.as("sam").post("/api/crises", missing), "summary", "legalRisk", "platforms");
        Map<String, Object> badValues = new LinkedHashMap<>(valid);
        badValues.put("platforms", List.of("linkedin", "instagram", "myspace"));
        badValues.put("signals", List.of(Map.of("url", "javascript:alert(1)")));
        JsonNode bad = Problem.invalid(flow.as("sam").post("/api/crises", badValues), "platforms[1]", "platforms[2]",
                "signals[0].url");
        assertThat(Problem.message(bad, "platforms[1]")).contains("not a platform of acme-bank");
        // nova-foods posts on instagram, but a holding statement is text: no platform that needs media
        JsonNode media = Problem.invalid(flow.as("sam").post("/api/crises",
                declaration("nova-foods", List.of("threads", "instagram"))), "platforms[1]");
        assertThat(Problem.message(media, "platforms[1]")).contains("takes no text-only holding statement");
        Map<String, Object> negative = new LinkedHashMap<>(valid);
        negative.put("reach", -1);
        Problem.invalid(flow.as("sam").post("/api/crises", negative), "reach");
        Map<String, Object> fraction = new LinkedHashMap<>(valid);
        fraction.put("reach", 4.5);
        Problem.invalid(flow.as("sam").post("/api/crises", fraction), "reach");
        // not a brand id at all: the field is named (a well-formed unknown brand is 404 below)
        Problem.invalid(flow.as("sam").post("/api/crises", declaration("acme bank", List.of("x"))), "brand");
        Problem.invalid(flow.as("sam").post("/api/crises", declaration("acme-bank\n", List.of("x"))), "brand");

        Problem.of(flow.as("sam").post("/api/crises", declaration("atlantis-bank", List.of("x"))), 404);
        Problem.of(flow.as("felix").post("/api/crises", valid), 404);
        Problem.of(flow.as("ada").post("/api/crises", valid), 403);
        Problem.of(flow.as("cleo").post("/api/crises", valid), 403);

        Problem.of(flow.as("sam").get("/api/crises/no-such-crisis"), 404);
        Problem.of(flow.as("sam").get("/api/crises/no-such-crisis/timeline"), 404);
        Problem.of(flow.as("sam").post("/api/crises/no-such-crisis/severity", Map.of("severity", 2)), 404);
        Problem.invalid(flow.as("sam").get("/api/crises?brand=acme-bank&status=PANIC"), "status");
        Problem.of(flow.as("felix").get("/api/crises?brand=acme-bank"), 404);
        Problem.of(flow.as("cleo").get("/api/crises?brand=acme-bank"), 403);
        assertThat(flow.as("ada").get("/api/crises?brand=acme-bank").status()).isEqualTo(200);
        assertThat(flow.as("sam").get("/api/crises?brand=acme-bank&status=OPEN").json()).as("nothing was declared")
                .isEmpty();
    }

    @Test
    void anAdministratorMayDeclareACrisisOfAnyBrand() {
        String brand = TestIdentities.of(identity).brand(brands, "root-crisis", List.of("linkedin"));
        Api.Response declared = Lifecycle.on(port).as("root").post("/api/crises", declaration(brand, List.of("linkedin")));
        assertThat(declared.status()).as("%s", declared).isEqualTo(201);
        assertThat(declared.json().path("declaredBy").asText()).isEqualTo("root");
        assertThat(declared.json().path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void aSeverityThreeCrisisOfAcmeBankFromDeclarationToPostMortem() {
        Lifecycle flow = Lifecycle.on(port);
        Api sam = flow.as("sam");
        // posts planned for acme-bank, approved before the crisis
        List<String> planned = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            planned.add(approvedAcmePost(flow, i % 2 == 0 ? "linkedin" : "x"));
        }

        Api.Response declared = sam.post("/api/crises", declaration("acme-bank", List.of("linkedin", "x", "facebook")));
        assertThat(declared.status()).as("%s", declared).isEqualTo(201);
        String id = declared.json().path("id").asText();
        assertThat(declared.header("Location")).isEqualTo("/api/crises/" + id);
        assertThat(declared.json().path("status").asText()).isEqualTo("OPEN");
        assertThat(declared.json().path("suggestedSeverity").asInt()).isEqualTo(3);
        assertThat(declared.json().path("frozen").asBoolean()).isFalse();

        JsonNode second = Problem.of(flow.as("lea").post("/api/crises", declaration("acme-bank", List.of("x"))), 409);
        assertThat(second.path("detail").asText()).contains(id);
        Problem.invalid(sam.post("/api/crises/" + id + "/severity", Map.of("severity", 5)), "severity");
        // a fraction is refused, not truncated to severity 4
        Problem.invalid(sam.post("/api/crises/" + id + "/severity", Map.of("severity", 4.5)), "severity");
        Problem.of(flow.as("ada").post("/api/crises/" + id + "/severity", Map.of("severity", 2)), 403);
        // the administrator reads every brand's crises but leaves the triage to the crisis cell
        Api root = flow.as("root");
        assertThat(root.get("/api/crises/" + id).status()).isEqualTo(200);
        assertThat(root.get("/api/crises/" + id + "/timeline").status()).isEqualTo(200);
        assertThat(root.get("/api/crises?brand=acme-bank&status=OPEN").json()).extracting(c -> c.path("id").asText())
                .containsExactly(id);
        Problem.of(root.post("/api/crises/" + id + "/severity", Map.of("severity", 2)), 403);
        Problem.of(flow.as("felix").post("/api/crises/" + id + "/severity", Map.of("severity", 2)), 404);
        Problem.of(flow.as("felix").get("/api/crises/" + id), 404);
        Problem.of(flow.as("cleo").get("/api/crises/" + id), 403);
        assertThat(flow.as("ada").get("/api/crises/" + id).status()).as("auditors read").isEqualTo(200);

        JsonNode triage = flow.findTask("lea", "triage-crisis", t -> "acme-bank".equals(t.path("brand").asText()))
                .orElseThrow();
        assertThat(triage.path("crisisId").asText()).as("the task list names the crisis: %s", triage).isEqualTo(id);
        JsonNode triageDetail = flow.taskDetail("lea", triage.path("id").asText());
        assertThat(triageDetail.path("context").path("suggestedSeverity").asInt()).isEqualTo(3);
        assertThat(triageDetail.path("context").path("suggestedActions").path("freeze").asBoolean()).isTrue();
        flow.complete("lea", triage.path("id").asText(), Map.of("severity", 3, "comment", "Press and legal exposure"));
        JsonNode frozen = sam.get("/api/crises/" + id).json();
        assertThat(frozen.path("severity").asInt()).isEqualTo(3);
        assertThat(frozen.path("frozen").asBoolean()).isTrue();

        // the planned posts come due during the crisis: every one is held, none published
        for (String contentId : planned) {
            flow.schedule("sam", contentId, Lifecycle.secondsFromNow(5, "Europe/Paris"));
        }
        for (String contentId : planned) {
            flow.awaitStatus("sam", contentId, "HELD");
        }

        String statementId = sam.get("/api/crises/" + id).json().path("statement").path("contentId").asText();
        JsonNode draft = flow.task("sam", "draft-holding-statement", statementId);
        Map<String, Object> variants = new LinkedHashMap<>();
        for (String platform : List.of("linkedin", "x", "facebook")) {
            variants.put(platform, Map.of("text", "Card payments fail since 09:00. We are on it and will update "
                    + "you within the hour. Your money is safe."));
        }
        Problem.invalid(sam.post("/api/tasks/" + draft.path("id").asText() + "/complete",
                Map.of("variants", Map.of("x", Map.of("text", "only x")))), "variants.linkedin.text");
        // the replies for moderators, as form-js' dynamic list submits them: each needs a name and a text
        Problem.invalid(sam.post("/api/tasks/" + draft.path("id").asText() + "/complete", Map.of("variants", variants,
                "replies", List.of(Map.of("name", "money", "text", "")))), "replies[0].text");
        flow.complete("sam", draft.path("id").asText(), Map.of("variants", variants,
                "replies", List.of(Map.of("name", "money", "text", "Your money is safe; card payments resume soon."))));
        assertThat(sam.get("/api/crises/" + id + "/replies").json()).as("not before the approval").isEmpty();
        JsonNode signOff = flow.task("omar", "communications-sign-off", statementId);
        Problem.of(flow.as("omar").post("/api/tasks/" + signOff.path("id").asText() + "/complete",
                Map.of("decision", "APPROVE", "comment", "ok", "revisionHash", "0".repeat(64))), 409);
        flow.review("lea", "approve-holding-statement", statementId, "APPROVE");
        flow.review("omar", "communications-sign-off", statementId, "APPROVE");

        JsonNode statement = flow.awaitStatus("sam", statementId, "PUBLISHED");
        assertThat(statement.path("publications")).hasSize(3);
        statement.path("publications").forEach(p -> {
            assertThat(p.path("status").asText()).isEqualTo("PUBLISHED");
            assertThat(p.path("attempts").asInt()).as("exactly once").isEqualTo(1);
            assertThat(p.path("url").asText()).startsWith("http");
        });
        JsonNode during = awaitCrisis(sam, id, c -> c.path("statement").path("status").asText().equals("PUBLISHED")
                && c.path("heldPosts").size() == planned.size());
        assertThat(during.path("frozen").asBoolean()).isTrue();
        JsonNode replies = flow.as("cleo").get("/api/crises/" + id + "/replies").json();
        assertThat(replies).as("a creative of the brand reads the approved replies: %s", replies).hasSize(1);
        assertThat(replies.get(0).path("text").asText()).isEqualTo("Your money is safe; card payments resume soon.");
        assertThat(replies.get(0).path("revisionHash").asText())
                .isEqualTo(during.path("statement").path("currentRevision").path("hash").asText());
        assertThat(during.path("statement").path("currentRevision").path("hash").asText()).matches("[0-9a-f]{64}");
        for (String contentId : planned) {
            assertThat(flow.content("sam", contentId).path("status").asText()).as("still held").isEqualTo("HELD");
        }

        JsonNode resolve = flow.findTask("sam", "resolve-crisis", t -> "acme-bank".equals(t.path("brand").asText()))
                .orElseThrow(() -> new AssertionError("no resolve-crisis task"));
        flow.complete("sam", resolve.path("id").asText(), Map.of("summary", "Payments restored at 11:40"));
        assertThat(sam.get("/api/crises/" + id).json().path("frozen").asBoolean()).isFalse();
        for (String contentId : planned) {
            JsonNode confirm = flow.task("sam", "confirm-held-post", contentId);
            flow.complete("sam", confirm.path("id").asText(), Map.of("action", "CANCEL"));
        }
        JsonNode postMortem = flow.findTask("omar", "post-mortem", t -> "acme-bank".equals(t.path("brand").asText()))
                .orElseThrow();
        flow.complete("omar", postMortem.path("id").asText(), Map.of("whatHappened", "A processor outage",
                "whatWorked", "Statement out in minutes", "actions", List.of("Second processor")));
        assertThat(sam.get("/api/crises/" + id).json().path("status").asText()).isEqualTo("CLOSED");
        Problem.of(sam.post("/api/crises/" + id + "/severity", Map.of("severity", 4)), 409);
        assertThat(sam.get("/api/crises?brand=acme-bank&status=CLOSED").json()).extracting(c -> c.path("id").asText())
                .contains(id);

        JsonNode timeline = flow.as("ada").get("/api/crises/" + id + "/timeline").json();
        List<String> steps = new ArrayList<>();
        timeline.path("steps").forEach(s -> steps.add(s.path("step").asText()));
        assertThat(steps).containsSubsequence("DECLARED", "TRIAGED", "FROZEN", "STATEMENT_OPENED", "STATEMENT_DRAFTED",
                "STATEMENT_APPROVED", "STATEMENT_POSTED", "STATEMENT_PUBLISHED", "RESOLVED", "POST_MORTEM");
        assertThat(steps).contains("FREEZE_LIFTED", "STATEMENT_DECIDED");
        timeline.path("steps").forEach(s -> {
            assertThat(s.path("at").asText()).isNotBlank();
            assertThat(s.path("actor").asText()).isNotBlank();
        });
        Problem.unauthorized(Api.anonymous(port).get("/api/crises/" + id + "/timeline"));
        Problem.of(flow.as("cleo").get("/api/crises/" + id + "/timeline"), 403);
        Problem.of(flow.as("felix").get("/api/crises/" + id + "/timeline"), 404);
        Api.Response csv = flow.as("ada").get("/api/crises/" + id + "/timeline", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).startsWith("at,step,actor,details\r\n").contains(",DECLARED,sam,", ",TRIAGED,lea,");

        JsonNode verify = flow.as("ada").get("/api/audit/verify?brand=acme-bank").json();
        assertThat(verify.path("valid").asBoolean()).as("%s", verify).isTrue();
    }

    private static JsonNode awaitCrisis(Api api, String id, java.util.function.Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode crisis = api.get("/api/crises/" + id).json();
        while (!condition.test(crisis)) {
            assertThat(System.nanoTime()).as("crisis %s, last seen %s", id, crisis).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            crisis = api.get("/api/crises/" + id).json();
        }
        return crisis;
    }

    private static String approvedAcmePost(Lifecycle flow, String platform) {
        Map<String, Object> brief = Briefs.request("acme-bank", "standard", List.of(platform), "cleo");
        // a window open now: the post can come due during the crisis
        Briefs.deliverable(brief, 0).put("publishAfter", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                .minusHours(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        String contentId = flow.submit("sam", brief).contentId();
        flow.createContent("cleo", contentId, Map.of(platform, Lifecycle.acmeText(platform)));
        flow.review("sam", "review-content", contentId, "APPROVE");
        flow.review("lea", "legal-review", contentId, "APPROVE");
        return contentId;
    }
}
