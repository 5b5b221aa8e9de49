package io.clearpost.crisis;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.MailServer;
import io.clearpost.support.Prometheus;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crisis of acme-bank with its publishing queue full: 50 approved posts come due over the next seconds, the X
 * ones in their retry cycle when the crisis is declared (the sandbox answers the first attempt of each X post as an
 * outage asking to come back in 45 s). The severity-3 crisis freezes the brand; none of the 50 is
 * published while it lasts; the holding statement, legal's approved playbook with its placeholder filled, needs
 * only the communications sign-off and goes out exactly once on linkedin, x and facebook; resolving the
 * crisis gives a confirm-held-post task for each of the 50; the timeline has every step, the brand's chain verifies,
 * and the crisis cell got the alert mail. A context of its own (database, retry cycle, sandbox failures, GreenMail).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${test.crisis.datasource.url}",
        
        "clearpost.connectors.sandbox.failures[acme-bank/x]=RETRYABLE:1:PT45S",
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=${test.port.smtp}",
        "clearpost.mail.base-url=https://clearpost.test",
        "clearpost.mail.retry.initial-backoff=PT1S",
        "clearpost.mail.retry.max-backoff=PT2S"})
class CrisisEndToEndTest {

    private static final int POSTS = 50;
    private static final int IN_RETRY = 10;

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;

    @Test
    void fiftyDuePostsAreHeldWhileTheStatementGoesOutOnceAndEachIsConfirmedAfterwards() {
        MailServer.start();
        Lifecycle flow = Lifecycle.on(port);
        Api sam = flow.as("sam");

        // 50 approved posts: 10 on X, then linkedin and facebook
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            posts.add(approvedPost(flow, i < IN_RETRY ? "x" : i % 2 == 0 ? "linkedin" : "facebook"));
        }
        // prepared in peace time: a playbook legal approved in advance
        Map<String, Object> playbook = new LinkedHashMap<>();
        playbook.put("scenario", PlaybookApiTest.scenario("payment-outage"));
        playbook.put("title", "Payment outage");
        Map<String, Object> texts = new LinkedHashMap<>();
        for (String platform : List.of("linkedin", "x", "facebook")) {
            texts.put(platform, Map.of("text", "Card payments fail since {{since}}. We are on it and will update you "
                    + "within the hour. Your money is safe."));
        }
        playbook.put("statement", texts);
        playbook.put("placeholders", List.of("since"));
        playbook.put("replies", List.of(Map.of("name", "money", "text", "Your money is safe; payments fail since {{since}}.")));
        String playbookId = PlaybookApiTest.create(sam, playbook);
        String playbookHash = sam.get("/api/brands/acme-bank/playbooks/" + playbookId).json().path("hash").asText();
        assertThat(flow.as("lea").post("/api/brands/acme-bank/playbooks/" + playbookId + "/approvals",
                PlaybookApiTest.approve(playbookHash)).status()).isEqualTo(200);

        // the X posts come due now; their first attempt fails and they wait for their retry
        for (String contentId : posts.subList(0, IN_RETRY)) {
            flow.schedule("sam", contentId, inSeconds(5));
        }
        long failedJobs = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (failedJobs < IN_RETRY) {
            assertThat(System.nanoTime()).as("the first attempts of the X posts to fail").isLessThan(deadline);
            pause();
            failedJobs = management.createJobQuery().tenantIdIn("acme-bank").withException().count();
        }
        for (String contentId : posts.subList(0, IN_RETRY)) {
            assertThat(flow.content("sam", contentId).path("status").asText()).as("in its retry cycle")
                    .isEqualTo("SCHEDULED");
        }

        // this context's database has no crisis yet, and no statement was published in it
        String before = Prometheus.scrape(port);
        for (int severity = 1; severity <= 4; severity++) {
            assertThat(Prometheus.value(before, "clearpost_crises_open", "severity=\"" + severity + "\""))
                    .as("the series of severity %s exists, at zero", severity).isZero();
        }
        assertThat(Prometheus.valueOrZero(before, "clearpost_crisis_time_to_statement_seconds_count")).isZero();

