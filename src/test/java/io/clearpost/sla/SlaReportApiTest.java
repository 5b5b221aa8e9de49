package io.clearpost.sla;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/sla/report over real HTTP, from tasks driven through the API on a brand of the test's own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlaReportApiTest {

    private static final String ALL_TIME = "&from=" + q("2000-01-01T00:00:00Z") + "&to=" + q("2100-01-01T00:00:00+01:00");

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    BrandRepository brands;

    @Autowired
    TaskService engineTasks;

    /** A brand with one user per role; its creative writes, its strategist reviews and schedules. */
    private record Team(String brand, String strategist, String creative, String manager, String auditor, String legal,
                        String compliance) {
    }

    private Team team() {
        TestIdentities identities = TestIdentities.of(identity);
        String brand = identities.brand(brands, "sla", List.of("linkedin"));
        return new Team(brand,
                identities.user("strategist", brand + ":strategist"),
                identities.user("creative", brand + ":creative"),
                identities.user("manager", brand + ":brand-manager"),
                identities.user("auditor", brand + ":auditor"),
                identities.user("legal", brand + ":legal"),
                identities.user("compliance", brand + ":compliance"));
    }

    @Test
    void countsOnTimeAndLateTasksPerKeyWithTheirCycleTimes() {
        Team team = team();
        Lifecycle flow = Lifecycle.on(port);

        // first post: written and reviewed in time, now waiting at schedule-post
        String first = flow.submit(team.strategist(), Briefs.request(team.brand(), "standard", List.of("linkedin"),
                team.creative())).contentId();
        pause();
        flow.createContent(team.creative(), first, Map.of("linkedin", "Spring is here."));
        flow.review(team.strategist(), "review-content", first, "APPROVE");
        flow.task(team.strategist(), "schedule-post", first);
        pause();
        Instant between = Instant.now();
        pause();

        // second post: written after its due date, its review overdue and still open
        String second = flow.submit(team.strategist(), Briefs.request(team.brand(), "standard", List.of("linkedin"),
                team.creative())).contentId();
        overdue(flow.task(team.creative(), "create-content", second).path("id").asText());
        flow.createContent(team.creative(), second, Map.of("linkedin", "Summer is coming."));
        overdue(flow.task(team.strategist(), "review-content", second).path("id").asText());

        JsonNode report = ok(Api.as(port, team.strategist()).get("/api/sla/report?brand=" + team.brand() + ALL_TIME));
        assertThat(report.path("brand").asText()).isEqualTo(team.brand());
        assertThat(OffsetDateTime.parse(report.path("from").asText()).toInstant())
                .isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(OffsetDateTime.parse(report.path("to").asText()).toInstant())
                .isEqualTo(Instant.parse("2099-12-31T23:00:00Z"));
        assertThat(report.path("tasks")).extracting(t -> t.path("key").asText())
                .containsExactly("create-content", "review-content", "schedule-post");

        JsonNode create = key(report, "create-content");
        assertCounts(create, 2, 1, 0, 0);
        assertThat(create.path("onTimeRate").asDouble()).isEqualTo(0.5);
        JsonNode review = key(report, "review-content");
        assertCounts(review, 1, 1, 1, 1);
        assertThat(review.path("onTimeRate").asDouble()).isEqualTo(1.0);
        JsonNode schedule = key(report, "schedule-post");
        assertCounts(schedule, 0, 0, 1, 0);
        assertThat(schedule.path("onTimeRate").isNull()).as("no rate without a completed task").isTrue();
        assertThat(schedule.path("cycleTime").path("medianSeconds").isNull()).isTrue();

        for (JsonNode done : List.of(create, review)) {
            JsonNode cycle = done.path("cycleTime");
            assertThat(List.of(cycle.path("averageSeconds"), cycle.path("medianSeconds"), cycle.path("p90Seconds")))
                    .as("cycle time of %s", done.path("key").asText())
                    .allSatisfy(s -> assertThat(s.asDouble()).isPositive().isLessThan(600));
            assertThat(done.path("onTimeRate").asDouble()).isBetween(0.0, 1.0);
            assertThat(cycle.path("p90Seconds").asDouble()).isGreaterThanOrEqualTo(cycle.path("medianSeconds").asDouble());
        }

        // the range is over creation time, [from, to)
        String brand = "/api/sla/report?brand=" + team.brand();
        JsonNode before = ok(Api.as(port, team.auditor()).get(brand + "&from=" + q("2000-01-01T00:00:00Z")
                + "&to=" + q(between.toString())));
        assertCounts(key(before, "create-content"), 1, 1, 0, 0);
        assertCounts(key(before, "review-content"), 1, 1, 0, 0);
        assertCounts(key(before, "schedule-post"), 0, 0, 1, 0);
        JsonNode after = ok(Api.as(port, team.auditor()).get(brand + "&from=" + q(between.toString())
                + "&to=" + q("2100-01-01T00:00:00Z")));
        assertThat(after.path("tasks")).extracting(t -> t.path("key").asText())
                .containsExactly("create-content", "review-content");
        assertCounts(key(after, "create-content"), 1, 0, 0, 0);
        assertThat(key(after, "create-content").path("onTimeRate").asDouble()).isZero();
        assertCounts(key(after, "review-content"), 0, 0, 1, 1);
        assertThat(ok(Api.as(port, team.auditor()).get(brand + "&from=" + q("2001-01-01T00:00:00Z")
                + "&to=" + q("2001-02-01T00:00:00Z"))).path("tasks")).isEmpty();
    }

    @Test
    void strategistBrandManagerAuditorAndAdministratorReadIt() {
        Team team = team();
        Lifecycle.on(port).submit(team.strategist(), Briefs.request(team.brand(), "standard", List.of("linkedin"),
                team.creative()));
        for (String reader : List.of(team.strategist(), team.manager(), team.auditor(), "root")) {
            JsonNode report = ok(Api.as(port, reader).get("/api/sla/report?brand=" + team.brand() + ALL_TIME));
            assertCounts(key(report, "create-content"), 0, 0, 1, 0);
        }
        // and the demo users, each in their own brand
        assertThat(ok(Api.as(port, "sam").get("/api/sla/report?brand=acme-bank" + ALL_TIME)).path("tasks").isArray())
                .isTrue();
        ok(Api.as(port, "nina").get("/api/sla/report?brand=nova-foods" + ALL_TIME));
        ok(Api.as(port, "ada").get("/api/sla/report?brand=acme-bank" + ALL_TIME));
    }

    @Test
    void creativesAndReviewersMayNotReadIt() {
        Team team = team();
        for (String user : List.of(team.creative(), team.legal(), team.compliance())) {
            assertThat(Problem.of(Api.as(port, user).get("/api/sla/report?brand=" + team.brand() + ALL_TIME), 403)
                    .path("detail").asText()).contains("strategist", "brand-manager", "auditor");
        }
        for (String user : List.of("cleo", "lea", "cora")) {
            Problem.of(Api.as(port, user).get("/api/sla/report?brand=acme-bank" + ALL_TIME), 403);
        }
    }

    @Test
    void anotherBrandsReportDoesNotExist() {
        Team team = team();
        assertThat(Problem.of(Api.as(port, "nina").get("/api/sla/report?brand=acme-bank" + ALL_TIME), 404)
                .path("detail").asText()).contains("acme-bank");
        Problem.of(Api.as(port, "ada").get("/api/sla/report?brand=nova-foods" + ALL_TIME), 404);
        Problem.of(Api.as(port, "sam").get("/api/sla/report?brand=" + team.brand() + ALL_TIME), 404);
        Problem.of(Api.as(port, "sam").get("/api/sla/report?brand=no-such-brand" + ALL_TIME), 404);
        Problem.of(Api.as(port, "root").get("/api/sla/report?brand=no-such-brand" + ALL_TIME), 404);
    }

    @Test
    void withoutCredentialsTheReportAnswers401() {
        Problem.unauthorized(Api.anonymous(port).get("/api/sla/report?brand=acme-bank" + ALL_TIME));
        Problem.unauthorized(Api.as(port, "nobody-at-all").get("/api/sla/report?brand=acme-bank" + ALL_TIME));
    }

    @Test
    void badParametersAreNamed() {
        Api sam = Api.as(port, "sam");
        String jan = q("2026-01-01T00:00:00Z");
        Problem.invalid(sam.get("/api/sla/report?from=" + jan + "&to=" + q("2026-02-01T00:00:00Z")), "brand");
        Problem.invalid(sam.get("/api/sla/report?brand=&from=" + jan + "&to=" + q("2026-02-01T00:00:00Z")), "brand");
        Problem.invalid(sam.get("/api/sla/report?brand=acme-bank&to=" + jan), "from");
        Problem.invalid(sam.get("/api/sla/report?brand=acme-bank&from=" + jan), "to");
        assertThat(Problem.message(Problem.invalid(sam.get("/api/sla/report?brand=acme-bank&from=last-week&to=" + jan),
                "from"), "from")).contains("ISO-8601");
        Problem.invalid(sam.get("/api/sla/report?brand=acme-bank&from=" + jan + "&to=2026-02-01"), "to");
        Problem.invalid(sam.get("/api/sla/report?brand=acme-bank&from=" + jan + "&to=" + jan), "to");
        Problem.invalid(sam.get("/api/sla/report?brand=acme-bank&from=" + jan + "&to=" + q("2025-12-01T00:00:00Z")), "to");
    }

    /** Moves an open task's due date (and at-risk point) an hour into the past, through the engine's task API. */
    private void overdue(String taskId) {
        Task task = engineTasks.createTaskQuery().taskId(taskId).singleResult();
        Date anHourAgo = Date.from(Instant.now().minus(Duration.ofHours(1)));
        task.setDueDate(anHourAgo);
        task.setFollowUpDate(anHourAgo);
        engineTasks.saveTask(task);
    }

    private static void assertCounts(JsonNode key, long completed, long onTime, long open, long breachedOpen) {
        assertThat(List.of(key.path("completed").asLong(), key.path("onTime").asLong(), key.path("open").asLong(),
                key.path("breachedOpen").asLong()))
                .as("completed, onTime, open, breachedOpen of %s", key)
                .containsExactly(completed, onTime, open, breachedOpen);
    }

    private static JsonNode key(JsonNode report, String key) {
        for (JsonNode task : report.path("tasks")) {
            if (key.equals(task.path("key").asText())) {
                return task;
            }
        }
        throw new AssertionError("no " + key + " in " + report);
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Lets the clock move on, so that tasks on either side of a boundary do not share a millisecond. */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
