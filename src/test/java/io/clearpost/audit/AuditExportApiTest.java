package io.clearpost.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.support.Api;
import io.clearpost.support.AuditExportRows;
import io.clearpost.support.Briefs;
import io.clearpost.support.CanonicalJson;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/audit/export over real HTTP: both formats parsed back, the chain recomputed from the files alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditExportApiTest {

    private static final String GENESIS = "0".repeat(64);
    private static final String ALL_TIME = "&from=" + q("2000-01-01T00:00:00Z") + "&to=" + q("2100-01-01T00:00:00+01:00");
    private static final List<String> COLUMNS = List.of("brand", "sequence", "type", "actor", "at", "briefId",
            "contentId", "payload", "prevHash", "hash");

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    BrandRepository brands;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate transactions;

    /** A brand of the test's own, with two briefs in its trail (four events), and its auditor. */
    private record Trail(String brand, String auditor, String strategist, List<String> briefIds) {
    }

    private Trail trail() {
        TestIdentities identities = TestIdentities.of(identity);
        String brand = identities.brand(brands, "export", List.of("linkedin"));
        String strategist = identities.user("strategist", brand + ":strategist");
        String auditor = identities.user("auditor", brand + ":auditor");
        Lifecycle flow = Lifecycle.on(port);
        List<String> briefIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            briefIds.add(flow.submit(strategist, Briefs.request(brand, "standard", List.of("linkedin"), null)).briefId());
            pause();
        }
        return new Trail(brand, auditor, strategist, briefIds);
    }

    @Test
    void bothFormatsHoldEveryFieldAndTheChainRecomputesFromTheFileAlone() {
        Trail trail = trail();
        Api auditor = Api.as(port, trail.auditor());

        Api.Response csv = auditor.get("/api/audit/export?brand=" + trail.brand() + ALL_TIME + "&format=csv");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"audit-" + trail.brand()
                + "-20000101T000000Z-20991231T230000Z.csv\"");
        assertThat(csv.text()).startsWith(String.join(",", COLUMNS) + "\r\n");
        List<Map<String, String>> csvRows = AuditExportRows.csv(csv.text());

        Api.Response jsonl = auditor.get("/api/audit/export?brand=" + trail.brand() + ALL_TIME + "&format=jsonl");
        assertThat(jsonl.status()).as(jsonl.toString()).isEqualTo(200);
        assertThat(jsonl.contentType()).isEqualTo("application/x-ndjson");
        assertThat(jsonl.header("Content-Disposition")).endsWith(".jsonl\"").startsWith("attachment;");
        assertThat(jsonl.text()).endsWith("\n");
        List<Map<String, String>> jsonRows = AuditExportRows.jsonl(jsonl.text());

        assertThat(csvRows).as("the two formats say the same").isEqualTo(jsonRows);
        assertThat(csvRows).extracting(r -> r.get("sequence") + "/" + r.get("type"))
                .containsExactly("1/BRIEF_CREATED", "2/CONTENT_PLANNED", "3/BRIEF_CREATED", "4/CONTENT_PLANNED");
        assertThat(csvRows).allSatisfy(r -> {
            assertThat(r.keySet()).containsExactlyElementsOf(COLUMNS);
            assertThat(r.get("brand")).isEqualTo(trail.brand());
            assertThat(r.get("actor")).isEqualTo(trail.strategist());
            assertThat(trail.briefIds()).contains(r.get("briefId"));
            assertThat(r.get("payload")).as("payload is canonical JSON").isEqualTo(canonical(r.get("payload")));
        });
        assertThat(csvRows.get(0).get("contentId")).as("an absent id is empty in CSV, null in JSON").isNull();
        assertThat(csvRows.get(1).get("contentId")).isNotBlank();
        AuditExportRows.assertChainHolds(csvRows, GENESIS);

        // the same hashes the API shows for the brief
        JsonNode history = Api.as(port, trail.auditor()).get("/api/audit/briefs/" + trail.briefIds().get(0)).json();
        assertThat(csvRows.subList(0, 2)).extracting(r -> r.get("hash"))
                .containsExactly(history.get(0).path("hash").asText(), history.get(1).path("hash").asText());
    }

    @Test
    void theRangeKeepsEventsFromItsStartUpToButNotItsEnd() {
        Trail trail = trail();
        Api auditor = Api.as(port, trail.auditor());
        List<Map<String, String>> all = AuditExportRows.jsonl(ok(auditor.get("/api/audit/export?brand=" + trail.brand() + ALL_TIME
                + "&format=jsonl")).text());
        // the second brief began a few milliseconds after the first one's events
        String split = all.get(2).get("at");
        String start = "2000-01-01T00:00:00Z";
        String end = "2100-01-01T00:00:00Z";
        for (String format : List.of("csv", "jsonl")) {
            List<Map<String, String>> before = export(auditor, trail.brand(), start, split, format);
            List<Map<String, String>> after = export(auditor, trail.brand(), split, end, format);
            assertThat(before).as("[start, split) in %s", format).extracting(r -> r.get("sequence"))
                    .containsExactly("1", "2");
            assertThat(after).as("[split, end) in %s", format).extracting(r -> r.get("sequence"))
                    .containsExactly("3", "4");
            assertThat(before).isEqualTo(all.subList(0, 2));
            assertThat(after).isEqualTo(all.subList(2, 4));
            // a slice of the chain still links, from the last event before it
            AuditExportRows.assertChainHolds(before, GENESIS);
            AuditExportRows.assertChainHolds(after, all.get(1).get("hash"));
        }

        // nothing in the range: CSV keeps its header, JSON Lines is empty
        String empty = "/api/audit/export?brand=" + trail.brand() + "&from=" + q("2001-01-01T00:00:00Z") + "&to="
                + q("2001-01-02T00:00:00Z");
        assertThat(ok(auditor.get(empty + "&format=csv")).text()).isEqualTo(String.join(",", COLUMNS) + "\r\n");
        assertThat(ok(auditor.get(empty + "&format=jsonl")).text()).isEmpty();
    }

    @Test
    void aTrailLongerThanAPageComesWholeInOrderWithAwkwardPayloadsIntact() {
        TestIdentities identities = TestIdentities.of(identity);
        String brand = identities.brand(brands, "long", List.of("linkedin"));
        String auditor = identities.user("auditor", brand + ":auditor");
        int events = 2 * AuditExport.PAGE_SIZE + 3;
        String awkward = "comma, \"quotes\", a line\r\nbreak, ünïcødé, 🙂";
        transactions.executeWithoutResult(tx -> {
            for (int i = 1; i <= events; i++) {
                audit.append(brand, "TEST_EVENT", "tester", null, null, Map.of("n", i, "note", awkward));
            }
        });
        for (String format : List.of("csv", "jsonl")) {
            List<Map<String, String>> rows = export(Api.as(port, auditor), brand, "2000-01-01T00:00:00Z",
                    "2100-01-01T00:00:00Z", format);
            assertThat(rows).as(format).hasSize(events);
            for (int i = 0; i < events; i++) {
                assertThat(rows.get(i).get("sequence")).isEqualTo(Integer.toString(i + 1));
            }
            assertThat(rows).allSatisfy(r -> assertThat(r.get("payload")).contains("a line\\r\\nbreak", "🙂"));
            AuditExportRows.assertChainHolds(rows, GENESIS);
        }
    }

    @Test
    void exportingIsAReadAndAppendsNothingToTheChain() {
        Trail trail = trail();
        Api auditor = Api.as(port, trail.auditor());
        for (String format : List.of("csv", "jsonl", "csv")) {
            ok(auditor.get("/api/audit/export?brand=" + trail.brand() + ALL_TIME + "&format=" + format));
        }
        JsonNode verified = ok(auditor.get("/api/audit/verify?brand=" + trail.brand())).json();
        assertThat(verified.path("valid").asBoolean()).isTrue();
        assertThat(verified.path("events").asInt()).isEqualTo(4);
    }

    @Test
    void theAuditorOfTheBrandAndTheAdministratorExportTheDemoBrand() {
        Lifecycle.on(port).acmeContentInReview();
        for (String reader : List.of("ada", "root")) {
            List<Map<String, String>> rows = AuditExportRows.csv(ok(Api.as(port, reader)
                    .get("/api/audit/export?brand=acme-bank" + ALL_TIME + "&format=csv")).text());
            assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.get("brand")).isEqualTo("acme-bank"));
            assertThat(rows).extracting(r -> Long.parseLong(r.get("sequence"))).isSorted().doesNotHaveDuplicates();
            AuditExportRows.assertChainHolds(rows, GENESIS);
        }
        assertThat(AuditExportRows.jsonl(ok(Api.as(port, "root").get("/api/audit/export?brand=nova-foods" + ALL_TIME
                + "&format=jsonl")).text())).allSatisfy(r -> assertThat(r.get("brand")).isEqualTo("nova-foods"));
    }

    @Test
    void otherRolesOfTheBrandMayNotExport() {
        for (String user : List.of("sam", "cleo", "lea", "cora")) {
            JsonNode problem = Problem.of(Api.as(port, user).get("/api/audit/export?brand=acme-bank" + ALL_TIME
                    + "&format=csv"), 403);
            assertThat(problem.path("detail").asText()).contains("auditor");
        }
    }

    @Test
    void anotherBrandsTrailDoesNotExist() {
        assertThat(Problem.of(Api.as(port, "nina").get("/api/audit/export?brand=acme-bank" + ALL_TIME + "&format=csv"),
                404).path("detail").asText()).contains("acme-bank");
        Problem.of(Api.as(port, "ada").get("/api/audit/export?brand=nova-foods" + ALL_TIME + "&format=jsonl"), 404);
        // an unknown brand looks like another brand's: nothing tells the caller which brands exist
        Problem.of(Api.as(port, "ada").get("/api/audit/export?brand=no-such-brand" + ALL_TIME + "&format=csv"), 404);
        Problem.of(Api.as(port, "root").get("/api/audit/export?brand=no-such-brand" + ALL_TIME + "&format=csv"), 404);
    }

    @Test
    void withoutCredentialsTheExportAnswers401() {
        Problem.unauthorized(Api.anonymous(port).get("/api/audit/export?brand=acme-bank" + ALL_TIME + "&format=csv"));
        // not a wrong password of a demo user: the engine would delay that user's next logins
        Problem.unauthorized(Api.as(port, "nobody-at-all").get("/api/audit/export?brand=acme-bank" + ALL_TIME
                + "&format=csv"));
    }

    @Test
    void badParametersAreNamed() {
        Api ada = Api.as(port, "ada");
        String range = ALL_TIME;
        Problem.invalid(ada.get("/api/audit/export?format=csv" + range), "brand");
        Problem.invalid(ada.get("/api/audit/export?brand=&format=csv" + range), "brand");
        Problem.invalid(ada.get("/api/audit/export?brand=acme-bank&format=csv&to=" + q("2026-01-01T00:00:00Z")), "from");
        Problem.invalid(ada.get("/api/audit/export?brand=acme-bank&format=csv&from=" + q("2026-01-01T00:00:00Z")), "to");
        assertThat(Problem.message(Problem.invalid(ada.get("/api/audit/export?brand=acme-bank&format=csv&from=yesterday&to="
                + q("2026-01-01T00:00:00Z")), "from"), "from")).contains("ISO-8601");
        // a time without an offset is ambiguous
        Problem.invalid(ada.get("/api/audit/export?brand=acme-bank&format=csv&from=" + q("2026-01-01T00:00:00Z")
                + "&to=2026-02-01T00:00:00"), "to");
        Problem.invalid(ada.get("/api/audit/export?brand=acme-bank&format=csv&from=" + q("2026-01-01T00:00:00Z")
                + "&to=" + q("2026-01-01T01:00:00+01:00")), "to");
        Problem.invalid(ada.get("/api/audit/export?brand=acme-bank&format=csv&from=" + q("2026-02-01T00:00:00Z")
                + "&to=" + q("2026-01-01T00:00:00Z")), "to");
        assertThat(Problem.message(Problem.invalid(ada.get("/api/audit/export?brand=acme-bank&format=xml" + range),
                "format"), "format")).contains("csv", "jsonl");
        Problem.invalid(ada.get("/api/audit/export?brand=acme-bank" + range), "format");
    }




    private static String canonical(String json) {
        try {
            return CanonicalJson.of(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, String>> export(Api api, String brand, String from, String to, String format) {
        String text = ok(api.get("/api/audit/export?brand=" + brand + "&from=" + q(from) + "&to=" + q(to)
                + "&format=" + format)).text();
        return format.equals("csv") ? AuditExportRows.csv(text) : AuditExportRows.jsonl(text);
    }

    private static Api.Response ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Lets the clock move on, so events of two briefs do not share a millisecond. */
    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