        Api.Response declared = sam.post("/api/crises",
                CrisisApiTest.declaration("acme-bank", List.of("linkedin", "x", "facebook")));
        assertThat(declared.status()).as("%s", declared).isEqualTo(201);
        String id = declared.json().path("id").asText();
        assertThat(declared.json().path("suggestedSeverity").asInt()).isEqualTo(3);
        assertThat(Prometheus.value(Prometheus.scrape(port), "clearpost_crises_open", "severity=\"3\""))
                .as("before triage, the open crisis counts at the severity crisis-severity.dmn suggested").isEqualTo(1);
        JsonNode triage = flow.findTask("lea", "triage-crisis", t -> "acme-bank".equals(t.path("brand").asText()))
                .orElseThrow();
        flow.complete("lea", triage.path("id").asText(), Map.of("severity", 3, "comment", "Press and legal exposure"));
        assertThat(sam.get("/api/crises/" + id).json().path("frozen").asBoolean()).isTrue();
        assertThat(Prometheus.value(Prometheus.scrape(port), "clearpost_crises_open", "severity=\"3\""))
                .as("the open crisis, at the severity triage decided").isEqualTo(1);

        // the other 40 come due during the crisis
        for (String contentId : posts.subList(IN_RETRY, POSTS)) {
            flow.schedule("sam", contentId, inSeconds(5));
        }

        String statementId = sam.get("/api/crises/" + id).json().path("statement").path("contentId").asText();
        JsonNode draft = flow.task("sam", "draft-holding-statement", statementId);
        Map<String, Object> variants = new LinkedHashMap<>();
        for (String platform : List.of("linkedin", "x", "facebook")) {
            variants.put(platform, Map.of("text", "Card payments fail since 09:00. We are on it and will update "
                    + "you within the hour. Your money is safe."));
        }
        // the approved playbook's text, only its placeholder filled: the communications sign-off alone
        flow.complete("sam", draft.path("id").asText(), Map.of("variants", variants, "playbook", playbookId,
                "placeholders", Map.of("since", "09:00")));
        assertThat(flow.tasks("lea", "key=approve-holding-statement")).as("no legal review of an unchanged playbook")
                .noneMatch(t -> statementId.equals(t.path("contentId").asText()));
        flow.review("omar", "communications-sign-off", statementId, "APPROVE");

        JsonNode statement = await(() -> flow.content("sam", statementId),
                c -> "PUBLISHED".equals(c.path("status").asText()), "the statement published");
        assertThat(statement.path("publications")).extracting(p -> p.path("platform").asText())
                .containsExactlyInAnyOrder("linkedin", "x", "facebook");
        statement.path("publications").forEach(p -> {
            assertThat(p.path("status").asText()).isEqualTo("PUBLISHED");
            assertThat(p.path("postId").asText()).isNotBlank();
        });

        // declaration to statement published, recorded once the crisis learned of the publication
        String afterStatement = await(() -> Prometheus.scrape(port), metrics -> Prometheus.valueOrZero(metrics,
                "clearpost_crisis_time_to_statement_seconds_count") == 1, "the time to statement recorded");
        assertThat(Prometheus.value(afterStatement, "clearpost_crisis_time_to_statement_seconds_sum")).isPositive();
        assertThat(Prometheus.value(afterStatement, "clearpost_crisis_time_to_statement_seconds_bucket",
                "le=\"900.0\"")).as("within 15 minutes").isEqualTo(1);

        // every one of the 50 comes due and is held; none is published
        JsonNode crisis;
        try {
            crisis = await(() -> sam.get("/api/crises/" + id).json(),
                    c -> c.path("heldPosts").size() == POSTS, "all " + POSTS + " posts held");
        } catch (AssertionError e) {
            StringBuilder states = new StringBuilder();
            for (String contentId : posts.subList(0, IN_RETRY)) {
                JsonNode post = flow.content("sam", contentId);
                states.append(post.path("status").asText()).append(' ').append(post.path("publications")).append('\n');
            }
            throw new AssertionError(states.toString(), e);
        }
        assertThat(crisis.path("frozen").asBoolean()).isTrue();
        assertThat(crisis.path("replies")).extracting(r -> r.path("text").asText())
                .containsExactly("Your money is safe; payments fail since 09:00.");
        List<String> held = new ArrayList<>();
        crisis.path("heldPosts").forEach(p -> held.add(p.path("contentId").asText()));
        assertThat(held).containsExactlyInAnyOrderElementsOf(posts);
        for (String contentId : posts) {
            JsonNode post = flow.content("sam", contentId);
            assertThat(post.path("status").asText()).as("post %s during the crisis", contentId).isEqualTo("HELD");
            assertThat(post.path("publications").get(0).path("postId").isMissingNode()
                    || post.path("publications").get(0).path("postId").isNull()).as("never posted").isTrue();
        }

