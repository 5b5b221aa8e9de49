package io.clearpost.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.clearpost.support.Api;
import io.clearpost.support.AuditExportRows;
import io.clearpost.support.MailServer;
import io.clearpost.support.PlatformStandIn;
import io.clearpost.support.Problem;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real organisation moves in: a start without the demo profile (on MariaDB with {@code clearpost.production=true};
 * production mode refuses the embedded H2 by design, so the H2 run is the same start without it), on a database of
 * its own, with only the administrator the operator configured. The administrator creates a regulated brand and a
 * client brand and invites the people; they set their passwords through the mailed links (GreenMail); the strategist
 * adds a freelance creative; a financial promotion then goes from brief to published on LinkedIn (a WireMock
 * stand-in of its API) by those people alone; the auditor verifies the brand's chain, onboarding events included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=${test.onboarding.profiles}",
        "spring.datasource.url=${test.onboarding.datasource.url}",
        "clearpost.production=${test.onboarding.production}",
        // the first install's start, as README says: production only checks the engine's tables otherwise
        "operaton.bpm.database.schema-update=true",
        "clearpost.admin.user=owner",
        "clearpost.admin.password=" + OnboardingTest.ADMIN_PASSWORD,
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=${test.port.smtp}",
        "clearpost.mail.base-url=https://clearpost.test",
        "clearpost.mail.retry.initial-backoff=PT1S",
        "clearpost.mail.retry.max-backoff=PT2S"})
class OnboardingTest {

    static final String ADMIN_PASSWORD = "first administrator's passphrase";
    private static final Pattern LINK = Pattern.compile("https://clearpost\\.test/api/invitations/([A-Za-z0-9_-]{43})");
    private static final String ALL_TIME = "&from=" + q("2000-01-01T00:00:00Z") + "&to=" + q("2100-01-01T00:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Value("${clearpost.production}")
    boolean production;
    @Value("${test.onboarding.production}")
    boolean productionExpected;

    private final Map<String, String> passwords = new HashMap<>();
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void anOrganisationMovesInAndPublishesAFinancialPromotionWithItsOwnPeople() {
        MailServer.start();
        assertThat(production).as("clearpost.production of this run").isEqualTo(productionExpected);
        // nobody but the configured administrator: no demo brand, no demo user
        assertThat(identity.createUserQuery().list()).extracting(u -> u.getId())
                .doesNotContain("sam", "cleo", "lea", "cora", "ada", "root");
        Problem.unauthorized(Api.as(port, "sam").get("/api/me"));
        passwords.put("owner", ADMIN_PASSWORD);
        Api owner = as("owner");
        assertThat(owner.get("/api/me").json().path("admin").asBoolean()).isTrue();

        // the administrator sets up a regulated brand and a client brand
        String bank = "tide-insurance-" + suffix;
        String client = "harbour-foods-" + suffix;
        created(owner.post("/api/admin/brands", brand(bank, "Tide Insurance", true, false)));
        created(owner.post("/api/admin/brands", brand(client, "Harbour Foods", false, true)));
        Problem.of(owner.post("/api/admin/brands", brand(bank, "Tide again", true, false)), 409);

        // invites the people; each sets a password through the mailed link
        String strategist = invite(owner, "sofia");
        String legal = invite(owner, "leon");
        String compliance = invite(owner, "carla");
        String auditor = invite(owner, "audrey");
        String brandManager = invite(owner, "bruno");
        String creative = invite(owner, "frida");
        member(owner, bank, strategist, "strategist");
        member(owner, client, strategist, "strategist");
        member(owner, bank, legal, "legal");
        member(owner, bank, compliance, "compliance");
        member(owner, bank, auditor, "auditor");
        member(owner, client, brandManager, "brand-manager");
        for (String user : List.of(strategist, legal, compliance, auditor, brandManager, creative)) {
            acceptInvitation(user);
        }

        // the strategist brings in the freelance creative, and may grant nothing else
        Problem.of(as(strategist).put("/api/admin/brands/" + bank + "/members/" + creative,
                Map.of("roles", List.of("legal"))), 403);
        member(as(strategist), bank, creative, "creative");
        assertThat(as(brandManager).get("/api/brands/" + client + "/members").json())
                .extracting(m -> m.path("user").asText()).contains(strategist, brandManager);

        // the brand's LinkedIn page, answered by a stand-in of LinkedIn's API
        WireMockServer linkedin = PlatformStandIn.fresh("linkedin");
        String postUrn = "urn:li:share:" + Math.abs(suffix.hashCode());
        linkedin.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(201).withHeader("x-restli-id", postUrn)));
        assertThat(as(strategist).put("/api/brands/" + bank + "/accounts/linkedin",
                Map.of("accountId", "urn:li:organization:" + Math.abs(suffix.hashCode()), "accessToken", "tok-" + suffix))
                .status()).isEqualTo(200);

        // a financial promotion, from brief to published, by these people only
        Api.Response brief = as(strategist).post("/api/briefs", financialPromotion(bank, creative));
        assertThat(brief.status()).as(brief.toString()).isEqualTo(201);
        String contentId = brief.json().path("deliverables").get(0).path("contentId").asText();

