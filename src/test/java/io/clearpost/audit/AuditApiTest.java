package io.clearpost.audit;

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
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/audit/content/{id}, /api/audit/briefs/{id} and /api/audit/verify over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditApiTest {

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    BrandRepository brands;

    @Autowired
    JdbcClient jdbc;

    @Test
    void auditorAndAdministratorReadTheHistoryAndVerifyTheChain() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInReview();
        String briefId = flow.content("sam", contentId).path("briefId").asText();

        for (String reader : List.of("ada", "root")) {
            JsonNode content = ok(Api.as(port, reader).get("/api/audit/content/" + contentId));
            assertThat(content).allSatisfy(e -> {
                assertThat(e.path("brand").asText()).isEqualTo("acme-bank");
                assertThat(e.path("contentId").asText()).isEqualTo(contentId);
                assertThat(e.path("hash").asText()).matches("[0-9a-f]{64}");
                assertThat(e.path("prevHash").asText()).matches("[0-9a-f]{64}");
                assertThat(e.path("occurredAt").asText()).isNotBlank();
            });
            assertThat(content).extracting(e -> e.path("type").asText() + "/" + e.path("actor").asText())
                    .containsSubsequence("CONTENT_PLANNED/sam", "REVISION_SUBMITTED/cleo", "CONTENT_CHECKED/cleo");
            assertThat(content).extracting(e -> e.path("seq").asLong()).isSorted().doesNotHaveDuplicates();

            JsonNode brief = ok(Api.as(port, reader).get("/api/audit/briefs/" + briefId));
            assertThat(brief.get(0).path("type").asText()).isEqualTo("BRIEF_CREATED");
            assertThat(brief.get(0).path("actor").asText()).isEqualTo("sam");
            assertThat(brief).allSatisfy(e -> assertThat(e.path("briefId").asText()).isEqualTo(briefId));
            assertThat(brief.size()).isGreaterThan(content.size());

            JsonNode verified = ok(Api.as(port, reader).get("/api/audit/verify?brand=acme-bank"));
            assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
            assertThat(verified.path("events").asInt()).isGreaterThanOrEqualTo(brief.size());
            assertThat(verified.path("brokenAt").isNull()).isTrue();
        }
        assertThat(ok(Api.as(port, "root").get("/api/audit/verify?brand=nova-foods")).path("valid").asBoolean()).isTrue();
    }

    @Test
    void otherRolesOfTheBrandMayNotReadTheAuditTrail() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInReview();
        String briefId = flow.content("sam", contentId).path("briefId").asText();

        for (String user : List.of("sam", "cleo", "lea")) {
            Api api = Api.as(port, user);
            assertThat(Problem.of(api.get("/api/audit/content/" + contentId), 403).path("detail").asText())
                    .contains("auditor");
            Problem.of(api.get("/api/audit/briefs/" + briefId), 403);
            Problem.of(api.get("/api/audit/verify?brand=acme-bank"), 403);
        }
    }

    @Test
    void anotherBrandsTrailDoesNotExist() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.acmeContentInReview();
        String briefId = flow.content("sam", contentId).path("briefId").asText();
        String novaBrief = flow.submit("sam", Briefs.request("nova-foods", "standard", List.of("threads"), "felix")).briefId();
        Api nina = Api.as(port, "nina");
        Api ada = Api.as(port, "ada");

        assertThat(Problem.of(nina.get("/api/audit/content/" + contentId), 404).path("detail").asText()).contains(contentId);
        Problem.of(nina.get("/api/audit/briefs/" + briefId), 404);
        Problem.of(nina.get("/api/audit/verify?brand=acme-bank"), 404);
        Problem.of(ada.get("/api/audit/briefs/" + novaBrief), 404);
        Problem.of(ada.get("/api/audit/verify?brand=nova-foods"), 404);
        Problem.of(ada.get("/api/audit/content/no-such-content"), 404);
        Problem.of(ada.get("/api/audit/briefs/no-such-brief"), 404);
        Problem.of(Api.as(port, "root").get("/api/audit/content/no-such-content"), 404);
        Problem.invalid(ada.get("/api/audit/verify"), "brand");
    }

    @Test
    void withoutCredentialsTheAuditTrailAnswers401() {
        String contentId = Lifecycle.on(port).acmeContentInReview();
        Api anonymous = Api.anonymous(port);
        Problem.unauthorized(anonymous.get("/api/audit/content/" + contentId));
        Problem.unauthorized(anonymous.get("/api/audit/briefs/any"));
        Problem.unauthorized(anonymous.get("/api/audit/verify?brand=acme-bank"));
        Problem.unauthorized(Api.as(port, "nobody-at-all").get("/api/audit/verify?brand=acme-bank"));
    }

    @Test
    void anEditedEventBreaksTheChainAtItsSequence() {
        // a brand of this test's own: tampering must not break the demo brands' chains for other tests
        TestIdentities identities = TestIdentities.of(identity);
        String brand = identities.brand(brands, "tamper", List.of("linkedin"));
        String strategist = identities.user("strategist", brand + ":strategist");
        String auditor = identities.user("auditor", brand + ":auditor");
        Lifecycle.Submitted brief = Lifecycle.on(port).submit(strategist, Briefs.request(brand, "standard", List.of("linkedin"), null));

        JsonNode trail = ok(Api.as(port, auditor).get("/api/audit/briefs/" + brief.briefId()));
        assertThat(trail).extracting(e -> e.path("seq").asLong() + "/" + e.path("type").asText())
                .containsExactly("1/BRIEF_CREATED", "2/CONTENT_PLANNED");
        JsonNode intact = ok(Api.as(port, auditor).get("/api/audit/verify?brand=" + brand));
        assertThat(intact.path("valid").asBoolean()).isTrue();
        assertThat(intact.path("events").asInt()).isEqualTo(2);

        String original = jdbc.sql("SELECT payload FROM audit_event WHERE brand = ? AND seq = 2").param(brand)
                .query(String.class).single();
        try {
            int updated = jdbc.sql("UPDATE audit_event SET payload = ? WHERE brand = ? AND seq = 2")
                    .params(original.replace("linkedin", "facebook"), brand).update();
            assertThat(updated).isEqualTo(1);

            for (String reader : List.of(auditor, "root")) {
                JsonNode broken = ok(Api.as(port, reader).get("/api/audit/verify?brand=" + brand));
                assertThat(broken.path("valid").asBoolean()).as(broken.toString()).isFalse();
                assertThat(broken.path("brokenAt").asLong()).isEqualTo(2);
                assertThat(broken.path("events").asInt()).isEqualTo(2);
            }
        } finally {
            jdbc.sql("UPDATE audit_event SET payload = ? WHERE brand = ? AND seq = 2").params(original, brand).update();
        }
        assertThat(ok(Api.as(port, auditor).get("/api/audit/verify?brand=" + brand)).path("valid").asBoolean()).isTrue();
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
