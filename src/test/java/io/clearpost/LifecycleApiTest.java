package io.clearpost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.clearpost.support.Lifecycle.acmeText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance test: a brief goes from submission to approved content over real HTTP, every step
 * done by the demo user whose job it is, and the auditor can prove afterwards who approved which bytes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LifecycleApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void financialPromotionIsApprovedByLegalAndComplianceOnTheSameHash() throws IOException {
        Lifecycle flow = Lifecycle.on(port);
        Lifecycle.Submitted brief = flow.submit("sam", Briefs.openNow(
                Briefs.request("acme-bank", "financial-promotion", List.of("linkedin", "x"), "cleo")));
        String contentId = brief.contentId();
        assertThat(brief.body().path("status").asText()).isEqualTo("IN_PROGRESS");

        // cleo's first draft uses a banned term: the automatic check sends it back with the finding
        JsonNode draft = flow.task("cleo", "create-content", contentId);
        assertThat(draft.path("assignee").asText()).isEqualTo("cleo");
        JsonNode draftDetail = flow.taskDetail("cleo", draft.path("id").asText());
        assertThat(draftDetail.path("context").path("brief").path("id").asText()).isEqualTo(brief.briefId());
        assertThat(draftDetail.path("context").path("platforms")).extracting(JsonNode::asText)
                .containsExactly("linkedin", "x");
        flow.complete("cleo", draft.path("id").asText(), Map.of("variants", Lifecycle.variants(Map.of(
                "linkedin", "Guaranteed returns on your savings. Capital at risk.",
                "x", acmeText("x")))));

        JsonNode redo = flow.task("cleo", "create-content", contentId);
        assertThat(redo.path("id").asText()).isNotEqualTo(draft.path("id").asText());
        JsonNode redoContext = flow.taskDetail("cleo", redo.path("id").asText()).path("context");
        assertThat(redoContext.path("violations")).extracting(JsonNode::asText)
                .containsExactly("linkedin: banned term used: \"guaranteed returns\"");
        assertThat(redoContext.path("currentRevision").path("number").asInt()).isEqualTo(1);
        assertThat(flow.content("cleo", contentId).path("status").asText()).isEqualTo("IN_CREATION");

        // the fixed revision passes the check and goes to sam
        String hash = flow.createContent("cleo", contentId, Map.of("linkedin", acmeText("linkedin"), "x", acmeText("x")));
        JsonNode inReview = flow.content("cleo", contentId);
        assertThat(inReview.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(inReview.path("currentRevision").path("number").asInt()).isEqualTo(2);
        assertThat(inReview.path("violations")).isEmpty();

        assertThat(flow.review("sam", "review-content", contentId, "APPROVE")).isEqualTo(hash);

        // legal and compliance judge the same bytes, in parallel
        JsonNode legal = flow.task("lea", "legal-review", contentId);
        JsonNode compliance = flow.task("cora", "compliance-review", contentId);
        JsonNode legalContext = flow.taskDetail("lea", legal.path("id").asText()).path("context");
        assertThat(legalContext.path("currentRevision").path("hash").asText()).isEqualTo(hash);
        assertThat(legalContext.path("requiredReviews")).extracting(r -> r.path("reviewKey").asText() + "/" + r.path("rule").asText())
                .containsExactlyInAnyOrder("legal-review/regulated-brand", "compliance-review/financial-promotion");
        assertThat(legalContext.path("decisions")).extracting(d -> d.path("key").asText()).containsExactly("review-content");
        assertThat(compliance.path("candidateGroups")).extracting(JsonNode::asText).containsExactly("acme-bank:compliance");

        assertThat(flow.review("lea", "legal-review", contentId, "APPROVE")).isEqualTo(hash);
        assertThat(flow.content("lea", contentId).path("status").asText()).as("waits for compliance").isEqualTo("IN_REVIEW");
        assertThat(flow.review("cora", "compliance-review", contentId, "APPROVE")).isEqualTo(hash);

        JsonNode approved = flow.content("sam", contentId);
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("decisions"))
                .extracting(d -> String.join("|", d.path("key").asText(), d.path("reviewer").asText(),
                        d.path("decision").asText(), d.path("revisionHash").asText(), d.path("rule").asText()))
                .containsExactly(
                        "review-content|sam|APPROVE|" + hash + "|creation-review",
                        "legal-review|lea|APPROVE|" + hash + "|regulated-brand",
                        "compliance-review|cora|APPROVE|" + hash + "|financial-promotion");
        JsonNode briefNow = flow.brief("sam", brief.briefId());
        assertThat(briefNow.path("deliverables").get(0).path("status").asText()).isEqualTo("APPROVED");
        assertThat(briefNow.path("status").asText()).isEqualTo("IN_PROGRESS");

        // no planned time: sam schedules it, in the brand's zone, and it goes out on both platforms
        flow.schedule("sam", contentId, Lifecycle.secondsFromNow(2, "Europe/Paris"));
        JsonNode published = flow.awaitStatus("sam", contentId, "PUBLISHED");
        assertThat(published.path("schedule").path("timeZone").asText()).isEqualTo("Europe/Paris");
        assertPublishedOnSandbox(published, "linkedin", "x");
        assertThat(flow.brief("sam", brief.briefId()).path("status").asText()).isEqualTo("COMPLETED");

        // the auditor sees who approved which hash under which rule, and the chain holds
        Api.Response history = Api.as(port, "ada").get("/api/audit/content/" + contentId);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        List<JsonNode> decisions = new ArrayList<>();
        long previousSeq = 0;
        for (JsonNode event : history.json()) {
            assertThat(event.path("brand").asText()).isEqualTo("acme-bank");
            assertThat(event.path("contentId").asText()).isEqualTo(contentId);
            assertThat(event.path("seq").asLong()).isGreaterThan(previousSeq);
            assertThat(event.path("hash").asText()).matches("[0-9a-f]{64}");
            previousSeq = event.path("seq").asLong();
            if (event.path("type").asText().equals("DECISION_RECORDED")) {
                JsonNode payload = JSON.readTree(event.path("payload").asText());
                assertThat(event.path("actor").asText()).isEqualTo(payload.path("reviewer").asText());
                decisions.add(payload);
            }
        }
        assertThat(history.json()).extracting(e -> e.path("type").asText())
                .containsSubsequence("CONTENT_PLANNED", "REVISION_SUBMITTED", "CONTENT_CHECKED", "REVIEWS_ROUTED",
                        "DECISION_RECORDED", "SCHEDULED", "POST_PUBLISHED", "POST_PUBLISHED");
        assertThat(decisions)
                .extracting(p -> String.join("|", p.path("reviewKey").asText(), p.path("reviewer").asText(),
                        p.path("decision").asText(), p.path("revisionHash").asText(), p.path("rule").asText()))
                .containsExactly(
                        "review-content|sam|APPROVE|" + hash + "|creation-review",
                        "legal-review|lea|APPROVE|" + hash + "|regulated-brand",
                        "compliance-review|cora|APPROVE|" + hash + "|financial-promotion");

        Api.Response verify = Api.as(port, "ada").get("/api/audit/verify?brand=acme-bank");
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(verify.json().path("valid").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.json().path("events").asInt()).isGreaterThanOrEqualTo(history.json().size());
        assertThat(verify.json().path("brokenAt").isNull()).isTrue();
    }

    @Test
    void clientSignedBriefGetsACreativeAndTheClientsApproval() throws IOException {
        Lifecycle flow = Lifecycle.on(port);
        Lifecycle.Submitted brief = flow.submit("sam", Briefs.openNow(Briefs.request("nova-foods", "standard",
                List.of("instagram", "tiktok", "threads", "pinterest"), null)));
        String contentId = brief.contentId();

        // the client signs the brief off, then sam picks the creative
        JsonNode signOff = flow.briefTask("nina", "approve-brief", brief.briefId());
        assertThat(signOff.path("candidateGroups")).extracting(JsonNode::asText).containsExactly("nova-foods:brand-manager");
        flow.complete("nina", signOff.path("id").asText(), Map.of("decision", "APPROVE", "comment", "Go ahead"));

        JsonNode assign = flow.task("sam", "assign-creative", contentId);
        flow.complete("sam", assign.path("id").asText(), Map.of("creative", "felix"));
        assertThat(flow.content("sam", contentId).path("creative").asText()).isEqualTo("felix");

        String text = "Fresh granola, baked every morning.";
        String hash = flow.createContent("felix", contentId,
                Map.of("instagram", text, "tiktok", text, "threads", text, "pinterest", text));
        assertThat(flow.review("sam", "review-content", contentId, "APPROVE")).isEqualTo(hash);
        assertThat(flow.review("nina", "client-approval", contentId, "APPROVE")).isEqualTo(hash);

        JsonNode approved = flow.content("nina", contentId);
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("decisions"))
                .extracting(d -> d.path("key").asText() + "|" + d.path("reviewer").asText() + "|" + d.path("rule").asText()
                        + "|" + d.path("revisionHash").asText())
                .containsExactly("review-content|sam|creation-review|" + hash, "client-approval|nina|client-sign-off|" + hash);
        assertThat(flow.brief("felix", brief.briefId()).path("status").asText()).isEqualTo("IN_PROGRESS");

        // sam gives a local time in New York; the post goes out on the four platforms
        String localTime = Lifecycle.secondsFromNow(2, "America/New_York").toLocalDateTime().toString();
        JsonNode schedule = flow.task("sam", "schedule-post", contentId);
        flow.complete("sam", schedule.path("id").asText(), Map.of("publishAt", localTime, "timeZone", "America/New_York"));
        assertThat(flow.content("sam", contentId).path("schedule").path("publishAt").asText()).startsWith(localTime);
        JsonNode published = flow.awaitStatus("nina", contentId, "PUBLISHED");
        assertPublishedOnSandbox(published, "instagram", "tiktok", "threads", "pinterest");
        assertThat(flow.brief("felix", brief.briefId()).path("status").asText()).isEqualTo("COMPLETED");

        // nova-foods has no auditor of its own: the administrator reads the brief's history
        Api.Response history = Api.as(port, "root").get("/api/audit/briefs/" + brief.briefId());
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.json()).allSatisfy(e -> assertThat(e.path("briefId").asText()).isEqualTo(brief.briefId()));
        assertThat(history.json()).extracting(e -> e.path("type").asText() + "/" + e.path("actor").asText())
                .contains("BRIEF_CREATED/sam", "BRIEF_SIGNED_OFF/nina", "CREATIVE_ASSIGNED/sam",
                        "REVISION_SUBMITTED/felix", "DECISION_RECORDED/sam", "DECISION_RECORDED/nina");
        assertThat(history.json()).extracting(e -> e.path("type").asText())
                .containsSubsequence("BRIEF_CREATED", "BRIEF_SIGNED_OFF", "CREATIVE_ASSIGNED", "REVISION_SUBMITTED",
                        "DECISION_RECORDED", "DECISION_RECORDED", "SCHEDULED", "POST_PUBLISHED", "BRIEF_COMPLETED");
        JsonNode assigned = JSON.readTree(history.json().findParents("type").stream()
                .filter(e -> e.path("type").asText().equals("CREATIVE_ASSIGNED")).findFirst().orElseThrow()
                .path("payload").asText());
        assertThat(assigned.path("creative").asText()).isEqualTo("felix");

        Api.Response verify = Api.as(port, "root").get("/api/audit/verify?brand=nova-foods");
        assertThat(verify.json().path("valid").asBoolean()).as(verify.toString()).isTrue();
    }

    /** Each platform has its post: published, with the sandbox's post id and URL, and the content says so. */
    private static void assertPublishedOnSandbox(JsonNode content, String... platforms) {
        assertThat(content.path("publications")).extracting(p -> p.path("platform").asText())
                .containsExactlyInAnyOrder(platforms);
        assertThat(content.path("publications")).allSatisfy(p -> {
            assertThat(p.path("status").asText()).isEqualTo("PUBLISHED");
            assertThat(p.path("postId").asText()).isNotBlank();
            assertThat(p.path("url").asText()).isEqualTo("https://sandbox.clearpost.invalid/" + p.path("platform").asText()
                    + "/" + content.path("brand").asText() + "/" + p.path("postId").asText());
            assertThat(p.path("idempotencyKey").asText())
                    .isEqualTo(content.path("id").asText() + ":" + p.path("platform").asText() + ":"
                            + content.path("currentRevision").path("hash").asText());
            assertThat(p.path("publishedAt").asText()).isNotBlank();
        });
    }
}