        JsonNode resolve = flow.findTask("sam", "resolve-crisis", t -> "acme-bank".equals(t.path("brand").asText()))
                .orElseThrow(() -> new AssertionError("no resolve-crisis task"));
        flow.complete("sam", resolve.path("id").asText(), Map.of("summary", "Payments restored at 11:40"));
        List<String> toConfirm = new ArrayList<>();
        for (JsonNode task : flow.tasks("sam", "key=confirm-held-post")) {
            toConfirm.add(task.path("contentId").asText());
        }
        assertThat(toConfirm).containsAll(posts);
        assertThat(toConfirm.stream().filter(posts::contains)).hasSize(POSTS);
        for (String contentId : posts) {
            JsonNode confirm = flow.task("sam", "confirm-held-post", contentId);
            flow.complete("sam", confirm.path("id").asText(), Map.of("action", "CANCEL"));
        }
        JsonNode postMortem = flow.findTask("omar", "post-mortem", t -> "acme-bank".equals(t.path("brand").asText()))
                .orElseThrow();
        flow.complete("omar", postMortem.path("id").asText(), Map.of("whatHappened", "A processor outage",
                "whatWorked", "Statement out in minutes", "actions", List.of("Second processor")));

        assertThat(sam.get("/api/crises/" + id).json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(Prometheus.value(Prometheus.scrape(port), "clearpost_crises_open", "severity=\"3\""))
                .as("no open crisis once closed").isZero();

        List<String> steps = new ArrayList<>();
        flow.as("ada").get("/api/crises/" + id + "/timeline").json().path("steps")
                .forEach(s -> steps.add(s.path("step").asText()));
        assertThat(steps).containsSubsequence("DECLARED", "TRIAGED", "FROZEN", "STATEMENT_DRAFTED",
                "STATEMENT_APPROVED", "STATEMENT_PUBLISHED", "RESOLVED", "FREEZE_LIFTED", "POST_MORTEM");
        JsonNode verify = flow.as("ada").get("/api/audit/verify?brand=acme-bank").json();
        assertThat(verify.path("valid").asBoolean()).as("%s", verify).isTrue();

        for (String member : List.of("sam@agency.example", "lea@acme-bank.example", "cora@acme-bank.example",
                "omar@acme-bank.example", "root@clearpost.example")) {
            String link = "https://clearpost.test/api/crises/" + id;
            MimeMessage alert = MailServer.await(member, m -> MailServer.text(m).contains(link));
            assertThat(MailServer.subject(alert)).contains("Crisis declared for acme-bank");
        }
    }

    private static String approvedPost(Lifecycle flow, String platform) {
        Map<String, Object> brief = Briefs.request("acme-bank", "standard", List.of(platform), "cleo");
        Briefs.openNow(brief);
        String contentId = flow.submit("sam", brief).contentId();
        flow.createContent("cleo", contentId, Map.of(platform, Lifecycle.acmeText(platform)));
        flow.review("sam", "review-content", contentId, "APPROVE");
        flow.review("lea", "legal-review", contentId, "APPROVE");
        return contentId;
    }

    private static OffsetDateTime inSeconds(long seconds) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds + 1).truncatedTo(ChronoUnit.SECONDS);
    }

    private static <T> T await(java.util.function.Supplier<T> read, Predicate<T> until, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        T value = read.get();
        while (!until.test(value)) {
            assertThat(System.nanoTime()).as("%s; last seen %s", what, value).isLessThan(deadline);
            pause();
            value = read.get();
        }
        return value;
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
