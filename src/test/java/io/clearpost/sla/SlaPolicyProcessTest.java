package io.clearpost.sla;

import io.clearpost.brief.BriefView;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessTest;
import io.clearpost.task.SlaState;
import io.clearpost.task.TaskView;
import io.clearpost.task.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import static io.clearpost.support.ProcessDriver.deliverable;
import static io.clearpost.support.ProcessDriver.onlyContentId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sla-policy.dmn on the running models: every user task gets its due date and at-risk point
 * (follow-up date) when it is created, and the task list reports it ON_TRACK, AT_RISK, BREACHED
 * as the engine clock moves. The models are driven synchronously by their users; none of this needs a job.
 */
@ProcessTest
class SlaPolicyProcessTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Tasks tasks;

    ProcessDriver drive;
    Instant start;

    @BeforeEach
    void stopTheClock() {
        drive = new ProcessDriver(context);
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clockAt(start);
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void briefAndCreationTasksGetTheirSlaWhenCreated() {
        BriefView brief = drive.submitBrief("sam", "nova-foods", "standard", deliverable(null, "instagram"));
        String contentId = onlyContentId(brief);
        Task approveBrief = drive.task(brief.id(), null, "approve-brief");
        assertSla(approveBrief, start, "P2D", "P1D");

        Instant signedOff = clockAt(start.plus(Duration.ofHours(1)));
        drive.signOffBrief("nina", brief.id(), "APPROVE");
        Task assignCreative = drive.task(brief.id(), contentId, "assign-creative");
        assertSla(assignCreative, signedOff, "PT8H", "PT4H");

        Instant assigned = clockAt(start.plus(Duration.ofHours(2)));
        drive.complete("sam", assignCreative, Map.of("creative", "felix"));
        Task createContent = drive.task(brief.id(), contentId, "create-content");
        assertSla(createContent, assigned, "P3D", "P2D");

        Instant drafted = clockAt(start.plus(Duration.ofHours(3)));
        drive.compliantDraft("felix", brief.id(), contentId, "instagram");
        Task reviewContent = drive.task(brief.id(), contentId, "review-content");
        assertSla(reviewContent, drafted, "P1D", "PT12H");

        Instant reviewed = clockAt(start.plus(Duration.ofHours(4)));
        drive.decide("sam", brief.id(), contentId, "review-content", "APPROVE");
        assertSla(drive.task(brief.id(), contentId, "client-approval"), reviewed, "P2D", "P1D");
    }

    @Test
    void legalAndComplianceReviewsGetTheirSlaWhenCreated() {
        BriefView brief = drive.submitBrief("sam", "acme-bank", "financial-promotion", deliverable("cleo", "linkedin"));
        String contentId = onlyContentId(brief);
        drive.compliantDraft("cleo", brief.id(), contentId, "linkedin");

        Instant routed = clockAt(start.plus(Duration.ofMinutes(30)));
        drive.decide("sam", brief.id(), contentId, "review-content", "APPROVE");

        assertSla(drive.task(brief.id(), contentId, "legal-review"), routed, "P2D", "P1D");
        assertSla(drive.task(brief.id(), contentId, "compliance-review"), routed, "P2D", "P1D");
    }

    @Test
    void legalReviewIsOnTrackThenAtRiskThenBreached() {
        Task legalReview = legalReviewCreatedAtStart();

        clockAt(start.plus(Duration.ofHours(12)));
        assertReported(legalReview, SlaState.ON_TRACK);

        clockAt(start.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
        assertReported(legalReview, SlaState.AT_RISK);

        clockAt(start.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));
        assertReported(legalReview, SlaState.BREACHED);
    }

    @Test
    void aTaskIsLateOnlyAfterItsSlaPoints() {
        Task legalReview = legalReviewCreatedAtStart();

        clockAt(start.plus(Duration.ofDays(1)));
        assertReported(legalReview, SlaState.ON_TRACK);

        clockAt(start.plus(Duration.ofDays(2)));
        assertReported(legalReview, SlaState.AT_RISK);
    }

    private Task legalReviewCreatedAtStart() {
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard", deliverable("cleo", "x"));
        String contentId = onlyContentId(brief);
        drive.createdAndReviewed("cleo", brief.id(), contentId, "x");
        Task legalReview = drive.task(brief.id(), contentId, "legal-review");
        assertSla(legalReview, start, "P2D", "P1D");
        return legalReview;
    }

    /** Due date and at-risk point (follow-up date) as sla-policy.dmn sets them for the task's key. */
    private static void assertSla(Task task, Instant created, String dueIn, String atRiskAfter) {
        assertThat(task.getCreateTime()).as("%s created", task.getTaskDefinitionKey()).isEqualTo(Date.from(created));
        assertThat(task.getDueDate()).as("%s due", task.getTaskDefinitionKey())
                .isEqualTo(Date.from(created.plus(Duration.parse(dueIn))));
        assertThat(task.getFollowUpDate()).as("%s at risk", task.getTaskDefinitionKey())
                .isEqualTo(Date.from(created.plus(Duration.parse(atRiskAfter))));
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
