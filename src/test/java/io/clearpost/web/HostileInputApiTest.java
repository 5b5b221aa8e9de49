package io.clearpost.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/corpus.json}) replayed against every write
 * endpoint ({@code hostile/endpoints.json}): each value in each field of its kind, and each value as the path
 * parameter of the endpoints without a body. Every request must be answered 4xx problem+json (naming the field
 * where there is a body) and leave nothing behind: no row, no process instance, no audit event, no notification preference, the open task
 * and the scheduled post as they were, no brand, user, membership or invitation created or changed, no crisis
 * declared and the open crisis of the test's second brand as it was (its holding statement undrafted, no reply drafted),
 * no playbook created, revised or decided on. The brand, its
 * users (those the administrator changes and invites included) and its content are this test's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MARKER = "@@HOSTILE@@";
    private static final AtomicInteger CASES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    BrandRepository brands;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HistoryService history;
    @Autowired
    TaskService engineTasks;

    private String brand;
    private String person;
    private String crisisBrand;
    private String invitee;
    private Map<String, String> users;
    private Map<String, String> placeholders;
    private Map<String, Object> baseline;

    record Value(String name, byte[] bytes, Set<String> kinds) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void ownBrandWithAnOpenTaskAndAScheduledPost() {
        TestIdentities identities = TestIdentities.of(identity);
        brand = identities.brand(brands, "fuzz", List.of("linkedin", "webhook"));
        String strategist = identities.user("fuzz-strategist", Role.STRATEGIST.groupOf(brand));
        String creative = identities.user("fuzz-creative", Role.CREATIVE.groupOf(brand));
        // the password change's own user: a wrong current password counts towards a lock-out
        String member = identities.user("fuzz-member", Role.CREATIVE.groupOf(brand));
        // the administrator's targets: a user to change and to make a member, and one with an open invitation
        person = identities.user("fuzz-person");
        invitee = identities.user("fuzz-invitee");
        // a second brand of the test's with an open crisis, re-triaged by its strategist
        crisisBrand = identities.brand(brands, "fuzz-crisis", List.of("linkedin"));
        String lead = identities.user("fuzz-lead", Role.STRATEGIST.groupOf(crisisBrand));
        // legal of the test's brand decides on its playbook
        String legal = identities.user("fuzz-legal", Role.LEGAL.groupOf(brand));
        users = Map.of("strategist", strategist, "creative", creative, "member", member, "lead", lead, "legal", legal,
                "admin", "root");
        Lifecycle flow = Lifecycle.on(port);

        String open = flow.submit(strategist, Briefs.request(brand, "standard", List.of("linkedin"), creative)).contentId();
        String createTask = flow.task(creative, "create-content", open).path("id").asText();

        Map<String, Object> planned = Briefs.request(brand, "standard", List.of("linkedin"), creative);
        Briefs.deliverable(planned, 0).put("plannedAt", Briefs.inDays(12).toString());
        String scheduled = flow.submit(strategist, planned).contentId();
        flow.createContent(creative, scheduled, Map.of("linkedin", "Open a savings account today."));
        flow.review(strategist, "review-content", scheduled, "APPROVE");
        flow.awaitStatus(strategist, scheduled, "SCHEDULED");

        placeholders = new LinkedHashMap<>();
        placeholders.put("{brand}", brand);
        placeholders.put("{creative}", creative);
        placeholders.put("{member}", member);
        placeholders.put("{createTask}", createTask);
        placeholders.put("{scheduledContent}", scheduled);
        placeholders.put("{person}", person);
        // ids that exist nowhere: the valid baselines of the create endpoints would create them
        placeholders.put("{newBrand}", brand + "-new");
        placeholders.put("{newUser}", person + "-new");
        placeholders.put("{invitation}", invitation(invitee));
        String crisis = declareCrisis(lead);
        placeholders.put("{crisis}", crisis);
        placeholders.put("{draftTask}", statementToDraft(flow, lead));
        JsonNode playbook = preparePlaybook(strategist);
        placeholders.put("{playbook}", playbook.path("id").asText());
        placeholders.put("{playbookHash}", playbook.path("hash").asText());
        placeholders.put("{inDays10}", Briefs.inDays(10).toString());
        placeholders.put("{inDays12}", Briefs.inDays(12).toString());
        placeholders.put("{inDays13}", Briefs.inDays(13).toString());
        placeholders.put("{inDays20}", Briefs.inDays(20).toString());
        baseline = settled();
    }

    private String declareCrisis(String lead) {
        String body = "{\"brand\": \"" + crisisBrand + "\", \"summary\": \"A thread claims accounts are frozen\", "
                + "\"signals\": [{\"url\": \"https://x.example/someone/status/1\"}], \"legalRisk\": true, "
                + "\"safetyRisk\": false, \"pressCoverage\": false, \"platforms\": [\"linkedin\"]}";
        HttpResponse<byte[]> declared = send("POST", "/api/crises", lead, body.getBytes(StandardCharsets.UTF_8));
        assertThat(declared.statusCode()).as(new String(declared.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        try {
            return JSON.readTree(declared.body()).path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The second brand's crisis triaged at severity 2: its brand frozen, its holding statement waiting for a draft. */
    private String statementToDraft(Lifecycle flow, String lead) {
        JsonNode triage = flow.findTask(lead, "triage-crisis", t -> crisisBrand.equals(t.path("brand").asText()))
                .orElseThrow(() -> new AssertionError("no triage-crisis task of " + crisisBrand));
        flow.complete(lead, triage.path("id").asText(), Map.of("severity", 2, "comment", "Spreading"));
        for (int i = 0; i < 100; i++) {
            var draft = flow.findTask(lead, "draft-holding-statement", t -> crisisBrand.equals(t.path("brand").asText()));
            if (draft.isPresent()) {
                return draft.get().path("id").asText();
            }
            sleep(100);
        }
        throw new AssertionError("no draft-holding-statement task of " + crisisBrand);
    }

    /** A product-recall playbook of the test's brand, awaiting legal's approval. */
    private JsonNode preparePlaybook(String strategist) {
        String body = "{\"scenario\": \"product-recall\", \"title\": \"Product recall holding statement\", "
                + "\"statement\": {\"linkedin\": {\"text\": \"We are recalling {{product}}. See {{link}}\"}}, "
                + "\"placeholders\": [\"product\", \"link\"], "
                + "\"replies\": [{\"name\": \"Refund\", \"text\": \"Owners of {{product}} get a refund.\"}]}";
        HttpResponse<byte[]> created = send("POST", "/api/brands/" + brand + "/playbooks", strategist,
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        try {
            JsonNode playbook = JSON.readTree(created.body());
            assertThat(playbook.path("status").asText()).isEqualTo("DRAFT");
            return playbook;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An open invitation of the user, as the administrator's mail would carry it: only its SHA-256 is stored. */
    private String invitation(String user) {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String hash;
        try {
            hash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        jdbc.sql("INSERT INTO invitation (id, user_id, token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(java.util.UUID.randomUUID().toString(), user, hash, "root", java.sql.Timestamp.from(now),
                        java.sql.Timestamp.from(now.plus(java.time.Duration.ofDays(365))))
                .update();
        return token;
    }

    @AfterAll
    void report() {
        System.out.println("HostileInputApiTest: " + CASES.get() + " hostile requests replayed");
    }

    /** A hostile value in one field of an endpoint's body. */
    record BodyCase(String endpoint, String field, Value value, JsonNode definition) {
    }

    /** A hostile value as the path parameter of an endpoint. */
    record PathCase(String endpoint, Value value, JsonNode definition) {
    }

    static Stream<BodyCase> bodies() {
        JsonNode endpoints = resource("hostile/endpoints.json");
        List<Value> values = values();
        List<BodyCase> cases = new ArrayList<>();
        for (JsonNode endpoint : endpoints.path("bodies")) {
            endpoint.path("fields").fields().forEachRemaining(field -> {
                String kind = field.getValue().asText();
                for (Value value : values) {
                    if (appliesTo(value, kind)) {
                        cases.add(new BodyCase(endpoint.path("name").asText(), field.getKey(), value, endpoint));
                    }
                }
            });
        }
        return cases.stream();
    }

    static Stream<PathCase> paths() {
        JsonNode endpoints = resource("hostile/endpoints.json");
        List<PathCase> cases = new ArrayList<>();
        for (JsonNode endpoint : endpoints.path("paths")) {
            for (Value value : values()) {
                // the request line must fit the container's header buffer (8 KiB) to reach the application
                if (value.bytes().length <= 2_000) {
                    cases.add(new PathCase(endpoint.path("name").asText(), value, endpoint));
                }
            }
        }
        return cases.stream();
    }

    private static boolean appliesTo(Value value, String kind) {
        return value.kinds().contains("any") || value.kinds().contains("syntax") || value.kinds().contains(kind)
                || kind.equals("https") && value.kinds().contains("url");
    }

    /*
     * Dynamic tests rather than parameterized ones: each case is still a test of its own in the report, but
     * without the per-method test-context callbacks, which walked the application's beans twice per case.
     */
    @TestFactory
    Stream<DynamicTest> hostileFieldIsRefusedAndNothingChanges() {
        return bodies().map(c -> DynamicTest.dynamicTest(c.endpoint() + " " + c.field() + " = " + c.value(),
                () -> hostileField(c.endpoint(), c.field(), c.value(), c.definition())));
    }

    @TestFactory
    Stream<DynamicTest> hostilePathParameterIsRefusedAndNothingChanges() {
        return paths().map(c -> DynamicTest.dynamicTest(c.endpoint() + " with " + c.value(),
                () -> hostilePath(c.endpoint(), c.value(), c.definition())));
    }

    private void hostileField(String endpoint, String field, Value value, JsonNode definition) {
        byte[] body = bodyWith(definition.path("body"), field, value);
        HttpResponse<byte[]> response = send(definition.path("method").asText(), fill(definition.path("path").asText()),
                users.get(definition.path("as").asText()), body);

        JsonNode problem = problem(response);
        assertThat(response.statusCode()).as("%s %s = %s: %s", endpoint, field, value, problem).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        if (value.kinds().contains("syntax")) {
            // broken JSON syntax is named where the parser noticed it, which may be after the field
            assertThat(fields).as("fields named for %s = %s: %s", field, value, problem).isNotEmpty();
        } else {
            assertThat(fields).as("fields named for %s = %s: %s", field, value, problem).anyMatch(named ->
                    named.equals(field) || named.startsWith(field + "[") || named.startsWith(field + "."));
        }
        assertThat(snapshot()).as("state after %s %s = %s", endpoint, field, value).isEqualTo(baseline);
    }

    private void hostilePath(String endpoint, Value value, JsonNode definition) {
        String path = fill(definition.path("path").asText()).replace("{value}", percentEncoded(value.bytes()));
        byte[] body = definition.has("body") ? fill(definition.path("body").toString()).getBytes(StandardCharsets.UTF_8)
                : null;
        HttpResponse<byte[]> response = send(definition.path("method").asText(), path,
                users.get(definition.path("as").asText()), body);

        JsonNode problem = problem(response);
        assertThat(response.statusCode()).as("%s with %s: %s", endpoint, value, problem).isBetween(400, 499);
        assertThat(snapshot()).as("state after %s with %s", endpoint, value).isEqualTo(baseline);
    }

    /** A problem+json body in UTF-8 with the security headers; never a 5xx. */
    private static JsonNode problem(HttpResponse<byte[]> response) {
        CASES.incrementAndGet();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as("status of %s", text).isLessThan(500);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("Content-Type of %s", text).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as("headers of %s", text).hasValue("nosniff");
        try {
            // strict UTF-8: throws on any malformed byte
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(response.body()));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
            assertThat(problem.path("detail").asText()).isNotBlank();
            return problem;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Everything the fuzz brand owns, read once the job executor has nothing more to do for it. */
    private Map<String, Object> settled() {
        Map<String, Object> before = snapshot();
        for (int i = 0; i < 50; i++) {
            sleep(i == 0 ? 0 : 200);
            Map<String, Object> now = snapshot();
            if (now.equals(before) && i > 0) {
                return now;
            }
            before = now;
        }
        return before;
    }

    /**
     * The state a hostile request must leave as it was, in few round trips (it is read after each of the
     * thousands of requests): the counts in one statement, the rows that can change in place, and the engine's
     * users, memberships, tenants, process instances and tasks.
     */
    private Map<String, Object> snapshot() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("counts", jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM brief WHERE brand = :brand) AS briefs,
                               (SELECT COUNT(*) FROM revision r JOIN content_item c ON r.content_id = c.id
                                 WHERE c.brand = :brand) AS revisions,
                               (SELECT COUNT(*) FROM decision d JOIN content_item c ON d.content_id = c.id
                                 WHERE c.brand = :brand) AS decisions,
                               (SELECT COUNT(*) FROM platform_account WHERE brand = :brand) AS accounts,
                               (SELECT COUNT(*) FROM brand WHERE id = :newBrand) AS new_brand,
                               (SELECT COUNT(*) FROM crisis_step s JOIN crisis c ON s.crisis_id = c.id
                                 WHERE c.brand IN (:brand, :crisisBrand)) AS crisis_steps,
                               (SELECT COUNT(*) FROM playbook_decision d JOIN playbook p ON d.playbook_id = p.id
                                 WHERE p.brand = :brand) AS playbook_decisions,
                               (SELECT COUNT(*) FROM audit_event WHERE brand = :brand) AS audit""")
                .param("brand", brand).param("crisisBrand", crisisBrand).param("newBrand", brand + "-new")
                .query().singleRow());
        // both brands' rows whole: the settings, the freeze and the version
        state.put("brands", jdbc.sql("SELECT * FROM brand WHERE id IN (?, ?) ORDER BY id").params(brand, crisisBrand)
                .query().listOfRows());
        state.put("content", jdbc.sql("SELECT id, status, publish_at, version FROM content_item WHERE brand = ? ORDER BY id")
                .param(brand).query((rs, n) -> rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getTimestamp(3)
                        + "/" + rs.getLong(4)).list());
        state.put("preferences", jdbc.sql("SELECT user_id, kind, delivery FROM notification_preference "
                        + "WHERE user_id IN (?, ?) ORDER BY user_id, kind")
                .params(users.get("strategist"), users.get("creative"))
                .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3)).list());
        state.put("invitations", jdbc.sql("SELECT user_id, used_at, voided_at FROM invitation WHERE user_id IN (?, ?, ?) "
                        + "ORDER BY user_id, created_at")
                .params(invitee, person, placeholders == null ? "" : placeholders.get("{newUser}"))
                .query((rs, n) -> rs.getString(1) + "/" + rs.getTimestamp(2) + "/" + rs.getTimestamp(3)).list());
        state.put("personProfile", jdbc.sql("SELECT * FROM user_profile WHERE user_id = ?").param(person).query()
                .listOfRows());
        state.put("crises", jdbc.sql("SELECT id, brand, status, severity, frozen, version FROM crisis WHERE brand IN (?, ?) "
                        + "ORDER BY id").params(brand, crisisBrand).query().listOfRows());
        state.put("crisisContent", jdbc.sql("SELECT c.id, c.status, c.version, COUNT(r.content_id) FROM content_item c "
                        + "LEFT JOIN revision r ON r.content_id = c.id WHERE c.brand = ? GROUP BY c.id, c.status, c.version "
                        + "ORDER BY c.id").param(crisisBrand).query().listOfRows());
        state.put("crisisReplies", jdbc.sql("SELECT r.crisis_id, r.drafts, r.approved FROM crisis_reply r JOIN crisis c "
                + "ON r.crisis_id = c.id WHERE c.brand = ?").param(crisisBrand).query().listOfRows());
        state.put("playbooks", jdbc.sql("SELECT id, scenario, title, revision, body, hash, status, approved_hash, version "
                + "FROM playbook WHERE brand = ? ORDER BY id").param(brand).query().listOfRows());
        // the password changed, the invitee's set, the person edited, the new user created: none of them
        state.put("users", identity.createUserQuery().userIdIn(users.get("member"), invitee, person, person + "-new")
                .list().stream().map(u -> u.getId() + "/" + u.getFirstName() + "/" + u.getLastName() + "/"
                        + u.getEmail() + "/" + u.getPassword()).sorted().toList());
        state.put("newTenant", identity.createTenantQuery().tenantId(brand + "-new").count());
        state.put("memberships", Stream.of(person, users.get("creative"), users.get("strategist"))
                .map(u -> u + "=" + identity.createGroupQuery().groupMember(u).list().stream().map(g -> g.getId())
                        .sorted().toList()).toList());
        state.put("processes", history.createHistoricProcessInstanceQuery().tenantIdIn(brand, crisisBrand).list()
                .stream().collect(java.util.stream.Collectors.groupingBy(p -> p.getTenantId(), java.util.TreeMap::new,
                        java.util.stream.Collectors.counting())));
        state.put("tasks", engineTasks.createTaskQuery().tenantIdIn(brand, crisisBrand).list().stream()
                .map(t -> t.getTenantId() + "/" + t.getId() + "/" + t.getTaskDefinitionKey() + "/" + t.getAssignee())
                .sorted().toList());
        return state;
    }


    private byte[] bodyWith(JsonNode template, String field, Value value) {
        JsonNode body = template.deepCopy();
        put(body, field);
        String text = fill(body.toString());
        String marker = "\"" + MARKER + "\"";
        int at = text.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value.bytes());
        out.writeBytes(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Sets the marker at a path such as {@code deliverables[0].platforms[0]} or {@code variants.linkedin.text}. */
    private static void put(JsonNode root, String path) {
        String[] steps = path.replace("[", ".[").split("\\.");
        JsonNode node = root;
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            if (step.startsWith("[")) {
                int index = Integer.parseInt(step.substring(1, step.length() - 1));
                if (last) {
                    ((ArrayNode) node).set(index, MARKER);
                } else {
                    node = node.get(index);
                }
            } else if (last) {
                ((ObjectNode) node).put(step, MARKER);
            } else {
                node = node.get(step);
            }
        }
    }

    private String fill(String text) {
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            text = text.replace(p.getKey(), p.getValue());
        }
        return text;
    }

    private HttpResponse<byte[]> send(String method, String path, String user, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                // as the API's clients send it: without it (or a JSON body) a write is refused before it is read
                .header("X-Requested-With", "XMLHttpRequest");
        if (user != null) {
            // "as": "nobody" (an invitation's link) sends no credentials
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every byte outside RFC 3986's unreserved set percent-encoded: the value reaches the server as sent. */
    private static String percentEncoded(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static List<Value> values() {
        List<Value> values = new ArrayList<>();
        for (JsonNode v : resource("hostile/corpus.json").path("values")) {
            byte[] bytes;
            if (v.has("hex")) {
                bytes = HexFormat.ofDelimiter(" ").parseHex(v.path("hex").asText());
            } else if (v.has("repeat")) {
                String text = v.path("prefix").asText("") + v.path("repeat").path("unit").asText()
                        .repeat(v.path("repeat").path("times").asInt());
                try {
                    bytes = JSON.writeValueAsBytes(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                bytes = v.path("json").asText().getBytes(StandardCharsets.UTF_8);
            }
            Set<String> kinds = new java.util.HashSet<>();
            v.path("kinds").forEach(k -> kinds.add(k.asText()));
            values.add(new Value(v.path("name").asText(), bytes, kinds));
        }
        return values;
    }

    private static JsonNode resource(String name) {
        try (InputStream in = HostileInputApiTest.class.getClassLoader().getResourceAsStream(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
