package io.clearpost.schedule;

import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import io.clearpost.support.SlaTimerChecks;
import io.clearpost.support.Outboxed;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.FieldError;
import io.clearpost.brief.CreateBrief;
import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessDriver.Deliverable;
import io.clearpost.support.ProcessDriver.TestBrand;
import io.clearpost.support.ProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.clearpost.support.ProcessDriver.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every path of processes/scheduling.bpmn: a usable planned time needs no task; no planned time, or
 * one that has passed, goes to the strategist's schedule-post, whose time is validated and kept with its zone.
 * The model starts at its start event, called by a real brief once its content is approved (approval is
 * brief.bpmn's "Mark the content approved", right before it calls scheduling); it has no jobs, and time
 * passes by the engine clock.
 */
@ProcessTest
@RecordApplicationEvents
class SchedulingProcessTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    ScheduleService schedules;

    @Autowired
    ApplicationEvents events;

    ProcessDriver drive;
    SlaTimerChecks sla;

    @BeforeEach
    void driver() {
        drive = new ProcessDriver(context);
        sla = new SlaTimerChecks(context, events);
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void plannedTimeInsideTheWindowIsTakenWithoutATask() {
        TestBrand brand = drive.newBrand("linkedin");
        OffsetDateTime now = ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime planned = now.plusDays(2);
        Deliverable d = drive.approved(brand, new CreateBrief.Deliverable(List.of("linkedin"), now.minusHours(1),
                now.plusDays(10), planned, brand.creative()));

        drive.historyOf(drive.calledInstance(d.briefId(), d.contentId(), "scheduling"))
                .hasPassedInOrder("Event_SchedulingStarted", "Activity_TakePlannedTime", "Gateway_PlannedTimeUsable",
                        "Gateway_Scheduled", "Event_Scheduled")
                .hasNotPassed("schedule-post")
                .endedAt("Event_Scheduled");
        ContentView content = drive.content(d.contentId());
        assertThat(content.status()).isEqualTo(ContentStatus.SCHEDULED);
        assertThat(content.schedule().publishAt().toInstant()).isEqualTo(planned.toInstant());
        assertThat(content.schedule().timeZone()).as("the brand's zone").isEqualTo("Europe/Paris");
        assertThat(drive.openTasks(d.briefId(), d.contentId(), "schedule-post")).isEmpty();
        // the publication now waits for that time
        var publication = drive.historyOf(drive.calledInstance(d.briefId(), d.contentId(), "publication"))
                .hasPassedInOrder("Activity_PreparePublications", "Event_PlatformStarted", "Gateway_TimeOrReschedule")
                .hasNotPassed("Activity_PublishPost");
        assertThat(publication.job("Event_PublishTimeReached").getDuedate().toInstant()).isEqualTo(planned.toInstant());
    }

    @Test
    void withoutPlannedTimeTheStrategistSchedulesThePost() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        String scheduling = drive.calledInstance(d.briefId(), d.contentId(), "scheduling");
        drive.historyOf(scheduling)
                .hasPassedInOrder("Activity_TakePlannedTime", "Gateway_PlannedTimeUsable", "schedule-post")
                .isWaitingAt("schedule-post");
        assertThat(drive.content(d.contentId()).status()).isEqualTo(ContentStatus.APPROVED);
        assertThat(drive.content(d.contentId()).schedule()).isNull();

        String localTime = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withHour(9).withMinute(30)
                .truncatedTo(ChronoUnit.MINUTES).toLocalDateTime().toString();
        drive.complete(brand.strategist(), drive.task(d.briefId(), d.contentId(), "schedule-post"),
                Map.of("publishAt", localTime, "timeZone", "America/New_York"));

        drive.historyOf(scheduling)
                .hasPassedInOrder("schedule-post", "Gateway_Scheduled", "Event_Scheduled")
                .endedAt("Event_Scheduled");
        ContentView scheduled = drive.content(d.contentId());
        assertThat(scheduled.status()).isEqualTo(ContentStatus.SCHEDULED);
        assertThat(scheduled.schedule().timeZone()).isEqualTo("America/New_York");
        assertThat(scheduled.schedule().publishAt().toLocalDateTime().toString()).isEqualTo(localTime);
        assertThat(scheduled.schedule().publishAt().getOffset())
                .isIn(ZoneOffset.ofHours(-5), ZoneOffset.ofHours(-4));
        drive.historyOf(drive.calledInstance(d.briefId(), d.contentId(), "publication"))
                .hasPassedInOrder("Activity_PreparePublications", "Gateway_TimeOrReschedule");
    }

    @Test
    void aPlannedTimeThatHasPassedGoesToTheStrategist() {
        TestBrand brand = drive.newBrand("linkedin");
        Instant start = clockAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        OffsetDateTime now = start.atOffset(ZoneOffset.UTC);
        OffsetDateTime planned = now.plusHours(1);
        CreateBrief.Deliverable soon = new CreateBrief.Deliverable(List.of("linkedin"), now.minusHours(1),
                now.plusDays(10), planned, brand.creative());
        var brief = drive.submitBrief(brand.strategist(), brand.id(), "standard", soon);
        String contentId = ProcessDriver.onlyContentId(brief);
        drive.compliantDraft(brand.creative(), brief.id(), contentId, "linkedin");
        clockAt(start.plus(Duration.ofHours(2)));

        drive.decide(brand.strategist(), brief.id(), contentId, "review-content", "APPROVE");

        drive.historyOf(drive.calledInstance(brief.id(), contentId, "scheduling"))
                .hasPassedInOrder("Activity_TakePlannedTime", "Gateway_PlannedTimeUsable", "schedule-post")
                .isWaitingAt("schedule-post");
        assertThat(drive.content(contentId).status()).isEqualTo(ContentStatus.APPROVED);
        assertThat(drive.content(contentId).schedule()).isNull();
    }

    @Test
    void aPublishTimeThatCannotBeUsedLeavesTheTaskOpen() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        var task = drive.task(d.briefId(), d.contentId(), "schedule-post");
        ContentView before = drive.content(d.contentId());

        assertRefused(brand, task, Map.of("publishAt", Instant.now().minusSeconds(60).toString()), "publishAt");
        assertRefused(brand, task, Map.of("publishAt", OffsetDateTime.now().plusDays(30).toString()), "publishAt");
        assertRefused(brand, task, Map.of("publishAt", "2030-01-01T09:00", "timeZone", "Mars/Olympus"), "timeZone");
        assertRefused(brand, task, Map.of("publishAt", "next tuesday"), "publishAt");

        drive.historyOf(drive.calledInstance(d.briefId(), d.contentId(), "scheduling")).isWaitingAt("schedule-post");
        ContentView after = drive.content(d.contentId());
        assertThat(after.status()).isEqualTo(ContentStatus.APPROVED);
        assertThat(after.schedule()).isNull();
        assertThat(after).isEqualTo(before);
    }

    // ---- the window closes before anyone scheduled the post -----------------------------------------

    @Test
    void aWindowThatClosesUnscheduledExpiresTheDeliverableAndTheStrategistExtendsIt() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        var scheduling = expired(d);

        Instant newEnd = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(5));
        drive.complete(brand.strategist(), scheduling.task("extend-window"),
                Map.of("action", "EXTEND", "publishBefore", newEnd.atOffset(ZoneOffset.UTC).toString()));

        scheduling.hasPassedInOrder("extend-window", "Gateway_ExtendOrCancel", "Gateway_AwaitSchedule", "schedule-post")
                .isWaitingAt("schedule-post");
        ContentView extended = drive.content(d.contentId());
        assertThat(extended.status()).isEqualTo(ContentStatus.APPROVED);
        assertThat(extended.publishBefore()).isEqualTo(newEnd);
        assertThat(scheduling.job("Event_WindowClosed").getDuedate().toInstant()).as("the timer follows the new end")
                .isEqualTo(newEnd);

        Instant publishAt = newEnd.minus(Duration.ofDays(1));
        drive.complete(brand.strategist(), scheduling.task("schedule-post"),
                Map.of("publishAt", publishAt.atOffset(ZoneOffset.UTC).toString()));
        scheduling.endedAt("Event_Scheduled");
        assertThat(drive.content(d.contentId()).status()).isEqualTo(ContentStatus.SCHEDULED);
    }

    @Test
    void aLateScheduleAndALateExtensionAreRemindedThenEscalated() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        var schedulePost = drive.task(d.briefId(), d.contentId(), "schedule-post");
        sla.remindedThenEscalated(schedulePost, Duration.ofDays(1), "brand-manager");

        var scheduling = expired(d);
        sla.timersCancelled(schedulePost);
        var extendWindow = scheduling.task("extend-window");
        assertThat(new Outboxed(context).subjects("WINDOW_EXPIRED", brand.strategist(), extendWindow.getId()))
                .as("the strategist is told the window closed, instead of a plain new-task mail")
                .singleElement().asString().contains("the publish window closed");
        assertThat(new Outboxed(context).subjects("TASK_AVAILABLE", brand.strategist(), extendWindow.getId())).isEmpty();
        sla.remindedThenEscalated(extendWindow, Duration.ofHours(2), "brand-manager");

        drive.complete(brand.strategist(), extendWindow, Map.of("action", "CANCEL"));
        sla.timersCancelled(extendWindow);
    }

    @Test
    void anExpiredDeliverableCanBeCancelled() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        var scheduling = expired(d);

        drive.complete(brand.strategist(), scheduling.task("extend-window"), Map.of("action", "CANCEL"));

        scheduling.hasPassedInOrder("extend-window", "Gateway_ExtendOrCancel", "Event_DeliverableWithdrawn");
        drive.historyOf(drive.briefInstance(d.briefId()))
                .hasPassedInOrder("Activity_Schedule", "Event_CancelledInScheduling", "Gateway_Cancel",
                        "Activity_CancelDeliverable", "Event_DeliverableCancelled")
                .hasNotPassed("Activity_Publish")
                .endedAt("Event_BriefCompleted");
        assertThat(drive.content(d.contentId()).status()).isEqualTo(ContentStatus.CANCELLED);
    }

    @Test
    void extendingTheWindowNeedsANewEndInTheFuture() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        var scheduling = expired(d);
        var task = scheduling.task("extend-window");

        assertRefused(brand, task, Map.of("action", "EXTEND"), "publishBefore");
        assertRefused(brand, task, Map.of("action", "EXTEND",
                "publishBefore", Instant.now().minus(Duration.ofDays(400)).atOffset(ZoneOffset.UTC).toString()), "publishBefore");
        assertRefused(brand, task, Map.of("action", "EXTEND", "publishBefore", "soon"), "publishBefore");

        scheduling.isWaitingAt("extend-window");
        assertThat(drive.content(d.contentId()).status()).isEqualTo(ContentStatus.EXPIRED);
    }

    /** The window's end passes while schedule-post is open: the timer fires and the deliverable is EXPIRED. */
    private io.clearpost.support.ProcessHistory expired(Deliverable d) {
        var scheduling = drive.historyOf(drive.calledInstance(d.briefId(), d.contentId(), "scheduling"))
                .isWaitingAt("schedule-post");
        var timer = scheduling.job("Event_WindowClosed");
        Instant publishBefore = drive.content(d.contentId()).publishBefore();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(publishBefore);

        clockAt(publishBefore.plusSeconds(1));
        scheduling.execute(timer);

        scheduling.hasPassedInOrder("schedule-post", "Event_WindowClosed", "Activity_ExpireDeliverable", "extend-window")
                .isWaitingAt("extend-window");
        assertThat(drive.content(d.contentId()).status()).isEqualTo(ContentStatus.EXPIRED);
        assertThat(drive.openTasks(d.briefId(), d.contentId(), "schedule-post")).isEmpty();
        return scheduling;
    }

    private void assertRefused(TestBrand brand, org.operaton.bpm.engine.task.Task task, Map<String, Object> values,
                               String field) {
        assertThatThrownBy(() -> drive.complete(brand.strategist(), task, values))
                .as("schedule-post with %s", values)
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).contains(field);
                });
    }
}
