package io.clearpost.brief;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.operaton.bpm.engine.HistoryService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.clearpost.support.Briefs.deliverable;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/briefs, GET /api/briefs/{id}, GET /api/briefs?brand= over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BriefApiTest {

    @LocalServerPort
    int port;

    @Autowired
    HistoryService history;

    @Test
    void strategistSubmitsABrief() {
        Map<String, Object> request = Briefs.request("acme-bank", "financial-promotion", List.of("linkedin", "x"), "cleo");
        Briefs.deliverable(request, 0).put("plannedAt", Briefs.inDays(12).toString());
        Briefs.addDeliverable(request, List.of("facebook"), null);

        Api.Response created = Api.as(port, "sam").post("/api/briefs", request);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode body = created.json();
        String id = body.path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(created.header("Location")).endsWith("/api/briefs/" + id);
        assertThat(body.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(body.path("deliverables")).hasSize(2);
        body.path("deliverables").forEach(d -> assertThat(d.path("contentId").asText()).isNotBlank());

        // what was stored is what the Location points at, readable by the brand's members (the freelance creative
        // reads only the deliverable assigned to them: FreelancerScopeApiTest)
        Api.Response read = Api.as(port, "omar").get(created.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        JsonNode brief = read.json();
        assertThat(brief.path("id").asText()).isEqualTo(id);
        assertThat(brief.path("brand").asText()).isEqualTo("acme-bank");
        assertThat(brief.path("title").asText()).isEqualTo(request.get("title"));
        assertThat(brief.path("category").asText()).isEqualTo("financial-promotion");
        assertThat(brief.path("createdBy").asText()).isEqualTo("sam");
        assertThat(brief.path("keyMessages")).extracting(JsonNode::asText).containsExactly("Save a little every month");
        JsonNode first = brief.path("deliverables").get(0);
        assertThat(first.path("contentId").asText()).isEqualTo(body.path("deliverables").get(0).path("contentId").asText());
        assertThat(first.path("platforms")).extracting(JsonNode::asText).containsExactly("linkedin", "x");
        assertThat(first.path("status").asText()).isEqualTo("IN_CREATION");
        assertThat(first.path("creative").asText()).isEqualTo("cleo");
        assertThat(first.path("plannedAt").asText()).isNotBlank();
        assertThat(brief.path("deliverables").get(1).path("creative").isNull()).isTrue();

        Api.Response list = Api.as(port, "sam").get("/api/briefs?brand=acme-bank");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).extracting(b -> b.path("id").asText()).contains(id);
        assertThat(list.json()).allSatisfy(b -> assertThat(b.path("brand").asText()).isEqualTo("acme-bank"));
    }

    @Test
    void brandManagerAndAdministratorMaySubmitToo() {
        Api.Response byClient = Api.as(port, "nina").post("/api/briefs",
                Briefs.request("nova-foods", "standard", List.of("tiktok"), "felix"));
        assertThat(byClient.status()).as(byClient.toString()).isEqualTo(201);
        Api.Response byAdmin = Api.as(port, "root").post("/api/briefs",
                Briefs.request("nova-foods", "contest", List.of("threads"), null));
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(201);
        assertThat(Api.as(port, "nina").get("/api/briefs?brand=nova-foods").json()).extracting(b -> b.path("id").asText())
                .contains(byClient.json().path("id").asText(), byAdmin.json().path("id").asText());
    }

    @Test
    void textIsStoredVerbatim() {
        String title = "Say \"hello\" to <b>markup</b> \u200Fمرحبا 🎉 — ünïcødé & 'quotes'";
        String objective = "Line one\nLine two\twith tab and \\ backslash <script>alert(1)</script>";
        Map<String, Object> request = Briefs.request("acme-bank", "standard", List.of("x"), "cleo");
        request.put("title", title);
        request.put("objective", objective);
        request.put("keyMessages", List.of("\"Quoted\" message 💶", "\u200F"+ "right-to-left"));

        Api.Response created = Api.as(port, "sam").post("/api/briefs", request);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        JsonNode brief = Api.as(port, "sam").get("/api/briefs/" + created.json().path("id").asText()).json();
        assertThat(brief.path("title").asText()).isEqualTo(title);
        assertThat(brief.path("objective").asText()).isEqualTo(objective);
        assertThat(brief.path("keyMessages")).extracting(JsonNode::asText)
                .containsExactly("\"Quoted\" message 💶", "\u200Fright-to-left");
    }

    @Test
    void withoutCredentialsEveryBriefEndpointAnswers401() {
        Api anonymous = Api.anonymous(port);
        String existing = anyBriefId();
        Stored before = stored();
        Problem.unauthorized(anonymous.post("/api/briefs", Briefs.request("acme-bank", "standard", List.of("x"), null)));
        Problem.unauthorized(anonymous.get("/api/briefs?brand=acme-bank"));
        Problem.unauthorized(anonymous.get("/api/briefs/" + existing));
        // an unknown user is no user: never a wrong password for a demo user (the engine locks them out)
        Problem.unauthorized(Api.as(port, "nobody-at-all").post("/api/briefs",
                Briefs.request("acme-bank", "standard", List.of("x"), null)));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void creativeAndAuditorMayNotSubmitForTheirOwnBrand() {
        Stored before = stored();
        for (String user : List.of("cleo", "ada")) {
            JsonNode problem = Problem.of(Api.as(port, user).post("/api/briefs",
                    Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo")), 403);
            assertThat(problem.path("detail").asText()).contains("acme-bank");
            assertThat(stored()).as("after %s's attempt", user).isEqualTo(before);
        }
    }

    @Test
    void anotherBrandsBriefsDoNotExist() {
        String id = anyBriefId();
        JsonNode problem = Problem.of(Api.as(port, "felix").get("/api/briefs/" + id), 404);
        assertThat(problem.path("detail").asText()).contains(id);
        Problem.of(Api.as(port, "felix").get("/api/briefs?brand=acme-bank"), 404);
        Problem.of(Api.as(port, "sam").get("/api/briefs/no-such-brief"), 404);
        Problem.of(Api.as(port, "sam").get("/api/briefs?brand=no-such-brand"), 404);
    }

    @Test
    void listingWithoutABrandNamesTheMissingParameter() {
        Problem.invalid(Api.as(port, "sam").get("/api/briefs"), "brand");
    }

    record Rejection(String name, String user, Object body, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rejection> rejections() {
        return Stream.of(
                new Rejection("malformed JSON", "sam", "{\"brand\": \"acme-bank\", \"title\": ", "body"),
                rejected("missing title", "sam", b -> b.remove("title"), "title"),
                rejected("keyMessages as a string", "sam", b -> b.put("keyMessages", "Save more"), "keyMessages"),
                rejected("unknown field", "sam", b -> b.put("budget", 1000), "budget"),
                rejected("unknown brand", "sam", b -> b.put("brand", "globex"), "brand"),
                rejected("brand the user does not work for", "cleo", b -> {
                    b.put("brand", "nova-foods");
                    deliverable(b, 0).put("platforms", List.of("instagram"));
                    deliverable(b, 0).remove("creative");
                }, "brand"),
                rejected("unknown category", "sam", b -> b.put("category", "lottery"), "category"),
                rejected("unknown platform", "sam", b -> deliverable(b, 0).put("platforms", List.of("myspace")),
                        "deliverables[0].platforms[0]"),
                rejected("platform the brand lacks", "sam",
                        b -> deliverable(b, 0).put("platforms", List.of("linkedin", "instagram")),
                        "deliverables[0].platforms[1]"),
                rejected("creative of another brand", "sam", b -> deliverable(b, 0).put("creative", "felix"),
                        "deliverables[0].creative"),
                rejected("unknown creative", "sam", b -> deliverable(b, 0).put("creative", "nobody"),
                        "deliverables[0].creative"),
                rejected("reversed window", "sam", b -> {
                    deliverable(b, 0).put("publishAfter", Briefs.inDays(20).toString());
                    deliverable(b, 0).put("publishBefore", Briefs.inDays(10).toString());
                }, "deliverables[0].publishBefore"),
                rejected("past window", "sam", b -> {
                    deliverable(b, 0).put("publishAfter", Briefs.inDays(-20).toString());
                    deliverable(b, 0).put("publishBefore", Briefs.inDays(-10).toString());
                }, "deliverables[0].publishBefore"),
                rejected("plannedAt outside the window", "sam",
                        b -> deliverable(b, 0).put("plannedAt", Briefs.inDays(30).toString()),
                        "deliverables[0].plannedAt"),
                rejected("non-ISO date", "sam", b -> deliverable(b, 0).put("publishAfter", "01/12/2026 09:00"),
                        "deliverables[0].publishAfter"),
                rejected("date without offset", "sam",
                        b -> deliverable(b, 0).put("publishBefore", Briefs.inDays(20).toLocalDateTime().toString()),
                        "deliverables[0].publishBefore"),
                rejected("no deliverable", "sam", b -> b.put("deliverables", new ArrayList<>()), "deliverables"));
    }

    private static Rejection rejected(String name, String user, Consumer<Map<String, Object>> change, String field) {
        Map<String, Object> body = Briefs.request("acme-bank", "financial-promotion", List.of("linkedin", "x"), "cleo");
        change.accept(body);
        return new Rejection(name, user, body, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void invalidBriefIsRejectedAndNothingIsStored(Rejection rejection) {
        Stored before = stored();

        JsonNode problem = Problem.invalid(Api.as(port, rejection.user()).post("/api/briefs", rejection.body()),
                rejection.field());

        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void bodyOverOneMebibyteIs413AndNothingIsStored() {
        Map<String, Object> request = Briefs.request("acme-bank", "standard", List.of("x"), "cleo");
        request.put("objective", "a".repeat(1024 * 1024 + 1));
        Stored before = stored();

        JsonNode problem = Problem.of(Api.as(port, "sam").post("/api/briefs", request), 413);

        assertThat(problem.path("detail").asText()).contains("1 MiB");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void chunkedBodyOverOneMebibyteIs413AndNothingIsStored() throws Exception {
        Map<String, Object> request = Briefs.request("acme-bank", "standard", List.of("x"), "cleo");
        request.put("objective", "a".repeat(1024 * 1024 + 1));
        byte[] json = new ObjectMapper().writeValueAsBytes(request);
        Stored before = stored();

        // no Content-Length: the limit must hold while the body is read
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/briefs"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("sam:sam".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(new ObjectMapper().readTree(response.body()).path("status").asInt()).isEqualTo(413);
        assertThat(stored()).isEqualTo(before);
    }

    /** What a rejected request must not have changed: briefs per brand, brief processes, audit events per brand. */
    record Stored(int acmeBriefs, int novaBriefs, long briefProcesses, int acmeEvents, int novaEvents) {
    }

    private Stored stored() {
        return new Stored(briefCount("acme-bank"), briefCount("nova-foods"),
                history.createHistoricProcessInstanceQuery().processDefinitionKey("brief").count(),
                auditEvents("acme-bank"), auditEvents("nova-foods"));
    }

    private int briefCount(String brand) {
        Api.Response list = Api.as(port, "sam").get("/api/briefs?brand=" + brand);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().size();
    }

    private int auditEvents(String brand) {
        return Api.as(port, "root").get("/api/audit/verify?brand=" + brand).json().path("events").asInt();
    }

    private String anyBriefId() {
        Api.Response created = Api.as(port, "sam").post("/api/briefs",
                Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }
}