        // a policy change applies to content checked afterwards: the first draft uses the newly banned term
        Api.Response policy = owner.put("/api/admin/brands/" + bank, Map.of("bannedTerms",
                List.of("guaranteed returns", "risk-free")));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        complete(creative, task(creative, "create-content", contentId), Map.of("variants",
                Map.of("linkedin", Map.of("text", "Tide's risk-free savings plan: 2% a year, capital at risk."))));
        String redraft = task(creative, "create-content", contentId);
        assertThat(as(creative).get("/api/tasks/" + redraft).json().path("context").path("violations").toString())
                .contains("risk-free");
        complete(creative, redraft, Map.of("variants",
                Map.of("linkedin", Map.of("text", "Tide's savings plan: 2% a year on every pound, capital at risk."))));
        review(strategist, "review-content", contentId);
        review(legal, "legal-review", contentId);
        review(compliance, "compliance-review", contentId);
        complete(strategist, task(strategist, "schedule-post", contentId), Map.of("publishAt",
                OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).toString()));

        JsonNode published = awaitPublished(strategist, contentId);
        assertThat(published.path("publications").get(0).path("postId").asText()).isEqualTo(postUrn);
        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/posts")));
        assertThat(published.path("decisions")).extracting(d -> d.path("key").asText() + "/" + d.path("reviewer").asText())
                .contains("legal-review/" + legal, "compliance-review/" + compliance);

        // the auditor verifies the chain, which holds the onboarding events too
        JsonNode verified = as(auditor).get("/api/audit/verify?brand=" + bank).json();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        List<Map<String, String>> events = AuditExportRows.jsonl(
                as(auditor).get("/api/audit/export?brand=" + bank + ALL_TIME + "&format=jsonl").text());
        assertThat(events).extracting(e -> e.get("type")).contains("BRAND_CREATED", "BRAND_CHANGED", "MEMBERSHIP_CHANGED",
                "DECISION_RECORDED", "POST_PUBLISHED");
        assertThat(events.get(0)).containsEntry("type", "BRAND_CREATED").containsEntry("actor", "owner");
        assertThat(events).filteredOn(e -> "MEMBERSHIP_CHANGED".equals(e.get("type")) && strategist.equals(e.get("actor")))
                .singleElement().satisfies(e -> assertThat(e.get("payload")).contains(creative, "creative"));
        Problem.of(as(creative).get("/api/audit/verify?brand=" + bank), 403);
    }

    private Map<String, Object> brand(String id, String name, boolean regulated, boolean clientSignOff) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", name);
        body.put("timeZone", "Europe/London");
        body.put("regulated", regulated);
        body.put("clientSignOff", clientSignOff);
        body.put("platforms", List.of("linkedin"));
        body.put("mandatoryMentions", List.of());
        body.put("bannedTerms", List.of("guaranteed returns"));
        body.put("holidayCountry", "GB");
        return body;
    }

    private String invite(Api owner, String name) {
        String id = name + "-" + suffix;
        created(owner.post("/api/admin/users", Map.of("id", id, "name", name, "email", id + "@tide.example",
                "timeZone", "Europe/London")));
        return id;
    }

    private void acceptInvitation(String user) {
        String text = MailServer.text(MailServer.await(user + "@tide.example", m -> true));
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("an invitation link for %s in %s", user, text).isTrue();
        String password = "passphrase of " + user;
        Api.Response accepted = Api.anonymous(port).post("/api/invitations/" + link.group(1), Map.of("password", password));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(204);
        passwords.put(user, password);
        assertThat(as(user).get("/api/me").status()).isEqualTo(200);
    }

    private static void member(Api by, String brand, String user, String role) {
        Api.Response r = by.put("/api/admin/brands/" + brand + "/members/" + user, Map.of("roles", List.of(role)));
        assertThat(r.status()).as("%s of %s: %s", role, brand, r).isEqualTo(200);
    }

    private static Map<String, Object> financialPromotion(String brand, String creative) {
        Map<String, Object> deliverable = new HashMap<>();
        deliverable.put("platforms", List.of("linkedin"));
        deliverable.put("publishAfter", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toString());
        deliverable.put("publishBefore", OffsetDateTime.now(ZoneOffset.UTC).plusDays(5).truncatedTo(ChronoUnit.SECONDS).toString());
        deliverable.put("creative", creative);
        Map<String, Object> body = new HashMap<>();
        body.put("brand", brand);
        body.put("title", "Savings plan launch");
        body.put("objective", "Open savings plans");
        body.put("audience", "Savers in the UK");
        body.put("keyMessages", List.of("2% a year"));
        body.put("mandatoryMentions", List.of("capital at risk"));
        body.put("category", "financial-promotion");
        body.put("deliverables", new ArrayList<>(List.of(deliverable)));
        return body;
    }

    private String task(String user, String key, String contentId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Api.Response tasks = as(user).get("/api/tasks?size=100&key=" + key);
            assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
            for (JsonNode task : tasks.json()) {
                if (contentId.equals(task.path("contentId").asText())) {
                    return task.path("id").asText();
                }
            }
            assertThat(System.nanoTime()).as("%s has no %s task for %s", user, key, contentId).isLessThan(deadline);
            pause();
        }
    }

    private void review(String reviewer, String key, String contentId) {
        String taskId = task(reviewer, key, contentId);
        String hash = as(reviewer).get("/api/tasks/" + taskId).json().path("context").path("currentRevision")
                .path("hash").asText();
        complete(reviewer, taskId, Map.of("decision", "APPROVE", "comment", "fine by " + reviewer, "revisionHash", hash));
    }

    private void complete(String user, String taskId, Map<String, ?> values) {
        Api.Response done = as(user).post("/api/tasks/" + taskId + "/complete", values);
        assertThat(done.status()).as("complete %s as %s: %s", taskId, user, done).isEqualTo(204);
    }

    private JsonNode awaitPublished(String user, String contentId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode item = as(user).get("/api/content/" + contentId).json();
        while (!"PUBLISHED".equals(item.path("status").asText())) {
            assertThat(System.nanoTime()).as("content %s to be published, still %s", contentId, item).isLessThan(deadline);
            pause();
            item = as(user).get("/api/content/" + contentId).json();
        }
        return item;
    }

    private Api as(String user) {
        return Api.as(port, user, passwords.get(user));
    }

    private static void created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
