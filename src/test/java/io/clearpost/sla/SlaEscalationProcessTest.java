package io.clearpost.sla;

import io.clearpost.brief.BriefView;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessTest;
import io.clearpost.support.SlaTimerChecks;
import io.clearpost.support.TimeRange;
import io.clearpost.support.Outboxed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static io.clearpost.support.ProcessDriver.clockAt;
import static io.clearpost.support.ProcessDriver.deliverable;
import static io.clearpost.support.ProcessDriver.onlyContentId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLA boundary timers of the brief, creation and legal-validation models, task by task: at the at-risk
 * point sla-policy.dmn gives, the assignee is reminded; when due, the task is escalated to the roles the policy
 * names, and again at its reminder interval; the task keeps its assignee; completing it cancels its timers.
 * (schedule-post and extend-window: SchedulingProcessTest; confirm-held-post and resolve-publication:
 * PublicationProcessTest.) The engine clock is moved and every timer job run by the test itself.
 */
@ProcessTest
@RecordApplicationEvents
class SlaEscalationProcessTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration DAILY = Duration.ofDays(1);

    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEvents events;

    @Autowired
    SlaReport report;

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
    void everyTaskOfABriefSignedOffByTheClientIsRemindedThenEscalated() {
        // Monday 7 December 2026, 10:00 in New York: nova-foods' working day
        clockAt(ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, NEW_YORK).toInstant());
        BriefView brief = drive.submitBrief("sam", "nova-foods", "standard", deliverable(null, "instagram"));
        String contentId = onlyContentId(brief);

        Task approveBrief = drive.task(brief.id(), null, "approve-brief");
        sla.remindedThenEscalated(approveBrief, DAILY, "strategist");
        drive.complete("nina", approveBrief, Map.of("decision", "REQUEST_CHANGES", "comment", "Say it is vegan"));
        sla.timersCancelled(approveBrief);

        Task reviseBrief = drive.task(brief.id(), null, "revise-brief");
        sla.remindedThenEscalated(reviseBrief, DAILY, "brand-manager");
        BriefView current = drive.brief(brief.id());
        drive.complete("sam", reviseBrief, Map.of("title", current.title() + " (vegan)", "objective", "Bookings",
                "audience", "Vegans", "keyMessages", List.of("100% plant-based"), "mandatoryMentions", List.of(),
                "category", "standard"));
        sla.timersCancelled(reviseBrief);

        drive.signOffBrief("nina", brief.id(), "APPROVE");
        Task assignCreative = drive.task(brief.id(), contentId, "assign-creative");
        sla.remindedThenEscalated(assignCreative, DAILY, "brand-manager");
        drive.complete("sam", assignCreative, Map.of("creative", "felix"));
        sla.timersCancelled(assignCreative);

        Task createContent = drive.task(brief.id(), contentId, "create-content");
        assertThat(createContent.getAssignee()).isEqualTo("felix");
        sla.remindedThenEscalated(createContent, DAILY, "strategist");
        drive.compliantDraft("felix", brief.id(), contentId, "instagram");
        sla.timersCancelled(createContent);

        Task reviewContent = drive.task(brief.id(), contentId, "review-content");
        sla.remindedThenEscalated(reviewContent, DAILY, "brand-manager");
        drive.decide("sam", brief.id(), contentId, "review-content", "APPROVE");
        sla.timersCancelled(reviewContent);

        Task clientApproval = drive.task(brief.id(), contentId, "client-approval");
        sla.remindedThenEscalated(clientApproval, DAILY, "strategist");
        drive.decide("nina", brief.id(), contentId, "client-approval", "APPROVE");
        sla.timersCancelled(clientApproval);
    }

    @Test
    void legalAndComplianceReviewsOfARegulatedBrandGoToTheBrandManagerAndTheStrategist() {
        // Monday 7 December 2026, 11:17 in Paris: acme-bank's working day (a time no other test's tasks share)
        clockAt(ZonedDateTime.of(2026, 12, 7, 11, 17, 0, 0, ZoneId.of("Europe/Paris")).toInstant());
        BriefView brief = drive.submitBrief("sam", "acme-bank", "financial-promotion", deliverable("cleo", "linkedin"));
        String contentId = onlyContentId(brief);
        drive.createdAndReviewed("cleo", brief.id(), contentId, "linkedin");

        Task legalReview = drive.task(brief.id(), contentId, "legal-review");
        Task complianceReview = drive.task(brief.id(), contentId, "compliance-review");
        Instant routed = legalReview.getCreateTime().toInstant();
        sla.remindedThenEscalated(legalReview, DAILY, "brand-manager", "strategist");
        sla.remindedThenEscalated(complianceReview, DAILY, "brand-manager", "strategist");
        assertThat(complianceReview.getCreateTime().toInstant()).isEqualTo(routed);

        SlaReport.KeyReport reported = report.report(drive.user("root"), "acme-bank",
                        new TimeRange(routed.atOffset(ZoneOffset.UTC), routed.plusSeconds(1).atOffset(ZoneOffset.UTC)))
                .tasks().stream().filter(k -> k.key().equals("legal-review")).findFirst().orElseThrow();
        assertThat(reported.escalatedTasks()).as("legal reviews escalated").isEqualTo(1);
        assertThat(reported.escalations()).as("escalations of legal reviews: when due and a day later").isEqualTo(2);

        drive.decide("lea", brief.id(), contentId, "legal-review", "APPROVE");
        sla.timersCancelled(legalReview);
        assertThat(sla.timer(complianceReview, "Late")).as("the other review's timers stay").isNotNull();
        drive.decide("cora", brief.id(), contentId, "compliance-review", "APPROVE");
        sla.timersCancelled(complianceReview);
        var outbox = new Outboxed(context);
        String title = drive.brief(brief.id()).title();
        assertThat(outbox.subjects("CONTENT_APPROVED", "cleo", title)).as("the creative hears of the approval").hasSize(1);
        assertThat(outbox.subjects("CONTENT_APPROVED", "sam", title)).as("so does the strategist").hasSize(1);
    }
}
