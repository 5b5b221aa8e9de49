package io.clearpost.sla;

import io.clearpost.brief.BriefView;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessTest;
import io.clearpost.task.SlaState;
import io.clearpost.task.TaskView;
import io.clearpost.task.Tasks;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.WorkingHours;
import org.operaton.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;

import static io.clearpost.support.ProcessDriver.deliverable;
import static io.clearpost.support.ProcessDriver.onlyContentId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sla-policy.dmn on the running models: every user task gets its due date and at-risk point
 * (follow-up date) when it is created, counted in the working hours of the brand's calendar (acme-bank:
 * Paris and French public holidays; nova-foods: New York and US public holidays), and the task list reports it
 * ON_TRACK, AT_RISK, BREACHED as the engine clock moves. The models are driven synchronously by their users.
 */
@ProcessTest
class SlaPolicyProcessTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Tasks tasks;

    @Autowired
    BrandRepository brands;

    @Autowired
    TaskService engineTasks;

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    ProcessDriver drive;
    Instant start;

    @BeforeEach
    void stopTheClock() {
        drive = new ProcessDriver(context);
        // Monday 7 December 2026, 10:00 in Paris: a working hour of acme-bank
        start = clockAt(paris(2026, 12, 7, 10, 0));
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void briefAndCreationTasksGetTheirSlaInWorkingHoursWhenCreated() {
        // Monday 7 December 2026, 10:00 in New York: nova-foods' working day (Mon-Fri 09:00-18:00)
        clockAt(newYork(2026, 12, 7, 10, 0));
        BriefView brief = drive.submitBrief("sam", "nova-foods", "standard", deliverable(null, "instagram"));
        String contentId = onlyContentId(brief);
        // approve-brief: two working days (PT18H), at risk after one (PT9H)
        assertSla(drive.task(brief.id(), null, "approve-brief"), newYork(2026, 12, 7, 10, 0),
                newYork(2026, 12, 9, 10, 0), newYork(2026, 12, 8, 10, 0));

        clockAt(newYork(2026, 12, 7, 11, 0));
        drive.signOffBrief("nina", brief.id(), "APPROVE");
        Task assignCreative = drive.task(brief.id(), contentId, "assign-creative");
        // PT8H from 11:00 ends at 10:00 the next morning; at risk after PT4H at 15:00
        assertSla(assignCreative, newYork(2026, 12, 7, 11, 0), newYork(2026, 12, 8, 10, 0), newYork(2026, 12, 7, 15, 0));

        // Monday 17:00: three working days (PT27H) run to Thursday 17:00
        clockAt(newYork(2026, 12, 7, 17, 0));
        drive.complete("sam", assignCreative, Map.of("creative", "felix"));
        assertSla(drive.task(brief.id(), contentId, "create-content"), newYork(2026, 12, 7, 17, 0),
                newYork(2026, 12, 10, 17, 0), newYork(2026, 12, 9, 17, 0));

        // a draft submitted at night (23:30): the review's working day starts at 09:00
        clockAt(newYork(2026, 12, 7, 23, 30));
        drive.compliantDraft("felix", brief.id(), contentId, "instagram");
        assertSla(drive.task(brief.id(), contentId, "review-content"), newYork(2026, 12, 7, 23, 30),
                newYork(2026, 12, 8, 18, 0), newYork(2026, 12, 8, 14, 0));
    }

    @Test
    void aReviewStartedFridayAfternoonIsDueAfterTheWeekend() {
        // Friday 18 December 2026, 17:00 in Paris: one working hour left that week
        Task legalReview = legalReviewCreatedAt(paris(2026, 12, 18, 17, 0));
        // at risk after PT9H: Friday 17-18 and Monday 09-17; due after PT18H: Tuesday 17:00
        assertSla(legalReview, paris(2026, 12, 18, 17, 0), paris(2026, 12, 22, 17, 0), paris(2026, 12, 21, 17, 0));
    }

    @Test
    void aPublicHolidayIsNotAWorkingDayInParis() {
        // Thursday 24 December 2026, 17:00: Christmas (a French public holiday) and the weekend follow
        Task legalReview = legalReviewCreatedAt(paris(2026, 12, 24, 17, 0));
        assertSla(legalReview, paris(2026, 12, 24, 17, 0), paris(2026, 12, 29, 17, 0), paris(2026, 12, 28, 17, 0));
    }

    @Test
    void aPublicHolidayIsNotAWorkingDayInNewYork() {
        // Thursday 31 December 2026, 17:00 in New York: New Year's Day (a US public holiday) and the weekend follow
        clockAt(newYork(2026, 12, 31, 12, 0));
        BriefView brief = drive.submitBrief("sam", "nova-foods", "standard", deliverable("felix", "instagram"));
        String contentId = onlyContentId(brief);
        drive.signOffBrief("nina", brief.id(), "APPROVE");
        drive.compliantDraft("felix", brief.id(), contentId, "instagram");
        clockAt(newYork(2026, 12, 31, 17, 0));
        drive.decide("sam", brief.id(), contentId, "review-content", "APPROVE");

        // client-approval: PT18H due, PT9H at risk; 1 January 2027 is a Friday
        assertSla(drive.task(brief.id(), contentId, "client-approval"), newYork(2026, 12, 31, 17, 0),
                newYork(2027, 1, 5, 17, 0), newYork(2027, 1, 4, 17, 0));
    }

    @Test
    void aTaskCreatedAtNightStartsCountingAtTheNextWorkingHour() {
        // Tuesday 8 December 2026, 22:00 in Paris
        Task legalReview = legalReviewCreatedAt(paris(2026, 12, 8, 22, 0));
        assertSla(legalReview, paris(2026, 12, 8, 22, 0), paris(2026, 12, 10, 18, 0), paris(2026, 12, 9, 18, 0));
    }

    @Test
    void aChangedCalendarAppliesToTasksCreatedAfterwards() {
        ProcessDriver.TestBrand brand = drive.newBrand("linkedin");
        BriefView before = drive.submitBrief(brand.strategist(), brand.id(), "standard",
                deliverable(brand.creative(), "linkedin"));
        Task draftBefore = drive.task(before.id(), onlyContentId(before), "create-content");
        // Monday 10:00 + PT27H of Mon-Fri 09:00-18:00 (Paris, no holidays): Thursday 10:00
        assertSla(draftBefore, start, paris(2026, 12, 10, 10, 0), paris(2026, 12, 9, 10, 0));

        Brand stored = brands.findById(brand.id()).orElseThrow();
        stored.changeCalendar(WorkingHours.parse("MON-FRI 08:00-12:00"), "FR");
        brands.save(stored);
        BriefView after = drive.submitBrief(brand.strategist(), brand.id(), "standard",
                deliverable(brand.creative(), "linkedin"));

        // the same PT27H in four-hour mornings: Mon 10-12, then six mornings, then 1 hour on Wednesday next week
        assertSla(drive.task(after.id(), onlyContentId(after), "create-content"), start,
                paris(2026, 12, 16, 9, 0), paris(2026, 12, 11, 12, 0));
        assertThat(engineTasks.createTaskQuery().taskId(draftBefore.getId()).singleResult().getDueDate())
                .as("a task created before the change keeps its due date").isEqualTo(draftBefore.getDueDate());
    }

    @Test
    void legalReviewIsOnTrackThenAtRiskThenBreached() {
        Task legalReview = legalReviewCreatedAt(start);

        clockAt(paris(2026, 12, 7, 18, 0));
        assertReported(legalReview, SlaState.ON_TRACK);

        clockAt(paris(2026, 12, 8, 11, 0));
        assertReported(legalReview, SlaState.AT_RISK);

        clockAt(paris(2026, 12, 9, 11, 0));
        assertReported(legalReview, SlaState.BREACHED);
    }

    @Test
    void aTaskIsLateOnlyAfterItsSlaPoints() {
        Task legalReview = legalReviewCreatedAt(start);

        clockAt(paris(2026, 12, 8, 10, 0));
        assertReported(legalReview, SlaState.ON_TRACK);

        clockAt(paris(2026, 12, 9, 10, 0));
        assertReported(legalReview, SlaState.AT_RISK);
    }

    private Task legalReviewCreatedAt(Instant at) {
        clockAt(at);
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard", deliverable("cleo", "x"));
        String contentId = onlyContentId(brief);
        drive.createdAndReviewed("cleo", brief.id(), contentId, "x");
        return drive.task(brief.id(), contentId, "legal-review");
    }

    private static Instant paris(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, PARIS).toInstant();
    }

    private static Instant newYork(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, NEW_YORK).toInstant();
    }

    /** Due date and at-risk point (follow-up date) as sla-policy.dmn and the brand's calendar set them. */
    private static void assertSla(Task task, Instant created, Instant due, Instant atRisk) {
        assertThat(task.getCreateTime()).as("%s created", task.getTaskDefinitionKey()).isEqualTo(Date.from(created));
        assertThat(task.getDueDate()).as("%s due", task.getTaskDefinitionKey()).isEqualTo(Date.from(due));
        assertThat(task.getFollowUpDate()).as("%s at risk", task.getTaskDefinitionKey()).isEqualTo(Date.from(atRisk));
    }

    /** lea's task list shows the task with this SLA state, and only the filter for that state lists it. */
    private void assertReported(Task task, SlaState expected) {
        var lea = drive.user("lea");
        TaskView view = tasks.list(lea, filter(null)).tasks().stream()
                .filter(t -> t.id().equals(task.getId())).findFirst().orElseThrow();
        assertThat(view.sla()).as("sla at %s", ClockUtil.getCurrentTime().toInstant()).isEqualTo(expected);
        assertThat(tasks.get(lea, task.getId()).sla()).isEqualTo(expected);
        for (SlaState state : SlaState.values()) {
            var listed = assertThat(tasks.list(lea, filter(state)).tasks()).extracting(TaskView::id)
                    .as("tasks listed %s at %s", state, ClockUtil.getCurrentTime().toInstant());
            if (state == expected) {
                listed.contains(task.getId());
            } else {
                listed.doesNotContain(task.getId());
            }
        }
    }

    private static Tasks.Filter filter(SlaState sla) {
        return new Tasks.Filter("acme-bank", "legal-review", false, sla, 0, 1_000);
    }

    private static Instant clockAt(Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        return at;
    }
}
