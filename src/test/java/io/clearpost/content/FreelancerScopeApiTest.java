package io.clearpost.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.TestIdentities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A freelance creative (a creative of a brand and nothing else there) reads only the briefs, content and tasks
 * of the deliverables assigned to them, in every brand they work for, and never the brand's other work, its
 * reviews or its audit trail. Everyone else of the brand keeps reading everything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FreelancerScopeApiTest {

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    Lifecycle lifecycle;
    String freelancer;

    @BeforeEach
    void setUp() {
        lifecycle = Lifecycle.on(port);
        // one freelancer working for two clients' brands
        freelancer = TestIdentities.of(identity).user("freelancer", "acme-bank:creative", "nova-foods:creative");
    }

    @Test
    void aFreelancerReadsTheBriefOnlyWithTheDeliverableAssignedToThem() {
        Map<String, Object> request = Briefs.request("acme-bank", "standard", List.of("linkedin"), freelancer);
        Briefs.addDeliverable(request, List.of("x"), "cleo");
        Lifecycle.Submitted shared = lifecycle.submit("sam", request);
        String theirs = shared.contentIds().get(0);
        String cleos = shared.contentIds().get(1);

        Api.Response brief = as(freelancer).get("/api/briefs/" + shared.briefId());
        assertThat(brief.status()).as(brief.toString()).isEqualTo(200);
        assertThat(brief.json().path("deliverables")).extracting(d -> d.path("contentId").asText())
                .containsExactly(theirs);

        assertThat(as(freelancer).get("/api/content/" + theirs).status()).isEqualTo(200);
        Api.Response other = as(freelancer).get("/api/content/" + cleos);
        assertThat(other.status()).as(other.toString()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");

        // the brand's strategist and the other creative's view are unchanged
        assertThat(as("sam").get("/api/briefs/" + shared.briefId()).json().path("deliverables")).hasSize(2);
        assertThat(as("cleo").get("/api/content/" + cleos).status()).isEqualTo(200);
    }

    @Test
    void aBriefWithNothingAssignedToTheFreelancerDoesNotExistForThem() {
        Lifecycle.Submitted cleosOnly = lifecycle.submit("sam", Briefs.request("acme-bank", "standard",
                List.of("linkedin"), "cleo"));
        Lifecycle.Submitted theirs = lifecycle.submit("sam", Briefs.request("acme-bank", "standard",
                List.of("linkedin"), freelancer));

        Api.Response brief = as(freelancer).get("/api/briefs/" + cleosOnly.briefId());
        assertThat(brief.status()).as(brief.toString()).isEqualTo(404);
        assertThat(brief.contentType()).startsWith("application/problem+json");

        assertThat(ids(as(freelancer).get("/api/briefs?brand=acme-bank")))
                .contains(theirs.briefId()).doesNotContain(cleosOnly.briefId());
        assertThat(ids(as(freelancer).get("/api/content?brand=acme-bank")))
                .contains(theirs.contentId()).doesNotContain(cleosOnly.contentId());
        assertThat(ids(as("sam").get("/api/briefs?brand=acme-bank")))
                .contains(theirs.briefId(), cleosOnly.briefId());
    }

    @Test
    void aFreelancerWorksOnTheirOwnCreationTasksInEveryBrandTheyWorkFor() {
        String acme = lifecycle.submit("sam", Briefs.request("acme-bank", "standard", List.of("linkedin"),
                freelancer)).contentId();
        String cleos = lifecycle.submit("sam", Briefs.request("acme-bank", "standard", List.of("linkedin"),
                "cleo")).contentId();
        String nova = lifecycle.novaBriefSignedOff(freelancer, "threads").contentId();

        List<String> contentOfTheirTasks = lifecycle.tasks(freelancer, "").stream()
                .map(t -> t.path("contentId").asText()).toList();
        assertThat(contentOfTheirTasks).contains(acme, nova).doesNotContain(cleos);
        assertThat(lifecycle.tasks(freelancer, "").stream().map(t -> t.path("key").asText()))
                .containsOnly("create-content");

        JsonNode cleosTask = lifecycle.task("cleo", "create-content", cleos);
        Api.Response foreign = as(freelancer).get("/api/tasks/" + cleosTask.path("id").asText());
        assertThat(foreign.status()).as(foreign.toString()).isIn(403, 404);

        lifecycle.createContent(freelancer, acme, Map.of("linkedin", Lifecycle.acmeText("linkedin")));
        lifecycle.createContent(freelancer, nova, Map.of("threads", "Fresh spring menu, tasty and light."));
        assertThat(as(freelancer).get("/api/content/" + nova).json().path("currentRevision").path("author").asText())
                .isEqualTo(freelancer);
    }

    @Test
    void aFreelancerSeesNoReviewsAuditOrReportsOfTheBrand() {
        String inReview = lifecycle.acmeContentInReview();

        assertThat(lifecycle.tasks(freelancer, "key=review-content")).isEmpty();
        assertThat(as(freelancer).get("/api/content/" + inReview).status()).isEqualTo(404);
        assertThat(as(freelancer).get("/api/audit/content/" + inReview).status()).isIn(403, 404);
        assertThat(as(freelancer).get("/api/audit/verify?brand=acme-bank").status()).isEqualTo(403);
        assertThat(as(freelancer).get("/api/sla/report?brand=acme-bank&from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z").status()).isEqualTo(403);
    }

    private Api as(String user) {
        return Api.as(port, user);
    }

    private static List<String> ids(Api.Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }
}
