package io.clearpost.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentities;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.clearpost.support.Lifecycle.acmeText;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/tasks, GET /api/tasks/{id}, claim, unclaim and complete over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TaskApiTest {

    private static final String SOME_HASH = "0".repeat(64);

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    TaskService engineTasks;

    @Test
    void everyoneSeesOnlyTheirOwnTasks() {
        Lifecycle flow = Lifecycle.on(port);
        String inLegal = flow.acmeContentInLegalReview();
        String inCreation = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("x"), "cleo")).contentId();
        String novaInCreation = flow.novaBriefSignedOff("felix", "tiktok").contentId();
        String legalReview = flow.task("lea", "legal-review", inLegal).path("id").asText();
        String cleosDraft = flow.task("cleo", "create-content", inCreation).path("id").asText();
        String felixsDraft = flow.task("felix", "create-content", novaInCreation).path("id").asText();

        // a creative: her own tasks, nothing of legal's queue, nothing of another brand
        List<JsonNode> cleo = flow.tasks("cleo", "");
        assertThat(ids(cleo)).contains(cleosDraft).doesNotContain(legalReview, felixsDraft);
        assertThat(cleo).allSatisfy(t -> assertThat(t.path("assignee").asText().equals("cleo")
                || t.path("candidateGroups").toString().contains("\"acme-bank:creative\"")).as(t.toString()).isTrue());

        // legal: the brand's legal queue, claimable
        List<JsonNode> lea = flow.tasks("lea", "");
        assertThat(ids(lea)).contains(legalReview).doesNotContain(cleosDraft, felixsDraft);
        assertThat(lea).allSatisfy(t -> assertThat(t.path("assignee").asText().equals("lea")
                || t.path("candidateGroups").toString().contains("\"acme-bank:legal\"")).as(t.toString()).isTrue());

        // the strategist: brand-wide, in both brands
        assertThat(ids(flow.tasks("sam", ""))).contains(legalReview, cleosDraft, felixsDraft);
        // the creative of the other brand
        List<JsonNode> felix = flow.tasks("felix", "");
        assertThat(ids(felix)).contains(felixsDraft).doesNotContain(cleosDraft, legalReview);
        assertThat(felix).allSatisfy(t -> assertThat(t.path("brand").asText()).isEqualTo("nova-foods"));
        // the administrator: everything
        assertThat(ids(flow.tasks("root", ""))).contains(legalReview, cleosDraft, felixsDraft);

        // the auditor reads the audit trail, not tasks
        JsonNode problem = Problem.of(Api.as(port, "ada").get("/api/tasks"), 403);
        assertThat(problem.path("detail").asText()).containsIgnoringCase("audit");

        JsonNode summary = flow.task("lea", "legal-review", inLegal);
        assertThat(summary.path("key").asText()).isEqualTo("legal-review");
        assertThat(summary.path("name").asText()).isNotBlank();
        assertThat(summary.path("brand").asText()).isEqualTo("acme-bank");
        assertThat(summary.path("briefId").asText()).isNotBlank();
        assertThat(summary.has("assignee")).isTrue();
        assertThat(summary.path("assignee").isNull()).isTrue();
        assertThat(summary.path("createdAt").asText()).isNotBlank();
        assertThat(Instant.parse(summary.path("dueAt").asText())).isAfter(Instant.now());
        assertThat(summary.path("sla").asText()).isEqualTo("ON_TRACK");
        assertThat(summary.has("form")).as("the list carries no form").isFalse();
    }

    @Test
    void filtersByKeyBrandAssigneeAndSla() {
        Lifecycle flow = Lifecycle.on(port);
        String inLegal = flow.acmeContentInLegalReview();
        String inReview = flow.acmeContentInReview();
        String late = flow.acmeContentInReview();
        String atRisk = flow.acmeContentInReview();
        String legalReview = flow.task("sam", "legal-review", inLegal).path("id").asText();
        String review = flow.task("sam", "review-content", inReview).path("id").asText();

        List<JsonNode> legal = flow.tasks("sam", "key=legal-review");
        assertThat(ids(legal)).contains(legalReview).doesNotContain(review);
        assertThat(legal).allSatisfy(t -> assertThat(t.path("key").asText()).isEqualTo("legal-review"));

        String novaDraft = flow.task("sam", "create-content",
                flow.novaBriefSignedOff("felix", "pinterest").contentId())
                .path("id").asText();
        List<JsonNode> nova = flow.tasks("sam", "brand=nova-foods");
        assertThat(ids(nova)).contains(novaDraft).doesNotContain(legalReview);
        assertThat(nova).allSatisfy(t -> assertThat(t.path("brand").asText()).isEqualTo("nova-foods"));
        Problem.of(Api.as(port, "felix").get("/api/tasks?brand=acme-bank"), 404);

        assertThat(Api.as(port, "sam").post("/api/tasks/" + review + "/claim").status()).isEqualTo(204);
        List<JsonNode> mine = flow.tasks("sam", "assignee=me");
        assertThat(ids(mine)).contains(review).doesNotContain(legalReview);
        assertThat(mine).allSatisfy(t -> assertThat(t.path("assignee").asText()).isEqualTo("sam"));

        String lateTask = flow.task("sam", "review-content", late).path("id").asText();
        String atRiskTask = flow.task("sam", "review-content", atRisk).path("id").asText();
        engineTasks.setDueDate(lateTask, Date.from(Instant.now().minus(Duration.ofHours(1))));
        engineTasks.setFollowUpDate(atRiskTask, Date.from(Instant.now().minus(Duration.ofHours(1))));

        List<JsonNode> breached = flow.tasks("sam", "sla=BREACHED");
        assertThat(ids(breached)).contains(lateTask).doesNotContain(atRiskTask, review);
        assertThat(breached).allSatisfy(t -> assertThat(t.path("sla").asText()).isEqualTo("BREACHED"));
        List<JsonNode> risky = flow.tasks("sam", "sla=AT_RISK");
        assertThat(ids(risky)).contains(atRiskTask).doesNotContain(lateTask, review);
        assertThat(risky).allSatisfy(t -> assertThat(t.path("sla").asText()).isEqualTo("AT_RISK"));
        List<JsonNode> onTrack = flow.tasks("sam", "sla=ON_TRACK");
        assertThat(ids(onTrack)).contains(review, legalReview).doesNotContain(lateTask, atRiskTask);

        Problem.invalid(Api.as(port, "sam").get("/api/tasks?sla=LATE"), "sla");
        Problem.invalid(Api.as(port, "sam").get("/api/tasks?assignee=bob"), "assignee");
        Problem.invalid(Api.as(port, "sam").get("/api/tasks?size=0"), "size");
        Problem.invalid(Api.as(port, "sam").get("/api/tasks?size=101"), "size");
        Problem.invalid(Api.as(port, "sam").get("/api/tasks?page=-1"), "page");
        Problem.invalid(Api.as(port, "sam").get("/api/tasks?page=first"), "page");
    }

    @Test
    void pagesWithATotalCountAndSortsByDueDate() {
        String creative = TestIdentities.of(identity).user("writer", "acme-bank:creative");
        Map<String, Object> request = Briefs.request("acme-bank", "standard", List.of("linkedin"), creative);
        Briefs.addDeliverable(request, List.of("x"), creative);
        Briefs.addDeliverable(request, List.of("facebook"), creative);
        Lifecycle flow = Lifecycle.on(port);
        List<String> contentIds = flow.submit("sam", request).contentIds();
        // due dates in another order than creation: 2nd, 3rd, 1st
        Instant now = Instant.now();
        List<Integer> dueInDays = List.of(5, 1, 3);
        Map<String, String> contentOfTask = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String taskId = flow.task(creative, "create-content", contentIds.get(i)).path("id").asText();
            contentOfTask.put(taskId, contentIds.get(i));
            engineTasks.setDueDate(taskId, Date.from(now.plus(Duration.ofDays(dueInDays.get(i)))));
        }

        Api.Response first = Api.as(port, creative).get("/api/tasks?size=2&page=0");
        Api.Response second = Api.as(port, creative).get("/api/tasks?size=2&page=1");
        Api.Response beyond = Api.as(port, creative).get("/api/tasks?size=2&page=2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-Total-Count")).isEqualTo("3");
        assertThat(second.header("X-Total-Count")).isEqualTo("3");
        assertThat(first.json()).hasSize(2);
        assertThat(second.json()).hasSize(1);
        assertThat(beyond.json()).isEmpty();
        assertThat(beyond.header("X-Total-Count")).isEqualTo("3");
        List<JsonNode> all = new ArrayList<>();
        first.json().forEach(all::add);
        second.json().forEach(all::add);
        assertThat(all).extracting(t -> contentOfTask.get(t.path("id").asText()))
                .containsExactly(contentIds.get(1), contentIds.get(2), contentIds.get(0));
        assertThat(all).extracting(t -> Instant.parse(t.path("dueAt").asText())).isSorted();
    }

    @Test
    void detailCarriesTheFormAndTheContextToDecide() {
        Lifecycle flow = Lifecycle.on(port);
        Lifecycle.Submitted brief = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("linkedin", "x"), "cleo"));
        String contentId = brief.contentId();

        JsonNode draft = flow.taskDetail("cleo", flow.task("cleo", "create-content", contentId).path("id").asText());
        assertThat(draft.path("key").asText()).isEqualTo("create-content");
        assertThat(draft.path("form").path("id").asText()).isEqualTo("create-content");
        assertThat(draft.path("form").path("components").findValuesAsText("path"))
                .contains("variants.linkedin", "variants.x", "media");
        assertThat(draft.path("form").path("components").findValuesAsText("key")).contains("text", "link", "url", "sha256", "type");
        assertThat(draft.path("context").path("brief").path("title").asText()).isEqualTo(brief.body().path("title").asText());
        assertThat(draft.path("context").path("platforms")).extracting(JsonNode::asText).containsExactly("linkedin", "x");
        assertThat(draft.path("context").path("currentRevision").isNull()).isTrue();

        String hash = flow.createContent("cleo", contentId, Map.of("linkedin", acmeText("linkedin"), "x", acmeText("x")));
        flow.review("sam", "review-content", contentId, "APPROVE");

        JsonNode legal = flow.taskDetail("lea", flow.task("lea", "legal-review", contentId).path("id").asText());
        assertThat(legal.path("key").asText()).isEqualTo("legal-review");
        assertThat(legal.path("contentId").asText()).isEqualTo(contentId);
        assertThat(legal.path("briefId").asText()).isEqualTo(brief.briefId());
        assertThat(legal.has("crisisId")).as("a task outside a crisis names none").isFalse();
        assertThat(legal.path("candidateGroups")).extracting(JsonNode::asText).containsExactly("acme-bank:legal");
        assertThat(legal.path("form").path("id").asText()).isEqualTo("legal-review");
        assertThat(legal.path("form").path("components").findValuesAsText("key"))
                .contains("decision", "comment", "revisionHash");
        JsonNode context = legal.path("context");
        assertThat(context.path("brief").path("id").asText()).isEqualTo(brief.briefId());
        assertThat(context.path("brief").path("category").asText()).isEqualTo("standard");
        assertThat(context.path("platforms")).extracting(JsonNode::asText).containsExactly("linkedin", "x");
        assertThat(context.path("currentRevision").path("hash").asText()).isEqualTo(hash);
        assertThat(context.path("currentRevision").path("variants").path("x").path("text").asText()).isEqualTo(acmeText("x"));
        assertThat(context.path("decisions")).hasSize(1);
        assertThat(context.path("decisions").get(0).path("reviewer").asText()).isEqualTo("sam");
        assertThat(context.path("decisions").get(0).path("revisionHash").asText()).isEqualTo(hash);
        assertThat(context.path("violations").isArray()).isTrue();
        assertThat(context.path("violations")).isEmpty();
    }

    @Test
    void claimAndUnclaim() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInLegalReview();
        String taskId = flow.task("lea", "legal-review", contentId).path("id").asText();
        String otherLawyer = TestIdentities.of(identity).user("lawyer", "acme-bank:legal");

        Api.Response claimed = Api.as(port, "lea").post("/api/tasks/" + taskId + "/claim");
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(204);
        assertThat(claimed.text()).isEmpty();
        assertThat(flow.taskDetail("lea", taskId).path("assignee").asText()).isEqualTo("lea");
        assertThat(ids(flow.tasks("lea", "assignee=me"))).contains(taskId);

        JsonNode taken = Problem.of(Api.as(port, otherLawyer).post("/api/tasks/" + taskId + "/claim"), 409);
        assertThat(taken.path("detail").asText()).contains("lea");
        Problem.of(Api.as(port, otherLawyer).post("/api/tasks/" + taskId + "/unclaim"), 409);
        String hash = flow.taskDetail("lea", taskId).path("context").path("currentRevision").path("hash").asText();
        Problem.of(Api.as(port, otherLawyer).post("/api/tasks/" + taskId + "/complete",
                Map.of("decision", "APPROVE", "revisionHash", hash)), 409);
        assertThat(flow.taskDetail("lea", taskId).path("assignee").asText()).isEqualTo("lea");

        Api.Response unclaimed = Api.as(port, "lea").post("/api/tasks/" + taskId + "/unclaim");
        assertThat(unclaimed.status()).as(unclaimed.toString()).isEqualTo(204);
        assertThat(flow.taskDetail("lea", taskId).path("assignee").isNull()).isTrue();

        assertThat(Api.as(port, otherLawyer).post("/api/tasks/" + taskId + "/claim").status()).isEqualTo(204);
        assertThat(flow.taskDetail("lea", taskId).path("assignee").asText()).isEqualTo(otherLawyer);
    }

    @Test
    void taskAssignedByTheProcessCannotBeHandedBack() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("x"), "cleo")).contentId();
        String taskId = flow.task("cleo", "create-content", contentId).path("id").asText();

        JsonNode problem = Problem.of(Api.as(port, "cleo").post("/api/tasks/" + taskId + "/unclaim"), 409);

        assertThat(problem.path("detail").asText()).contains("cannot be handed back");
        assertThat(flow.taskDetail("cleo", taskId).path("assignee").asText()).isEqualTo("cleo");
    }

    @Test
    void completionIsValidatedAgainstTheForm() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInReview();
        String taskId = flow.task("sam", "review-content", contentId).path("id").asText();
        String hash = flow.content("sam", contentId).path("currentRevision").path("hash").asText();
        Api sam = Api.as(port, "sam");
        String complete = "/api/tasks/" + taskId + "/complete";

        assertThat(Problem.message(Problem.invalid(sam.post(complete, Map.of("revisionHash", hash)), "decision"),
                "decision")).contains("required");
        assertThat(Problem.message(Problem.invalid(sam.post(complete, Map.of("decision", "MAYBE", "revisionHash", hash)),
                "decision"), "decision")).contains("APPROVE");
        Problem.invalid(sam.post(complete, Map.of("decision", "APPROVE", "revisionHash", "abc")), "revisionHash");
        Problem.invalid(sam.post(complete, Map.of("decision", "APPROVE", "revisionHash", hash, "priority", "high")),
                "priority");
        Problem.invalid(sam.post(complete, Map.of("decision", 1, "revisionHash", hash)), "decision");
        Problem.invalid(sam.post(complete, "[\"APPROVE\"]"), "body");
        Problem.invalid(sam.post(complete, "{\"decision\": "), "body");

        // nothing was decided: the task is still open and the content has no decision
        assertThat(flow.taskDetail("sam", taskId).path("id").asText()).isEqualTo(taskId);
        assertThat(flow.content("sam", contentId).path("decisions")).isEmpty();
    }

    @Test
    void staleRevisionHashIsAConflict() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInReview();
        String taskId = flow.task("sam", "review-content", contentId).path("id").asText();

        JsonNode problem = Problem.of(Api.as(port, "sam").post("/api/tasks/" + taskId + "/complete",
                Map.of("decision", "APPROVE", "revisionHash", SOME_HASH)), 409);

        assertThat(problem.path("detail").asText()).contains(SOME_HASH);
        assertThat(flow.taskDetail("sam", taskId).path("id").asText()).isEqualTo(taskId);
        assertThat(flow.content("sam", contentId).path("decisions")).isEmpty();
        assertThat(flow.content("sam", contentId).path("status").asText()).isEqualTo("IN_REVIEW");
    }

    @Test
    void completedTaskIsAConflict() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInReview();
        String taskId = flow.task("sam", "review-content", contentId).path("id").asText();
        String hash = flow.review("sam", "review-content", contentId, "APPROVE");

        JsonNode again = Problem.of(Api.as(port, "sam").post("/api/tasks/" + taskId + "/complete",
                Map.of("decision", "APPROVE", "revisionHash", hash)), 409);
        assertThat(again.path("detail").asText()).contains("already completed");
        Problem.of(Api.as(port, "sam").post("/api/tasks/" + taskId + "/claim"), 409);
        Problem.of(Api.as(port, "sam").get("/api/tasks/" + taskId), 409);
        assertThat(flow.content("sam", contentId).path("decisions")).hasSize(1);
        // another brand still learns nothing about it
        Problem.of(Api.as(port, "felix").post("/api/tasks/" + taskId + "/complete",
                Map.of("decision", "APPROVE", "revisionHash", hash)), 404);
    }

    @Test
    void authorOfARevisionCannotReviewIt() {
        String author = TestIdentities.of(identity).user("writer", "acme-bank:creative", "acme-bank:strategist");
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("linkedin"), author))
                .contentId();
        String hash = flow.createContent(author, contentId, Map.of("linkedin", acmeText("linkedin")));
        String taskId = flow.task(author, "review-content", contentId).path("id").asText();

        JsonNode problem = Problem.of(Api.as(port, author).post("/api/tasks/" + taskId + "/complete",
                Map.of("decision", "APPROVE", "comment", "looks great", "revisionHash", hash)), 409);

        assertThat(problem.path("detail").asText()).contains("four-eyes");
        assertThat(flow.content("sam", contentId).path("decisions")).isEmpty();
        assertThat(flow.taskDetail(author, taskId).path("id").asText()).isEqualTo(taskId);
        // another strategist may
        flow.complete("sam", taskId, Map.of("decision", "APPROVE", "revisionHash", hash));
        assertThat(flow.content("sam", contentId).path("decisions").get(0).path("reviewer").asText()).isEqualTo("sam");
    }

    @Test
    void authorOfABriefCannotSignItOff() {
        Lifecycle flow = Lifecycle.on(port);
        String briefId = flow.submit("nina", Briefs.request("nova-foods", "standard", List.of("instagram"), "felix"))
                .briefId();
        String taskId = flow.briefTask("nina", "approve-brief", briefId).path("id").asText();

        JsonNode problem = Problem.of(Api.as(port, "nina").post("/api/tasks/" + taskId + "/complete",
                Map.of("decision", "APPROVE")), 409);

        assertThat(problem.path("detail").asText()).contains("four-eyes");
        assertThat(flow.brief("nina", briefId).path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(flow.taskDetail("nina", taskId).path("id").asText()).isEqualTo(taskId);
    }

    @Test
    void assignCreativeNamesACreativeOfTheBrand() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("x"), null)).contentId();
        String complete = "/api/tasks/" + flow.task("sam", "assign-creative", contentId).path("id").asText() + "/complete";
        Api sam = Api.as(port, "sam");

        assertThat(Problem.message(Problem.invalid(sam.post(complete, Map.of("creative", "felix")), "creative"), "creative"))
                .contains("acme-bank");
        Problem.invalid(sam.post(complete, Map.of("creative", "lea")), "creative");
        Problem.invalid(sam.post(complete, Map.of("creative", "not a user!")), "creative");
        Problem.invalid(sam.post(complete, Map.of()), "creative");
        assertThat(flow.content("sam", contentId).path("creative").isNull()).isTrue();

        flow.complete("sam", complete.split("/")[3], Map.of("creative", "cleo"));
        assertThat(flow.task("cleo", "create-content", contentId).path("assignee").asText()).isEqualTo("cleo");
    }

    @Test
    void withoutCredentialsEveryTaskEndpointAnswers401() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInReview();
        String taskId = flow.task("sam", "review-content", contentId).path("id").asText();
        Api anonymous = Api.anonymous(port);

        Problem.unauthorized(anonymous.get("/api/tasks"));
        Problem.unauthorized(anonymous.get("/api/tasks/" + taskId));
        Problem.unauthorized(anonymous.post("/api/tasks/" + taskId + "/claim"));
        Problem.unauthorized(anonymous.post("/api/tasks/" + taskId + "/unclaim"));
        Problem.unauthorized(anonymous.post("/api/tasks/" + taskId + "/complete", Map.of("decision", "APPROVE")));
        Problem.unauthorized(Api.as(port, "nobody-at-all").post("/api/tasks/" + taskId + "/claim"));

        assertThat(flow.taskDetail("sam", taskId).path("assignee").isNull()).isTrue();
    }

    @Test
    void aTaskOutsideOnesQueueIsForbidden() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInLegalReview();
        String taskId = flow.task("lea", "legal-review", contentId).path("id").asText();
        String hash = flow.content("lea", contentId).path("currentRevision").path("hash").asText();

        Problem.of(Api.as(port, "cleo").post("/api/tasks/" + taskId + "/complete",
                Map.of("decision", "APPROVE", "revisionHash", hash)), 403);
        Problem.of(Api.as(port, "cleo").post("/api/tasks/" + taskId + "/claim"), 403);
        Problem.of(Api.as(port, "cleo").get("/api/tasks/" + taskId), 403);
        // a strategist sees the whole brand but cannot do legal's review
        Problem.of(Api.as(port, "sam").post("/api/tasks/" + taskId + "/complete",
                Map.of("decision", "APPROVE", "revisionHash", hash)), 403);

        assertThat(flow.taskDetail("lea", taskId).path("assignee").isNull()).isTrue();
        assertThat(flow.content("lea", contentId).path("decisions")).hasSize(1);
    }

    @Test
    void anotherBrandsTaskDoesNotExist() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInReview();
        String taskId = flow.task("sam", "review-content", contentId).path("id").asText();
        String hash = flow.content("sam", contentId).path("currentRevision").path("hash").asText();
        Api felix = Api.as(port, "felix");

        assertThat(Problem.of(felix.get("/api/tasks/" + taskId), 404).path("detail").asText()).contains(taskId);
        Problem.of(felix.post("/api/tasks/" + taskId + "/claim"), 404);
        Problem.of(felix.post("/api/tasks/" + taskId + "/unclaim"), 404);
        Problem.of(felix.post("/api/tasks/" + taskId + "/complete", Map.of("decision", "APPROVE", "revisionHash", hash)), 404);
        Problem.of(Api.as(port, "sam").get("/api/tasks/no-such-task"), 404);
        Problem.of(Api.as(port, "sam").post("/api/tasks/no-such-task/claim"), 404);

        assertThat(flow.taskDetail("sam", taskId).path("assignee").isNull()).isTrue();
        assertThat(flow.content("sam", contentId).path("decisions")).isEmpty();
    }

    @Test
    void createContentMustCoverExactlyTheTargetPlatforms() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("linkedin", "x"), "cleo"))
                .contentId();
        String complete = "/api/tasks/" + flow.task("cleo", "create-content", contentId).path("id").asText() + "/complete";
        Api cleo = Api.as(port, "cleo");

        JsonNode missing = Problem.invalid(cleo.post(complete,
                Map.of("variants", Lifecycle.variants(Map.of("linkedin", acmeText("linkedin"))))), "variants.x.text");
        assertThat(Problem.fields(missing)).doesNotContain("variants.linkedin");
        Problem.invalid(cleo.post(complete, Map.of("variants", Lifecycle.variants(Map.of(
                "linkedin", acmeText("linkedin"), "x", acmeText("x"), "facebook", acmeText("facebook"))))),
                "variants.facebook");
        Problem.invalid(cleo.post(complete, Map.of("variants", Lifecycle.variants(Map.of(
                "linkedin", acmeText("linkedin"), "x", "  ")))), "variants.x.text");
        Problem.invalid(cleo.post(complete, Map.of("variants", "just text")), "variants");
        Problem.invalid(cleo.post(complete, Map.of()), "variants.linkedin.text", "variants.x.text");

        JsonNode content = flow.content("cleo", contentId);
        assertThat(content.path("status").asText()).isEqualTo("IN_CREATION");
        assertThat(content.path("revisions")).isEmpty();
    }

    private static List<String> ids(List<JsonNode> tasks) {
        return tasks.stream().map(t -> t.path("id").asText()).toList();
    }
}
