package io.clearpost.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Problem;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.clearpost.support.Lifecycle.acmeText;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/content/{id} and GET /api/content?brand=&status= over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContentApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void contentShowsEveryRevisionWithTheHashOfItsCanonicalJson() throws Exception {
        Lifecycle flow = Lifecycle.on(port);
        Lifecycle.Submitted brief = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("linkedin", "x"), "cleo"));
        String contentId = brief.contentId();

        Map<String, Object> first = Lifecycle.variants(Map.of(
                "linkedin", "Risk-free savings! Capital at risk.", "x", acmeText("x")));
        Map<String, Object> second = Map.of(
                "x", Map.of("text", acmeText("x"),
                        "media", List.of(Map.of("url", "https://cdn.example.com/a.png", "sha256", "ab".repeat(32),
                                "type", "image/png")),
                        "link", "https://acme-bank.example.com/savings"),
                "linkedin", Map.of("text", "Élan d'épargne — \"save\" <more> 💶. Capital at risk."));
        flow.complete("cleo", flow.task("cleo", "create-content", contentId).path("id").asText(), Map.of("variants", first));
        flow.complete("cleo", flow.task("cleo", "create-content", contentId).path("id").asText(), Map.of("variants", second));
        String hash = flow.review("sam", "review-content", contentId, "APPROVE");

        Api.Response response = Api.as(port, "cleo").get("/api/content/" + contentId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode content = response.json();
        assertThat(content.path("id").asText()).isEqualTo(contentId);
        assertThat(content.path("briefId").asText()).isEqualTo(brief.briefId());
        assertThat(content.path("brand").asText()).isEqualTo("acme-bank");
        assertThat(content.path("platforms")).extracting(JsonNode::asText).containsExactly("linkedin", "x");
        assertThat(content.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(content.path("creative").asText()).isEqualTo("cleo");

        JsonNode revisions = content.path("revisions");
        assertThat(revisions).extracting(r -> r.path("number").asInt()).containsExactly(1, 2);
        assertThat(revisions).extracting(r -> r.path("author").asText()).containsExactly("cleo", "cleo");
        assertThat(revisions.get(0).path("hash").asText()).matches("[0-9a-f]{64}").isEqualTo(hashOf(first));
        assertThat(revisions.get(1).path("hash").asText()).matches("[0-9a-f]{64}").isEqualTo(hashOf(second)).isEqualTo(hash);
        assertThat(revisions.get(1).path("variants")).isEqualTo(JSON.valueToTree(second));
        assertThat(content.path("currentRevision")).isEqualTo(revisions.get(1));

        JsonNode decisions = content.path("decisions");
        assertThat(decisions).hasSize(1);
        JsonNode decision = decisions.get(0);
        assertThat(decision.path("key").asText()).isEqualTo("review-content");
        assertThat(decision.path("reviewer").asText()).isEqualTo("sam");
        assertThat(decision.path("decision").asText()).isEqualTo("APPROVE");
        assertThat(decision.path("comment").asText()).isEqualTo("by sam");
        assertThat(decision.path("revisionHash").asText()).isEqualTo(hash);
        assertThat(decision.path("rule").asText()).isEqualTo("creation-review");
        assertThat(decision.path("at").asText()).isNotBlank();
        assertThat(content.path("requiredReviews")).extracting(r -> r.path("reviewKey").asText() + "/" + r.path("rule").asText())
                .containsExactly("legal-review/regulated-brand");
        assertThat(content.path("violations")).isEmpty();
    }

    @Test
    void tikTokChoicesAreRequiredPerPostAndCoveredByTheRevisionHash() throws Exception {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.novaBriefSignedOff("felix", "tiktok").contentId();
        String taskId = flow.task("felix", "create-content", contentId).path("id").asText();
        Map<String, Object> media = Map.of("url", "https://cdn.nova.example/granola.mp4", "sha256", "c".repeat(64),
                "type", "video/mp4");

        Api.Response unchosen = flow.as("felix").post("/api/tasks/" + taskId + "/complete", Map.of("variants",
                Map.of("tiktok", Map.of("text", "Granola", "media", List.of(media)))));
        Problem.invalid(unchosen, "variants.tiktok.privacy");
        Api.Response unknown = flow.as("felix").post("/api/tasks/" + taskId + "/complete", Map.of("variants",
                Map.of("tiktok", Map.of("text", "Granola", "media", List.of(media), "privacy", "EVERYONE"))));
        Problem.invalid(unknown, "variants.tiktok.privacy");
        assertThat(flow.content("felix", contentId).path("revisions")).as("nothing stored").isEmpty();

        Map<String, Object> variants = Map.of("tiktok", Map.of("text", "Granola", "media", List.of(media),
                "privacy", "SELF_ONLY", "disableComment", true, "disableDuet", false, "disableStitch", false));
        flow.complete("felix", taskId, Map.of("variants", variants));

        JsonNode revision = flow.content("felix", contentId).path("currentRevision");
        assertThat(revision.path("variants")).isEqualTo(JSON.valueToTree(variants));
        assertThat(revision.path("hash").asText()).as("the approved hash covers the choices").isEqualTo(hashOf(variants));
    }

    @Test
    void listsContentByBrandAndStatus() {
        Lifecycle flow = Lifecycle.on(port);
        String inReview = flow.acmeContentInReview();
        String inCreation = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("x"), "cleo")).contentId();

        JsonNode all = ok(Api.as(port, "sam").get("/api/content?brand=acme-bank"));
        assertThat(all).extracting(c -> c.path("id").asText()).contains(inReview, inCreation);
        assertThat(all).allSatisfy(c -> assertThat(c.path("brand").asText()).isEqualTo("acme-bank"));

        JsonNode reviewing = ok(Api.as(port, "cleo").get("/api/content?brand=acme-bank&status=IN_REVIEW"));
        assertThat(reviewing).extracting(c -> c.path("id").asText()).contains(inReview).doesNotContain(inCreation);
        assertThat(reviewing).allSatisfy(c -> assertThat(c.path("status").asText()).isEqualTo("IN_REVIEW"));
        for (JsonNode listed : reviewing) {
            if (listed.path("id").asText().equals(inReview)) {
                assertThat(listed.path("currentRevision").path("hash").asText()).matches("[0-9a-f]{64}");
            }
        }

        JsonNode creating = ok(Api.as(port, "sam").get("/api/content?brand=acme-bank&status=IN_CREATION"));
        assertThat(creating).extracting(c -> c.path("id").asText()).contains(inCreation).doesNotContain(inReview);

        JsonNode nova = ok(Api.as(port, "felix").get("/api/content?brand=nova-foods"));
        assertThat(nova).extracting(c -> c.path("id").asText()).doesNotContain(inReview, inCreation);
    }

    @Test
    void withoutCredentialsContentAnswers401() {
        String contentId = Lifecycle.on(port).acmeContentInReview();
        Problem.unauthorized(Api.anonymous(port).get("/api/content/" + contentId));
        Problem.unauthorized(Api.anonymous(port).get("/api/content?brand=acme-bank"));
        Problem.unauthorized(Api.as(port, "nobody-at-all").get("/api/content/" + contentId));
    }

    @Test
    void anotherBrandsContentDoesNotExist() {
        String contentId = Lifecycle.on(port).acmeContentInReview();

        JsonNode problem = Problem.of(Api.as(port, "felix").get("/api/content/" + contentId), 404);
        assertThat(problem.path("detail").asText()).contains(contentId).doesNotContain("acme-bank");
        Problem.of(Api.as(port, "felix").get("/api/content?brand=acme-bank"), 404);
        Problem.of(Api.as(port, "felix").get("/api/content?brand=acme-bank&status=IN_REVIEW"), 404);
        Problem.of(Api.as(port, "sam").get("/api/content/no-such-content"), 404);
        Problem.of(Api.as(port, "sam").get("/api/content?brand=no-such-brand"), 404);
    }

    @Test
    void badQueryParametersAreNamed() {
        JsonNode problem = Problem.invalid(Api.as(port, "sam").get("/api/content?brand=acme-bank&status=DONE"), "status");
        assertThat(Problem.fields(problem)).containsExactly("status");
        Problem.invalid(Api.as(port, "sam").get("/api/content?status=APPROVED"), "brand");
        Problem.invalid(Api.as(port, "sam").get("/api/content"), "brand");
    }

    /** SHA-256 over the RFC 8785 form of {@code {"variants": …}}, computed here independently of the server. */
    private static String hashOf(Map<String, Object> variants) throws IOException, NoSuchAlgorithmException {
        String canonical = new JsonCanonicalizer(JSON.writeValueAsString(Map.of("variants", variants))).getEncodedString();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
