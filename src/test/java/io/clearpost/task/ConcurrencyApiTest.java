package io.clearpost.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static io.clearpost.support.Lifecycle.acmeText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent requests on the same task or content, over real HTTP: one winner, the others 409 problem+json
 * (or, where the request is safe to repeat, success after a retry), never a 5xx; the state and the audit
 * chain stay whole. Run on H2 and MariaDB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrencyApiTest {

    private static final int PARALLEL = 10;

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService engineTasks;
    @Autowired
    HistoryService history;
    @Autowired
    BrandRepository brands;

    /** Fires all requests at once (a latch releases them together) and collects the answers. */
    private static List<Api.Response> atOnce(int n, Function<Integer, Api.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(index);
                }));
            }
            ready.await();
            go.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(List<Api.Response> responses, int status) {
        return responses.stream().filter(r -> r.status() == status).count();
    }

    private static void onlyWinsAndConflicts(List<Api.Response> responses) {
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(204, 409));
        responses.stream().filter(r -> r.status() == 409).forEach(r -> Problem.of(r, 409));
    }

    private List<JsonNode> audit(String contentId, String type) {
        Api.Response trail = Api.as(port, "ada").get("/api/audit/content/" + contentId);
        assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        trail.json().forEach(e -> {
            if (type.equals(e.path("type").asText())) {
                events.add(e);
            }
        });
        return events;
    }

    private void chainIsValid() {
        JsonNode verified = Api.as(port, "ada").get("/api/audit/verify?brand=acme-bank").json();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
    }

    @Test
    void tenParallelCompletionsOfOneTaskHaveOneWinner() throws Exception {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInLegalReview();
        String taskId = flow.task("lea", "legal-review", contentId).path("id").asText();
        String hash = flow.content("lea", contentId).path("currentRevision").path("hash").asText();

        List<Api.Response> responses = atOnce(PARALLEL, i -> Api.as(port, "lea").post("/api/tasks/" + taskId
                + "/complete", Map.of("decision", "APPROVE", "comment", "attempt " + i, "revisionHash", hash)));

        onlyWinsAndConflicts(responses);
        assertThat(count(responses, 204)).as(responses.toString()).isEqualTo(1);
        assertThat(count(responses, 409)).isEqualTo(PARALLEL - 1);
        JsonNode content = flow.content("lea", contentId);
        List<JsonNode> legal = new ArrayList<>();
        content.path("decisions").forEach(d -> {
            if ("legal-review".equals(d.path("key").asText())) {
                legal.add(d);
            }
        });
        assertThat(legal).as("decisions of %s", content).hasSize(1);
        assertThat(history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count()).isEqualTo(1);
        assertThat(audit(contentId, "DECISION_RECORDED")).filteredOn(e -> e.toString().contains("legal-review"))
                .hasSize(1);
        assertThat(audit(contentId, "TASK_COMPLETED")).filteredOn(e -> e.toString().contains(taskId)).hasSize(1);
        chainIsValid();
    }

    @Test
    void parallelClaimsByTwoLawyersGiveTheTaskToOne() throws Exception {
        Lifecycle flow = Lifecycle.on(port);
        String otherLawyer = TestIdentities.of(identity).user("lawyer", "acme-bank:legal");
        String contentId = flow.acmeContentInLegalReview();
        String taskId = flow.task("lea", "legal-review", contentId).path("id").asText();

        List<Api.Response> responses = atOnce(PARALLEL, i -> Api.as(port, i % 2 == 0 ? "lea" : otherLawyer)
                .post("/api/tasks/" + taskId + "/claim"));

        onlyWinsAndConflicts(responses);
        String assignee = engineTasks.createTaskQuery().taskId(taskId).singleResult().getAssignee();
        assertThat(assignee).isIn("lea", otherLawyer);
        for (int i = 0; i < PARALLEL; i++) {
            boolean winner = (i % 2 == 0 ? "lea" : otherLawyer).equals(assignee);
            assertThat(responses.get(i).status()).as("claim %d: %s", i, responses.get(i)).isEqualTo(winner ? 204 : 409);
        }
        assertThat(audit(contentId, "TASK_CLAIMED")).filteredOn(e -> e.toString().contains(taskId)).hasSize(1);
        chainIsValid();
    }

    @Test
    void parallelUnclaimsHandTheTaskBackOnce() throws Exception {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInLegalReview();
        String taskId = flow.task("lea", "legal-review", contentId).path("id").asText();
        assertThat(Api.as(port, "lea").post("/api/tasks/" + taskId + "/claim").status()).isEqualTo(204);

        List<Api.Response> responses = atOnce(PARALLEL, i -> Api.as(port, "lea").post("/api/tasks/" + taskId
                + "/unclaim"));

        // handing back a task one no longer holds is safe to repeat: each request succeeds or loses (409)
        onlyWinsAndConflicts(responses);
        assertThat(count(responses, 204)).isGreaterThanOrEqualTo(1);
        assertThat(engineTasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
        assertThat(audit(contentId, "TASK_UNCLAIMED")).filteredOn(e -> e.toString().contains(taskId)).hasSize(1);
        chainIsValid();
    }

    @RepeatedTest(3)
    void legalAndComplianceApprovingTheSameContentAtOnceBothCount() throws Exception {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.financialPromotion("cleo", "linkedin").contentId();
        flow.createContent("cleo", contentId, Map.of("linkedin", acmeText("linkedin")));
        flow.review("sam", "review-content", contentId, "APPROVE");
        String hash = flow.content("lea", contentId).path("currentRevision").path("hash").asText();
        String legal = flow.task("lea", "legal-review", contentId).path("id").asText();
        String compliance = flow.task("cora", "compliance-review", contentId).path("id").asText();

        List<Api.Response> responses = atOnce(2, i -> Api.as(port, i == 0 ? "lea" : "cora")
                .post("/api/tasks/" + (i == 0 ? legal : compliance) + "/complete",
                        Map.of("decision", "APPROVE", "comment", "fine", "revisionHash", hash)));

        // the two reviews change one content item: the second to save retries from the first's state
        onlyWinsAndConflicts(responses);
        for (int i = 0; i < 2; i++) {
            if (responses.get(i).status() == 409) {
                // the answer says to reload and try again; doing so succeeds
                flow.complete(i == 0 ? "lea" : "cora", i == 0 ? legal : compliance,
                        Map.of("decision", "APPROVE", "comment", "fine", "revisionHash", hash));
            }
        }
        JsonNode content = flow.awaitStatus("lea", contentId, "APPROVED");
        List<String> keys = new ArrayList<>();
        content.path("decisions").forEach(d -> keys.add(d.path("key").asText()));
        assertThat(keys).as(content.toString()).containsOnlyOnce("legal-review", "compliance-review");
        assertThat(audit(contentId, "DECISION_RECORDED")).hasSize(3);
        chainIsValid();
    }

    @Test
    void parallelFreezesAndAccountConnectionsOfOneBrandNeverFail() throws Exception {
        TestIdentities identities = TestIdentities.of(identity);
        String brand = identities.brand(brands, "race", List.of("linkedin"));
        String strategist = identities.user("strategist", brand + ":strategist");
        String auditor = identities.user("auditor", brand + ":auditor");

        List<Api.Response> freezes = atOnce(PARALLEL, i -> Api.as(port, strategist)
                .post("/api/brands/" + brand + "/freeze"));
        onlyWinsAndConflicts(freezes);
        assertThat(count(freezes, 204)).isGreaterThanOrEqualTo(1);
        assertThat(brands.findById(brand).orElseThrow().frozen()).isTrue();

        List<Api.Response> connects = atOnce(PARALLEL, i -> Api.as(port, strategist)
                .put("/api/brands/" + brand + "/accounts/linkedin", Map.of("accountId", "urn:li:organization:" + i,
                        "accessToken", "tok-" + i)));
        assertThat(connects).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 409));
        connects.stream().filter(r -> r.status() == 409).forEach(r -> Problem.of(r, 409));
        assertThat(count(connects, 200)).isGreaterThanOrEqualTo(1);
        JsonNode accounts = Api.as(port, strategist).get("/api/brands/" + brand + "/accounts").json();
        assertThat(accounts).hasSize(1);

        JsonNode trail = Api.as(port, auditor).get("/api/audit/verify?brand=" + brand).json();
        assertThat(trail.path("valid").asBoolean()).as(trail.toString()).isTrue();
        // one BRAND_FROZEN, one ACCOUNT_CONNECTED per connection that answered 200
        assertThat(trail.path("events").asLong()).isEqualTo(1 + count(connects, 200));
    }
}
