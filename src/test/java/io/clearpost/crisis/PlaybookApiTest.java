package io.clearpost.crisis;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Problem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playbook API over real HTTP as the demo users: prepare, read, revise, and legal's approval in advance
 * (hash-bound, four-eyes), with every endpoint's validation errors, 401/403/404 and conflicts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlaybookApiTest {

    @LocalServerPort
    int port;

    static String scenario(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> recall(String scenario) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scenario", scenario);
        body.put("title", "Product recall");
        body.put("statement", Map.of(
                "x", Map.of("text", "We are recalling {{product}}. Details: {{link}}"),
                "linkedin", Map.of("text", "We are recalling {{product}} as a precaution. Details: {{link}}")));
        body.put("placeholders", List.of("product", "link"));
        body.put("replies", List.of(Map.of("name", "refund", "text", "You can return {{product}} for a full refund."),
                Map.of("name", "safety", "text", "Stop using {{product}}; see {{link}}.")));
        return body;
    }

    static String create(Api api, Map<String, Object> body) {
        Api.Response created = api.post("/api/brands/acme-bank/playbooks", body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("id").asText();
    }

    @Test
    void preparingReadingAndRevisingAPlaybook() {
        Api sam = Api.as(port, "sam");
        String scenario = scenario("product-recall");
        Api.Response created = sam.post("/api/brands/acme-bank/playbooks", recall(scenario));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/brands/acme-bank/playbooks/" + id);
        assertThat(created.json().path("status").asText()).isEqualTo("DRAFT");
        assertThat(created.json().path("approved").asBoolean()).isFalse();
        assertThat(created.json().path("revision").asInt()).isEqualTo(1);
        assertThat(created.json().path("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(created.json().path("author").asText()).isEqualTo("sam");

        for (String reader : List.of("lea", "cora", "ada", "omar", "root")) {
            Api.Response read = Api.as(port, reader).get("/api/brands/acme-bank/playbooks/" + id);
            assertThat(read.status()).as("%s reads: %s", reader, read).isEqualTo(200);
            assertThat(read.json().path("statement").path("x").path("text").asText()).contains("{{product}}");
        }
        assertThat(Api.as(port, "ada").get("/api/brands/acme-bank/playbooks").json())
                .extracting(p -> p.path("id").asText()).contains(id);
        Problem.unauthorized(Api.anonymous(port).get("/api/brands/acme-bank/playbooks"));
        Problem.unauthorized(Api.anonymous(port).get("/api/brands/acme-bank/playbooks/" + id));
        Problem.unauthorized(Api.anonymous(port).post("/api/brands/acme-bank/playbooks", recall(scenario("x"))));
        Problem.unauthorized(Api.anonymous(port).put("/api/brands/acme-bank/playbooks/" + id, recall(scenario)));
        Problem.of(Api.as(port, "cleo").get("/api/brands/acme-bank/playbooks"), 403);
        Problem.of(Api.as(port, "cleo").get("/api/brands/acme-bank/playbooks/" + id), 403);
        Problem.of(Api.as(port, "felix").get("/api/brands/acme-bank/playbooks"), 404);
        Problem.of(Api.as(port, "felix").get("/api/brands/acme-bank/playbooks/" + id), 404);
        Problem.of(Api.as(port, "nina").get("/api/brands/nova-foods/playbooks/" + id), 404);
        Problem.of(sam.get("/api/brands/acme-bank/playbooks/no-such-playbook"), 404);
        Problem.of(sam.get("/api/brands/atlantis-bank/playbooks"), 404);

        Problem.of(Api.as(port, "lea").post("/api/brands/acme-bank/playbooks", recall(scenario("a"))), 403);
        Problem.of(Api.as(port, "ada").post("/api/brands/acme-bank/playbooks", recall(scenario("a"))), 403);
        Problem.of(Api.as(port, "cleo").post("/api/brands/acme-bank/playbooks", recall(scenario("a"))), 403);
        Problem.of(Api.as(port, "felix").post("/api/brands/acme-bank/playbooks", recall(scenario("a"))), 404);
        Problem.of(Api.as(port, "lea").put("/api/brands/acme-bank/playbooks/" + id, recall(scenario)), 403);
        Problem.of(Api.as(port, "felix").put("/api/brands/acme-bank/playbooks/" + id, recall(scenario)), 404);
        Problem.of(sam.put("/api/brands/acme-bank/playbooks/no-such-playbook", recall(scenario("a"))), 404);
        assertThat(Api.as(port, "omar").post("/api/brands/acme-bank/playbooks", recall(scenario("b"))).status())
                .as("communications writes").isEqualTo(201);
        assertThat(Api.as(port, "root").post("/api/brands/acme-bank/playbooks", recall(scenario("c"))).status())
                .as("administrators write").isEqualTo(201);

        JsonNode duplicate = Problem.of(Api.as(port, "omar").post("/api/brands/acme-bank/playbooks", recall(scenario)),
                409);
        assertThat(duplicate.path("detail").asText()).contains(scenario);
        String other = create(sam, recall(scenario("data-breach")));
        Problem.of(sam.put("/api/brands/acme-bank/playbooks/" + other, recall(scenario)), 409);

        Map<String, Object> retitled = recall(scenario);
        retitled.put("title", "Product recall (all markets)");
        JsonNode revised = sam.put("/api/brands/acme-bank/playbooks/" + id, retitled).json();
        assertThat(revised.path("revision").asInt()).isEqualTo(2);
        assertThat(revised.path("hash").asText()).as("the title is not a text legal approves")
                .isEqualTo(created.json().path("hash").asText());
    }

    @Test
    void invalidPlaybooksAreRefusedNamingTheField() {
        Api sam = Api.as(port, "sam");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("scenario", "Product Recall");
        bad.put("title", " ");
        bad.put("statement", Map.of("x", Map.of("text", "Recall of {{product}} and {{batch}}"),
                "instagram", Map.of("text", "a"), "myspace", Map.of("text", "a"), "linkedin", Map.of("text", "")));
        bad.put("placeholders", List.of("product", "unused", "product"));
        bad.put("replies", List.of(Map.of("name", "", "text", "{{nope}}")));
        JsonNode problem = Problem.invalid(sam.post("/api/brands/acme-bank/playbooks", bad), "scenario", "title",
                "statement.x.text", "statement.instagram", "statement.myspace", "statement.linkedin.text",
                "placeholders[1]", "placeholders[2]", "replies[0].name", "replies[0].text");
        assertThat(Problem.message(problem, "statement.x.text")).contains("{{batch}}");
        assertThat(Problem.message(problem, "statement.instagram")).contains("not a platform of acme-bank");
        assertThat(Problem.message(problem, "placeholders[1]")).contains("used in no text");
        Map<String, Object> empty = recall(scenario("empty"));
        empty.put("statement", Map.of());
        Problem.invalid(sam.post("/api/brands/acme-bank/playbooks", empty), "statement");
        String id = create(sam, recall(scenario("offensive-post")));
        Problem.invalid(sam.put("/api/brands/acme-bank/playbooks/" + id, bad), "scenario", "title");
    }

    @Test
    void legalApprovesInAdvanceBoundToTheHashAndNeverTheirOwnRevision() {
        Api sam = Api.as(port, "sam");
        Api lea = Api.as(port, "lea");
        String scenario = scenario("delivery-delays");
        String id = create(sam, recall(scenario));
        String path = "/api/brands/acme-bank/playbooks/" + id + "/approvals";
        String hash = sam.get("/api/brands/acme-bank/playbooks/" + id).json().path("hash").asText();

        Problem.unauthorized(Api.anonymous(port).post(path, approve(hash)));
        Problem.of(sam.post(path, approve(hash)), 403);
        Problem.of(Api.as(port, "cora").post(path, approve(hash)), 403);
        Problem.of(Api.as(port, "root").post(path, approve(hash)), 403);
        Problem.of(Api.as(port, "felix").post(path, approve(hash)), 404);
        Problem.of(lea.post("/api/brands/acme-bank/playbooks/no-such-playbook/approvals", approve(hash)), 404);
        Problem.invalid(lea.post(path, Map.of("decision", "MAYBE", "revisionHash", "abc")), "decision",
                "revisionHash");
        JsonNode stale = Problem.of(lea.post(path, approve("0".repeat(64))), 409);
        assertThat(stale.path("detail").asText()).contains(hash);

        JsonNode approved = lea.post(path, approve(hash)).json();
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("approved").asBoolean()).isTrue();
        assertThat(approved.path("decisions").get(0).path("reviewer").asText()).isEqualTo("lea");
        assertThat(approved.path("decisions").get(0).path("revisionHash").asText()).isEqualTo(hash);

        Map<String, Object> changed = recall(scenario);
        changed.put("statement", Map.of("x", Map.of("text", "We recall {{product}} now. See {{link}}")));
        JsonNode revised = sam.put("/api/brands/acme-bank/playbooks/" + id, changed).json();
        assertThat(revised.path("hash").asText()).isNotEqualTo(hash);
        assertThat(revised.path("status").asText()).as("changed texts lose the approval").isEqualTo("DRAFT");
        assertThat(revised.path("approved").asBoolean()).isFalse();
        Problem.of(lea.post(path, approve(hash)), 409);
        JsonNode rejected = lea.post(path, Map.of("decision", "REJECT", "comment", "too vague",
                "revisionHash", revised.path("hash").asText())).json();
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");

        // four-eyes: lea, strategist for a moment, writes a revision and cannot approve it herself
        Api root = Api.as(port, "root");
        assertThat(root.put("/api/admin/brands/acme-bank/members/lea", Map.of("roles", List.of("legal", "strategist")))
                .status()).isIn(200, 204);
        try {
            Map<String, Object> byLea = recall(scenario);
            byLea.put("replies", List.of(Map.of("name", "refund", "text", "Return {{product}}; see {{link}}.")));
            String leaHash = lea.put("/api/brands/acme-bank/playbooks/" + id, byLea).json().path("hash").asText();
            JsonNode own = Problem.of(lea.post(path, approve(leaHash)), 409);
            assertThat(own.path("detail").asText()).contains("four-eyes");
        } finally {
            assertThat(root.put("/api/admin/brands/acme-bank/members/lea", Map.of("roles", List.of("legal")))
                    .status()).isIn(200, 204);
        }

        JsonNode verify = Api.as(port, "ada").get("/api/audit/verify?brand=acme-bank").json();
        assertThat(verify.path("valid").asBoolean()).as("%s", verify).isTrue();
        String export = Api.as(port, "ada").get("/api/audit/export?brand=acme-bank&format=jsonl&from="
                + java.time.Instant.now().minus(java.time.Duration.ofDays(2)) + "&to=" + java.time.Instant.now().plus(java.time.Duration.ofDays(2))).text();
        assertThat(export).contains("PLAYBOOK_REVISED", "PLAYBOOK_DECIDED", id);
    }

    static Map<String, Object> approve(String hash) {
        return Map.of("decision", "APPROVE", "comment", "fine", "revisionHash", hash);
    }
}
