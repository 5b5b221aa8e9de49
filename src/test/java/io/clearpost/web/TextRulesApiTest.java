package io.clearpost.web;

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
import io.clearpost.tenancy.Role;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text rules end to end: a text is stored exactly as accepted, so a revision hash covers exactly its bytes;
 * invalid Unicode and control characters are refused naming the field; types are strict; and a brand whose
 * trail holds every kind of accepted text exports completely as strict UTF-8 that verifies offline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TextRulesApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Valid Unicode of every awkward sort: non-BMP, combining marks, RTL, bidi controls, tab and newline. */
    private static final List<String> AWKWARD = List.of(
            "Rate 4? Capital at risk.",
            "Emoji 🙂👩‍👩‍👧 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢. Capital at risk.",
            "Combining: e\u0301 vs \u00e9, Z\u0335\u0321a\u0336lgo. Capital at risk.",
            "عربي עברית mixed with Latin. Capital at risk.",
            "Bidi \u202Eoverride\u202C and \u2067isolate\u2069. Capital at risk.",
            "Tab\there, and a\nnewline. Capital at risk.",
            "Quotes \" ' ` , ; \\ and a comma, CSV-hostile. Capital at risk.");

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    BrandRepository brands;
    @Autowired
    JdbcClient jdbc;

    private HttpResponse<byte[]> post(String path, String user, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static Api.Response response(HttpResponse<byte[]> r) {
        return new Api.Response(r.statusCode(), r.headers(), new String(r.body(), StandardCharsets.UTF_8));
    }

    private static byte[] createContentBody(byte[] rawText) {
        byte[] head = "{\"variants\":{\"linkedin\":{\"text\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}}}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + rawText.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(rawText, 0, body, head.length, rawText.length);
        System.arraycopy(tail, 0, body, head.length + rawText.length, tail.length);
        return body;
    }

    @Test
    void twoRevisionsNeverShareAHash() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = flow.submit("sam", Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo"))
                .contentId();
        String task = flow.task("cleo", "create-content", contentId).path("id").asText();

        // a lone surrogate, as a JSON escape or as the raw bytes ED A0 80: refused, naming the text
        byte[] escaped = "Rate 4\\ud800 Capital at risk.".getBytes(StandardCharsets.UTF_8);
        byte[] raw = HexFormat.of().parseHex("526174652034eda080204361706974616c206174207269736b2e");
        for (byte[] text : List.of(escaped, raw)) {
            JsonNode problem = Problem.invalid(response(post("/api/tasks/" + task + "/complete", "cleo",
                    createContentBody(text))), "variants.linkedin.text");
            assertThat(Problem.message(problem, "variants.linkedin.text")).contains("valid Unicode");
        }
        assertThat(flow.content("cleo", contentId).path("revisions")).isEmpty();

        // the text with "?" is accepted, stored as sent, and its hash covers exactly those characters
        String accepted = "Rate 4? Capital at risk.";
        flow.complete("cleo", task, Map.of("variants", Map.of("linkedin", Map.of("text", accepted))));
        JsonNode revision = flow.content("cleo", contentId).path("currentRevision");
        assertThat(revision.path("variants").path("linkedin").path("text").asText()).isEqualTo(accepted);
        String canonical = CanonicalJson.of(Map.of("variants", Map.of("linkedin", Map.of("text", accepted))));
        assertThat(revision.path("hash").asText()).isEqualTo(CanonicalJson.sha256Hex(canonical));
        String stored = jdbc.sql("SELECT canonical_json FROM revision WHERE content_id = ?").param(contentId)
                .query(String.class).single();
        assertThat(stored).isEqualTo(canonical);
    }

    @Test
    void everyAcceptedTextIsStoredAsSentAndExportsAsStrictUtf8ThatVerifiesOffline() throws IOException {
        TestIdentities identities = TestIdentities.of(identity);
        String brand = identities.brand(brands, "unicode", List.of("linkedin"));
        String strategist = identities.user("strategist", Role.STRATEGIST.groupOf(brand));
        String creative = identities.user("creative", Role.CREATIVE.groupOf(brand));
        String auditor = identities.user("auditor", Role.AUDITOR.groupOf(brand));
        Lifecycle flow = Lifecycle.on(port);
        for (String text : AWKWARD) {
            Map<String, Object> request = Briefs.request(brand, "standard", List.of("linkedin"), creative);
            request.put("title", text.substring(0, Math.min(text.length(), 60)));
            request.put("keyMessages", List.of(text));
            String contentId = flow.submit(strategist, request).contentId();
            flow.createContent(creative, contentId, Map.of("linkedin", text));
            JsonNode content = flow.content(creative, contentId);
            assertThat(content.path("currentRevision").path("variants").path("linkedin").path("text").asText())
                    .isEqualTo(text);
        }

        String range = "&from=" + URLEncoder.encode("2000-01-01T00:00:00Z", StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode("2100-01-01T00:00:00Z", StandardCharsets.UTF_8);
        for (String format : List.of("csv", "jsonl")) {
            HttpResponse<byte[]> export;
            try {
                export = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/audit/export?brand=" + brand + range + "&format=" + format))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (auditor + ":" + auditor).getBytes(StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertThat(export.statusCode()).isEqualTo(200);
            // strict UTF-8: any malformed byte or unpaired surrogate throws here
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(export.body())).toString();
            List<Map<String, String>> rows = format.equals("csv") ? AuditExportRows.csv(text) : AuditExportRows.jsonl(text);
            long expected = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE brand = ?").param(brand)
                    .query(Long.class).single();
            assertThat(rows).as("%s export is complete", format).hasSize((int) expected);
            AuditExportRows.assertChainHolds(rows, "0".repeat(64));
            assertThat(String.join("\n", rows.stream().map(r -> r.get("payload")).toList()))
                    .contains("\u202E", "🙂", "Tab\\there");
        }
    }

    @Test
    void garbageIsRefusedNotStored() {
        Api sam = Api.as(port, "sam");
        Map<String, Object> farFuture = Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo");
        Briefs.deliverable(farFuture, 0).put("publishBefore", "+999999999-12-31T23:59:59Z");
        Problem.invalid(sam.post("/api/briefs", farFuture), "deliverables[0].publishBefore");

        Map<String, Object> epoch = Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo");
        Briefs.deliverable(epoch, 0).put("publishAfter", 1_764_579_600L);
        Problem.invalid(sam.post("/api/briefs", epoch), "deliverables[0].publishAfter");

        for (Object notAString : List.of(123, true, 4.5, List.of("x"), Map.of("x", "y"))) {
            Map<String, Object> request = Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo");
            request.put("title", notAString);
            JsonNode problem = Problem.invalid(sam.post("/api/briefs", request), "title");
            assertThat(Problem.message(problem, "title")).isEqualTo("must be a string");
        }

        Map<String, Object> nul = Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo");
        nul.put("title", "Savings\u0000push");
        assertThat(Problem.message(Problem.invalid(sam.post("/api/briefs", nul), "title"), "title"))
                .contains("control character U+0000");

        // an overlong "/" (C0 AF) is refused, not read as "/"
        String template = JSON.valueToTree(Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo"))
                .toString().replaceFirst("\"title\":\"[^\"]*\"", "\"title\":\"@@\"");
        byte[] before = template.substring(0, template.indexOf("@@")).getBytes(StandardCharsets.UTF_8);
        byte[] after = template.substring(template.indexOf("@@") + 2).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[before.length + 4 + after.length];
        System.arraycopy(before, 0, body, 0, before.length);
        System.arraycopy(new byte[] {'a', (byte) 0xC0, (byte) 0xAF, 'b'}, 0, body, before.length, 4);
        System.arraycopy(after, 0, body, before.length + 4, after.length);
        Problem.invalid(response(post("/api/briefs", "sam", body)), "title");
    }

    @Test
    void accountFieldsAreBoundedAndEndpointsAreHttpsUrls() {
        String brand = TestIdentities.of(identity).brand(brands, "accounts", List.of("linkedin", "webhook"));
        String strategist = TestIdentities.of(identity).user("strategist", Role.STRATEGIST.groupOf(brand));
        Api api = Api.as(port, strategist);
        String linkedin = "/api/brands/" + brand + "/accounts/linkedin";
        String webhook = "/api/brands/" + brand + "/accounts/webhook";
        Problem.invalid(api.put(linkedin, Map.of("accountId", "../../me/feed?x=", "accessToken", "tok")), "accountId");
        Problem.invalid(api.put(linkedin, Map.of("accountId", "a".repeat(201), "accessToken", "tok")), "accountId");
        Problem.invalid(api.put(linkedin, Map.of("accountId", "urn:li:person:1", "accessToken", "tok",
                "refreshToken", "ref", "clientId", "c".repeat(3_000), "clientSecret", "s")), "clientId");
        Problem.invalid(api.put(linkedin, Map.of("accountId", "urn:li:person:1", "accessToken", "tok\u0000")),
                "accessToken");
        for (String endpoint : List.of("file:///etc/passwd", "gopher://127.0.0.1:25/_HELO",
                "http://169.254.169.254/latest/meta-data/", "http://hooks.example/x", "https://user:pw@hooks.example/x",
                "https://hooks.example/" + "a".repeat(5_000), "https://", "javascript:alert(1)")) {
            Problem.invalid(api.put(webhook, Map.of("endpoint", endpoint, "webhookSecret", "0123456789abcdef")),
                    "endpoint");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM platform_account WHERE brand = ?").param(brand)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE brand = ?").param(brand)
                .query(Long.class).single()).isZero();

        assertThat(api.put(webhook, Map.of("endpoint", "https://hooks.example/clearpost?x=1",
                "webhookSecret", "0123456789abcdef")).status()).isEqualTo(200);
        assertThat(api.put(linkedin, Map.of("accountId", "urn:li:organization:5515715", "accessToken", "tok-1"))
                .status()).isEqualTo(200);
    }
}
