package io.clearpost.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Problem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static io.clearpost.support.Lifecycle.acmeText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/content/{id}/cancel before publication, in every state a deliverable can be in: whatever task
 * was open for it ends, the content is CANCELLED, and the brief goes on without it. Once cancelled, 409.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WithdrawDeliverableApiTest {

    @LocalServerPort
    int port;

    @Test
    void aDeliverableInCreationIsWithdrawnAndItsCreativeTaskEnds() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo"))
                .contentId();
        assertThat(flow.findTask("cleo", "create-content", t -> contentId.equals(t.path("contentId").asText())))
                .isPresent();

        withdraw(flow, contentId);

        assertThat(flow.findTask("cleo", "create-content", t -> contentId.equals(t.path("contentId").asText())))
                .isEmpty();
    }

    @Test
    void aDeliverableInReviewIsWithdrawn() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInReview();
        assertThat(flow.content("sam", contentId).path("status").asText()).isEqualTo("IN_REVIEW");

        withdraw(flow, contentId);

        assertThat(flow.findTask("sam", "review-content", t -> contentId.equals(t.path("contentId").asText())))
                .isEmpty();
    }

    @Test
    void aDeliverableInLegalReviewIsWithdrawnAndLegalHasNothingLeftToJudge() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInLegalReview();

        withdraw(flow, contentId);

        assertThat(flow.findTask("lea", "legal-review", t -> contentId.equals(t.path("contentId").asText())))
                .isEmpty();
    }

    @Test
    void anApprovedDeliverableWaitingToBeScheduledIsWithdrawn() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInLegalReview();
        flow.review("lea", "legal-review", contentId, "APPROVE");
        assertThat(flow.content("sam", contentId).path("status").asText()).isEqualTo("APPROVED");
        assertThat(flow.findTask("sam", "schedule-post", t -> contentId.equals(t.path("contentId").asText())))
                .isPresent();

        withdraw(flow, contentId);

        assertThat(flow.findTask("sam", "schedule-post", t -> contentId.equals(t.path("contentId").asText())))
                .isEmpty();
    }

    @Test
    void onlyTheOtherDeliverableOfTheBriefGoesOn() {
        Lifecycle flow = Lifecycle.on(port);
        Map<String, Object> request = Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deliverables = (List<Map<String, Object>>) request.get("deliverables");
        deliverables.add(new java.util.LinkedHashMap<>(deliverables.get(0)));
        Lifecycle.Submitted brief = flow.submit("sam", request);
        String withdrawn = brief.contentIds().get(0);
        String kept = brief.contentIds().get(1);

        withdraw(flow, withdrawn);

        assertThat(flow.content("sam", kept).path("status").asText()).isEqualTo("IN_CREATION");
        flow.createContent("cleo", kept, Map.of("linkedin", acmeText("linkedin")));
        assertThat(flow.content("sam", kept).path("status").asText()).isEqualTo("IN_REVIEW");
    }

    @Test
    void aBriefAwaitingSignOffIsDeclinedThereNotWithdrawnDeliverableByDeliverable() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.submit("sam", Briefs.request("nova-foods", "standard", List.of("instagram"), "felix"))
                .contentId();

        JsonNode conflict = Problem.of(flow.as("sam").post("/api/content/" + contentId + "/cancel"), 409);

        assertThat(conflict.path("detail").asText()).contains("sign-off");
        assertThat(flow.content("sam", contentId).path("status").asText()).isEqualTo("IN_CREATION");
    }

    private void withdraw(Lifecycle flow, String contentId) {
        String path = "/api/content/" + contentId + "/cancel";
        Problem.of(flow.as("cleo").post(path), 403);
        Api.Response cancelled = flow.as("sam").post(path);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(204);
        assertThat(flow.content("sam", contentId).path("status").asText()).isEqualTo("CANCELLED");
        Problem.of(flow.as("sam").post(path), 409);
    }
}
