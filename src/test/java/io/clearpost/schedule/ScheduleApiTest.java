package io.clearpost.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Problem;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;

import static io.clearpost.support.Lifecycle.acmeText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduling over real HTTP as the demo users: schedule-post's validations, reschedule and cancel,
 * the calendar as JSON and as iCalendar, and who may freeze a brand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScheduleApiTest {

    @LocalServerPort
    int port;

    @Test
    void schedulePostRefusesUnusableTimesNamingTheFieldAndKeepsTheTaskOpen() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = approvedAcmePost(flow, Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo"));
        String taskId = flow.task("sam", "schedule-post", contentId).path("id").asText();
        Api sam = flow.as("sam");

        String past = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(Problem.message(Problem.invalid(sam.post(complete(taskId), Map.of("publishAt", past)), "publishAt"),
                "publishAt")).contains("future");
        String afterWindow = Briefs.inDays(30).toString();
        assertThat(Problem.message(Problem.invalid(sam.post(complete(taskId), Map.of("publishAt", afterWindow)),
                "publishAt"), "publishAt")).contains("publish window");
        String beforeWindow = Briefs.inDays(2).toString();
        Problem.invalid(sam.post(complete(taskId), Map.of("publishAt", beforeWindow)), "publishAt");
        String local = Briefs.inDays(12).toLocalDateTime().toString();
        assertThat(Problem.message(Problem.invalid(sam.post(complete(taskId),
                Map.of("publishAt", local, "timeZone", "Europe/Atlantis")), "timeZone"), "timeZone")).contains("IANA");
        Problem.invalid(sam.post(complete(taskId), Map.of("publishAt", "next tuesday")), "publishAt");

        JsonNode content = flow.content("sam", contentId);
        assertThat(content.path("status").asText()).as("nothing was scheduled").isEqualTo("APPROVED");
        assertThat(flow.task("sam", "schedule-post", contentId).path("id").asText()).isEqualTo(taskId);

        OffsetDateTime inWindow = Briefs.inDays(12);
        flow.complete("sam", taskId, Map.of("publishAt", inWindow.toLocalDateTime().toString(),
                "timeZone", "America/New_York"));
        JsonNode scheduled = flow.content("sam", contentId);
        assertThat(scheduled.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.path("schedule").path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(OffsetDateTime.parse(scheduled.path("schedule").path("publishAt").asText()).toInstant())
                .isEqualTo(inWindow.toLocalDateTime().atZone(ZoneId.of("America/New_York")).toInstant());
    }

    @Test
    void aLocalTimeInTheDaylightSavingGapDoesNotExist() {
        Lifecycle flow = Lifecycle.on(port);
        Map<String, Object> brief = Briefs.request("acme-bank", "standard", List.of("x"), "cleo");
        // Europe/Paris skips 02:00-03:00 on the last Sunday of March: 2027-03-28
        Briefs.deliverable(brief, 0).put("publishAfter", "2027-03-20T08:00:00+01:00");
        Briefs.deliverable(brief, 0).put("publishBefore", "2027-04-05T20:00:00+02:00");
        String contentId = approvedAcmePost(flow, brief);
        String taskId = flow.task("sam", "schedule-post", contentId).path("id").asText();

        JsonNode problem = Problem.invalid(flow.as("sam").post(complete(taskId),
                Map.of("publishAt", "2027-03-28T02:30", "timeZone", "Europe/Paris")), "publishAt");
        assertThat(Problem.message(problem, "publishAt")).contains("does not exist");

        flow.complete("sam", taskId, Map.of("publishAt", "2027-03-28T03:30", "timeZone", "Europe/Paris"));
        assertThat(flow.content("sam", contentId).path("schedule").path("publishAt").asText())
                .isEqualTo("2027-03-28T03:30:00+02:00");
    }

    @Test
    void rescheduleMovesAWaitingPostAndIsRefusedOncePublished() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = approvedAcmePost(flow,
                Briefs.openNow(Briefs.request("acme-bank", "standard", List.of("x"), "cleo")));
        OffsetDateTime planned = Briefs.inDays(5);
        flow.schedule("sam", contentId, planned);
        String path = "/api/content/" + contentId + "/reschedule";

        Problem.unauthorized(Api.anonymous(port).post(path, Map.of("publishAt", Briefs.inDays(6).toString())));
        Problem.of(flow.as("cleo").post(path, Map.of("publishAt", Briefs.inDays(6).toString())), 403);
        Problem.of(flow.as("nina").post(path, Map.of("publishAt", Briefs.inDays(6).toString())), 404);
        Problem.of(flow.as("sam").post("/api/content/no-such-content/reschedule",
                Map.of("publishAt", Briefs.inDays(6).toString())), 404);
        Problem.invalid(flow.as("sam").post(path, Map.of("publishAt", Briefs.inDays(60).toString())), "publishAt");
        Problem.invalid(flow.as("sam").post(path, Map.of("timeZone", "Europe/Paris")), "publishAt");
        Problem.of(flow.as("sam").post(path, "{\"publishAt\": "), 400);
        assertThat(OffsetDateTime.parse(flow.content("sam", contentId).path("schedule").path("publishAt").asText())
                .toInstant()).as("refused reschedules change nothing").isEqualTo(planned.toInstant());

        OffsetDateTime soon = Lifecycle.secondsFromNow(2, "Europe/Paris");
        Api.Response moved = flow.as("sam").post(path, Map.of("publishAt", soon.toString()));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(204);
        JsonNode published = flow.awaitStatus("sam", contentId, "PUBLISHED");
        assertThat(OffsetDateTime.parse(published.path("schedule").path("publishAt").asText()).toInstant())
                .isEqualTo(soon.toInstant());
        assertThat(published.path("publications")).singleElement()
                .satisfies(p -> assertThat(p.path("postId").asText()).isNotBlank());

        JsonNode conflict = Problem.of(flow.as("sam").post(path, Map.of("publishAt", Briefs.inDays(6).toString())), 409);
        assertThat(conflict.path("detail").asText()).contains("PUBLISHED");
        Problem.of(flow.as("sam").post("/api/content/" + contentId + "/cancel"), 409);
        assertThat(flow.content("sam", contentId).path("status").asText()).isEqualTo("PUBLISHED");
    }

    @Test
    void cancellingAScheduledPostStopsItsPublication() {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = approvedAcmePost(flow, Briefs.request("acme-bank", "standard", List.of("linkedin", "x"), "cleo"));
        flow.schedule("sam", contentId, Briefs.inDays(12));
        String path = "/api/content/" + contentId + "/cancel";

        Problem.unauthorized(Api.anonymous(port).post(path));
        Problem.of(flow.as("lea").post(path), 403);
        Problem.of(flow.as("nina").post(path), 404);
        assertThat(flow.content("sam", contentId).path("status").asText()).isEqualTo("SCHEDULED");

        Api.Response cancelled = flow.as("sam").post(path);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(204);
        JsonNode content = flow.awaitStatus("sam", contentId, "CANCELLED");
        assertThat(content.path("publications")).extracting(p -> p.path("status").asText()).containsOnly("CANCELLED");
        Problem.of(flow.as("sam").post(path), 409);
    }

    @Test
    void theCalendarShowsPostsAtTheirLocalTimeAsJsonAndAsICalendar() throws Exception {
        Lifecycle flow = Lifecycle.on(port);
        String contentId = approvedAcmePost(flow, Briefs.request("acme-bank", "standard", List.of("linkedin", "x"), "cleo"));
        OffsetDateTime at = Briefs.inDays(14).truncatedTo(ChronoUnit.HOURS).withHour(9);
        String local = at.toLocalDateTime().toString();
        flow.complete("sam", flow.task("sam", "schedule-post", contentId).path("id").asText(),
                Map.of("publishAt", local, "timeZone", "Europe/Paris"));
        Instant instant = at.toLocalDateTime().atZone(ZoneId.of("Europe/Paris")).toInstant();
        String range = "/api/calendar?brand=acme-bank&from=" + enc(instant.minus(1, ChronoUnit.HOURS))
                + "&to=" + enc(instant.plus(1, ChronoUnit.HOURS));

        Api.Response json = flow.as("sam").get(range);
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        List<JsonNode> mine = entriesOf(json.json(), contentId);
        assertThat(mine).extracting(e -> e.path("platform").asText()).containsExactlyInAnyOrder("linkedin", "x");
        assertThat(mine).allSatisfy(e -> {
            assertThat(e.path("status").asText()).isEqualTo("SCHEDULED");
            assertThat(e.path("timeZone").asText()).isEqualTo("Europe/Paris");
            assertThat(e.path("localTime").asText()).startsWith(local);
            assertThat(OffsetDateTime.parse(e.path("publishAt").asText()).toInstant()).isEqualTo(instant);
        });
        assertThat(mine).extracting(e -> e.path("text").asText()).contains(acmeText("x"));

        Api.Response ics = flow.as("cleo").get(range, "text/calendar");
        assertThat(ics.status()).as(ics.toString()).isEqualTo(200);
        assertThat(ics.contentType()).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.text()));
        List<VEvent> events = calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getUid().orElseThrow().getValue().startsWith(contentId)).toList();
        assertThat(events).extracting(e -> e.getUid().orElseThrow().getValue())
                .containsExactlyInAnyOrder(contentId + "-linkedin@clearpost", contentId + "-x@clearpost");
        assertThat(events).allSatisfy(e -> {
            Temporal start = e.getDateTimeStart().getDate();
            assertThat(Instant.from(start)).isEqualTo(instant);
            assertThat(e.getSummary().getValue()).contains("SCHEDULED");
        });

        Problem.unauthorized(Api.anonymous(port).get(range));
        assertThat(flow.as("ada").get(range).status()).as("the auditor reads the calendar").isEqualTo(200);
        Problem.of(flow.as("nina").get(range), 404);
        Problem.invalid(flow.as("sam").get("/api/calendar?brand=acme-bank&from=yesterday&to=" + enc(instant)), "from");
        Problem.invalid(flow.as("sam").get("/api/calendar?brand=acme-bank&from=" + enc(instant) + "&to="
                + enc(instant.minusSeconds(60))), "to");
    }

    @Test
    void onlyTheBrandsStrategistsAndAdministratorsFreezeIt() {
        Lifecycle flow = Lifecycle.on(port);
        long before = flow.as("ada").get("/api/audit/verify?brand=acme-bank").json().path("events").asLong();
        try {
            Problem.unauthorized(Api.anonymous(port).post("/api/brands/acme-bank/freeze"));
            for (String user : List.of("cleo", "lea", "cora", "ada")) {
                Problem.of(flow.as(user).post("/api/brands/acme-bank/freeze"), 403);
            }
            Problem.of(flow.as("nina").post("/api/brands/acme-bank/freeze"), 404);
            Problem.of(flow.as("felix").post("/api/brands/acme-bank/freeze"), 404);
            Problem.of(flow.as("sam").post("/api/brands/no-such-brand/freeze"), 404);
            assertThat(flow.as("ada").get("/api/audit/verify?brand=acme-bank").json().path("events").asLong())
                    .as("refused freezes leave no trace").isEqualTo(before);

            assertThat(flow.as("sam").post("/api/brands/acme-bank/freeze").status()).isEqualTo(204);
            assertThat(flow.as("sam").post("/api/brands/acme-bank/freeze").status()).as("idempotent").isEqualTo(204);
            Problem.of(flow.as("cleo").post("/api/brands/acme-bank/unfreeze"), 403);
            assertThat(flow.as("root").post("/api/brands/acme-bank/unfreeze").status()).isEqualTo(204);
            assertThat(flow.as("root").post("/api/brands/acme-bank/freeze").status()).isEqualTo(204);
            assertThat(flow.as("sam").post("/api/brands/acme-bank/unfreeze").status()).isEqualTo(204);

            JsonNode verified = flow.as("ada").get("/api/audit/verify?brand=acme-bank").json();
            assertThat(verified.path("valid").asBoolean()).isTrue();
            assertThat(verified.path("events").asLong()).as("two freezes and two unfreezes audited").isEqualTo(before + 4);
        } finally {
            flow.as("root").post("/api/brands/acme-bank/unfreeze");
        }
    }

    /** An acme-bank deliverable taken through creation, review and legal review to APPROVED. */
    private static String approvedAcmePost(Lifecycle flow, Map<String, Object> brief) {
        String contentId = flow.submit("sam", brief).contentId();
        @SuppressWarnings("unchecked")
        List<String> platforms = (List<String>) Briefs.deliverable(brief, 0).get("platforms");
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        platforms.forEach(p -> texts.put(p, acmeText(p)));
        flow.createContent("cleo", contentId, texts);
        flow.review("sam", "review-content", contentId, "APPROVE");
        flow.review("lea", "legal-review", contentId, "APPROVE");
        assertThat(flow.content("sam", contentId).path("status").asText()).isEqualTo("APPROVED");
        return contentId;
    }

    private static List<JsonNode> entriesOf(JsonNode entries, String contentId) {
        List<JsonNode> mine = new java.util.ArrayList<>();
        entries.forEach(e -> {
            if (contentId.equals(e.path("contentId").asText())) {
                mine.add(e);
            }
        });
        return mine;
    }

    private static String complete(String taskId) {
        return "/api/tasks/" + taskId + "/complete";
    }

    private static String enc(Instant instant) {
        return URLEncoder.encode(instant.atOffset(ZoneOffset.UTC).toString(), StandardCharsets.UTF_8);
    }
}
