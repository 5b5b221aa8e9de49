package io.clearpost.brief;

import io.clearpost.support.Conflict;
import io.clearpost.content.ContentStatus;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessHistory;
import io.clearpost.support.ProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.task.Task;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.clearpost.support.ProcessDriver.clockAt;
import static io.clearpost.support.ProcessDriver.deliverable;
import static io.clearpost.support.ProcessDriver.deliverableOpenNow;
import static io.clearpost.support.ProcessDriver.onlyContentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every path of processes/brief.bpmn, started as POST /api/briefs starts it and driven through the
 * application as its users would. Each call activity is asserted to start its model with the variables
 * brief.bpmn passes in; the called models then run for real (their own paths are their own tests'),
 * the publication by jobs the test runs itself, with the engine clock moved to the publish time.
 */
@ProcessTest
class BriefProcessTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    BriefRepository briefs;

    @Autowired
    RuntimeService runtime;

    @Autowired
    JdbcTemplate jdbc;

    ProcessDriver drive;

    @BeforeEach
    void driver() {
        drive = new ProcessDriver(context);
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void briefWithoutClientSignOffGoesStraightToCreation() {
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard", deliverable("cleo", "linkedin"));
        String contentId = onlyContentId(brief);

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("Event_BriefSubmitted", "Activity_DecideBriefSignOff", "Gateway_BriefSignOffNeeded",
                        "Gateway_BriefReady", "Activity_DeliverContent", "Activity_CreateContent")
                .hasNotPassed("approve-brief")
                .isWaitingAt("Activity_CreateContent");
        assertCalledWith(brief.id(), contentId, "creation",
                Map.of("brand", "acme-bank", "briefId", brief.id(), "contentId", contentId, "creative", "cleo"));
        assertThat(drive.task(brief.id(), contentId, "create-content").getAssignee()).isEqualTo("cleo");
        assertThat(drive.brief(brief.id()).status()).isEqualTo(BriefStatus.IN_PROGRESS);
    }

    @Test
    void clientApprovingTheBriefStartsCreation() {
        BriefView brief = drive.submitBrief("sam", "nova-foods", "standard", deliverable("felix", "instagram"));
        String contentId = onlyContentId(brief);
        drive.historyOf(drive.briefInstance(brief.id())).isWaitingAt("approve-brief");
        assertThat(drive.openTasks(brief.id(), contentId, "create-content")).isEmpty();

        drive.signOffBrief("nina", brief.id(), "APPROVE");

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("Gateway_BriefSignOffNeeded", "approve-brief", "Gateway_BriefApproved",
                        "Gateway_BriefReady", "Activity_CreateContent")
                .hasNotPassed("Activity_DeclineBrief")
                .isWaitingAt("Activity_CreateContent");
        assertThat(drive.task(brief.id(), contentId, "create-content").getAssignee()).isEqualTo("felix");
    }

    @Test
    void clientRequestingChangesSendsTheBriefBackToTheStrategistAndSignsOffTheRevision() {
        BriefView brief = drive.submitBrief("sam", "nova-foods", "standard", deliverable("felix", "instagram"));
        String contentId = onlyContentId(brief);

        drive.complete("nina", drive.task(brief.id(), null, "approve-brief"),
                Map.of("decision", "REQUEST_CHANGES", "comment", "Say it is vegan"));

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("approve-brief", "Gateway_BriefApproved", "revise-brief")
                .hasNotPassed("Activity_DeclineBrief", "Activity_DeliverContent")
                .isWaitingAt("revise-brief");
        Task revise = drive.task(brief.id(), null, "revise-brief");
        assertThat(drive.brief(brief.id()).status()).isEqualTo(BriefStatus.CHANGES_REQUESTED);
        assertThat(stored(brief.id()).changesRequested()).isEqualTo("Say it is vegan");
        assertThat(drive.openTasks(brief.id(), contentId, "create-content")).isEmpty();

        drive.complete("sam", revise, Map.of("title", "Vegan spring menu", "objective", "Bookings",
                "audience", "Vegans", "keyMessages", List.of(Map.of("text", "100% plant-based")),
                "mandatoryMentions", List.of(), "category", "sponsored"));

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("approve-brief", "revise-brief", "Gateway_SignOffRequested", "approve-brief")
                .isWaitingAt("approve-brief");
        Brief revised = stored(brief.id());
        assertThat(revised.status()).isEqualTo(BriefStatus.IN_PROGRESS);
        assertThat(revised.title()).isEqualTo("Vegan spring menu");
        assertThat(revised.keyMessages()).containsExactly("100% plant-based");
        assertThat(revised.category()).isEqualTo("sponsored");
        assertThat(revised.revisedBy()).isEqualTo("sam");
        assertThat(runtime.getVariable(drive.briefInstance(brief.id()), "category")).isEqualTo("sponsored");

        drive.signOffBrief("nina", brief.id(), "APPROVE");

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("approve-brief", "revise-brief", "approve-brief", "Gateway_BriefApproved",
                        "Gateway_BriefReady", "Activity_CreateContent")
                .hasNotPassed("Activity_DeclineBrief")
                .isWaitingAt("Activity_CreateContent");
        assertThat(drive.task(brief.id(), contentId, "create-content").getAssignee()).isEqualTo("felix");
    }

    @Test
    void aRevisionIsAuditedAsBriefRevisedWithWhatChanged() {
        BriefView brief = drive.submitBrief("sam", "nova-foods", "standard", deliverable("felix", "tiktok"));
        drive.complete("nina", drive.task(brief.id(), null, "approve-brief"),
                Map.of("decision", "REQUEST_CHANGES", "comment", "Shorter title"));

        Brief before = stored(brief.id());
        drive.complete("sam", drive.task(brief.id(), null, "revise-brief"), revision(before, "Spring", before.audience()));

        assertThat(auditTypes(brief.id())).containsSubsequence("BRIEF_CREATED", "BRIEF_SIGNED_OFF", "BRIEF_REVISED");
        assertThat(jdbc.queryForObject("SELECT payload FROM audit_event WHERE brief_id = ? AND type = 'BRIEF_REVISED'",
                String.class, brief.id())).contains("\"title\":\"Spring\"", "Shorter title").doesNotContain("objective");
        assertThat(stored(brief.id()).title()).isEqualTo("Spring");
        assertThatThrownBy(() -> drive.complete("sam", drive.task(brief.id(), null, "revise-brief"), Map.of()))
                .as("revised once, the task is gone").isInstanceOf(AssertionError.class);
    }

    @Test
    void theStrategistWhoRevisedCannotSignOffTheRevision() {
        String mia = drive.newUser("mia", "nova-foods:strategist", "nova-foods:brand-manager");
        BriefView brief = drive.submitBrief("sam", "nova-foods", "standard", deliverable("felix", "instagram"));
        drive.complete("nina", drive.task(brief.id(), null, "approve-brief"),
                Map.of("decision", "REQUEST_CHANGES", "comment", "Warmer tone"));
        Brief before = stored(brief.id());
        drive.complete(mia, drive.task(brief.id(), null, "revise-brief"), revision(before, before.title(), "Families"));

        assertThatThrownBy(() -> drive.signOffBrief(mia, brief.id(), "APPROVE"))
                .isInstanceOf(Conflict.class).hasMessageContaining("revised this brief");

        drive.historyOf(drive.briefInstance(brief.id())).isWaitingAt("approve-brief");
        drive.signOffBrief("nina", brief.id(), "APPROVE");
        drive.historyOf(drive.briefInstance(brief.id())).isWaitingAt("Activity_CreateContent");
    }

    @Test
    void aBriefWithoutRequestedChangesCannotBeRevised() {
        Brief brief = stored(drive.submitBrief("sam", "nova-foods", "standard", deliverable("felix", "instagram")).id());

        assertThatThrownBy(() -> brief.revise("sam", new Brief.Revision("New", null, null, null, null, null)))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void clientRejectingDeclinesTheBrief() {
        assertClientDeclines("REJECT");
    }

    /** The revise-brief form's values: the brief's fields, with a new title and audience. */
    private static Map<String, Object> revision(Brief brief, String title, String audience) {
        return Map.of("title", title, "objective", brief.objective(), "audience", audience,
                "keyMessages", brief.keyMessages().stream().map(t -> Map.of("text", t)).toList(),
                "mandatoryMentions", brief.mandatoryMentions().stream().map(t -> Map.of("text", t)).toList(),
                "category", brief.category());
    }

    private Brief stored(String briefId) {
        return briefs.findById(briefId).orElseThrow();
    }

    private List<String> auditTypes(String briefId) {
        return jdbc.queryForList("SELECT type FROM audit_event WHERE brief_id = ? ORDER BY seq", String.class, briefId);
    }

    private void assertClientDeclines(String decision) {
        BriefView brief = drive.submitBrief("sam", "nova-foods", "standard",
                deliverable("felix", "instagram"), deliverable(null, "tiktok"));

        drive.signOffBrief("nina", brief.id(), decision);

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("approve-brief", "Gateway_BriefApproved", "Activity_DeclineBrief", "Event_BriefDeclined")
                .hasNotPassed("Activity_DeliverContent", "Activity_CompleteBrief", "revise-brief")
                .endedAt("Event_BriefDeclined");
        BriefView declined = drive.brief(brief.id());
        assertThat(declined.status()).isEqualTo(BriefStatus.DECLINED);
        assertThat(declined.deliverables()).extracting(BriefView.DeliverableView::status)
                .containsExactly(ContentStatus.CANCELLED, ContentStatus.CANCELLED);
    }

    @Test
    void briefAuthorCannotSignItOff() {
        BriefView brief = drive.submitBrief("nina", "nova-foods", "standard", deliverable("felix", "instagram"));

        assertThatThrownBy(() -> drive.signOffBrief("nina", brief.id(), "APPROVE"))
                .isInstanceOf(Conflict.class);

        drive.historyOf(drive.briefInstance(brief.id())).isWaitingAt("approve-brief");
        assertThat(drive.brief(brief.id()).status()).isEqualTo(BriefStatus.IN_PROGRESS);
    }

    @Test
    void deliverableWithCreativeSkipsAssignCreative() {
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard", deliverable("cleo", "x"));
        String contentId = onlyContentId(brief);

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("Event_DeliverableStarted", "Gateway_CreativeAssigned", "Gateway_ReadyForCreation",
                        "Activity_CreateContent")
                .hasNotPassed("assign-creative");
        assertThat(drive.task(brief.id(), contentId, "create-content").getAssignee()).isEqualTo("cleo");
    }

    @Test
    void deliverableWithoutCreativeIsAssignedByTheStrategist() {
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard", deliverable(null, "linkedin"));
        String contentId = onlyContentId(brief);
        drive.historyOf(drive.briefInstance(brief.id())).isWaitingAt("assign-creative");
        assertThat(drive.openTasks(brief.id(), contentId, "create-content")).isEmpty();

        drive.complete("sam", drive.task(brief.id(), contentId, "assign-creative"), Map.of("creative", "cleo"));

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("Gateway_CreativeAssigned", "assign-creative", "Gateway_ReadyForCreation",
                        "Activity_CreateContent")
                .isWaitingAt("Activity_CreateContent");
        assertThat(drive.task(brief.id(), contentId, "create-content").getAssignee()).isEqualTo("cleo");
        assertThat(drive.content(contentId).creative()).isEqualTo("cleo");
    }

    @Test
    void eachDeliverableWithoutCreativeGetsTheCreativeAssignedToIt() {
        String ines = drive.newUser("ines", "acme-bank:creative");
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard",
                deliverable(null, "linkedin"), deliverable(null, "x"));
        String first = brief.deliverables().get(0).contentId();
        String second = brief.deliverables().get(1).contentId();
        drive.historyOf(drive.briefInstance(brief.id())).isWaitingAt("assign-creative", "assign-creative");

        drive.complete("sam", drive.task(brief.id(), first, "assign-creative"), Map.of("creative", "cleo"));
        drive.complete("sam", drive.task(brief.id(), second, "assign-creative"), Map.of("creative", ines));

        assertThat(drive.task(brief.id(), first, "create-content").getAssignee()).isEqualTo("cleo");
        assertThat(drive.task(brief.id(), second, "create-content").getAssignee()).isEqualTo(ines);
        assertThat(drive.brief(brief.id()).deliverables()).extracting(BriefView.DeliverableView::creative)
                .containsExactly("cleo", ines);
    }

    @Test
    void deliverablesRunInParallelAndTheBriefClosesWhenAllHaveEnded() {
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard",
                deliverableOpenNow("cleo", "linkedin"), deliverableOpenNow("cleo", "x"));
        String first = brief.deliverables().get(0).contentId();
        String second = brief.deliverables().get(1).contentId();
        String briefInstance = drive.briefInstance(brief.id());
        assertThat(drive.openTasks(brief.id(), first, "create-content")).hasSize(1);
        assertThat(drive.openTasks(brief.id(), second, "create-content")).hasSize(1);

        drive.createdAndReviewed("cleo", brief.id(), first, "linkedin");
        assertCalledWith(brief.id(), first, "legal-validation", Map.of("brand", "acme-bank", "briefId", brief.id(),
                "contentId", first, "category", "standard", "regulated", true, "clientSignOff", false));
        drive.decide("lea", brief.id(), first, "legal-review", "APPROVE");

        drive.historyOf(briefInstance)
                .hasPassedInOrder("Activity_ValidateLegally", "Activity_MarkApproved", "Activity_Schedule")
                .hasNotPassed("Activity_CompleteBrief")
                .isWaitingAt("Activity_Schedule", "Activity_CreateContent");
        assertCalledWith(brief.id(), first, "scheduling",
                Map.of("brand", "acme-bank", "briefId", brief.id(), "contentId", first));
        assertThat(drive.content(first).status()).isEqualTo(ContentStatus.APPROVED);
        assertThat(drive.brief(brief.id()).status()).isEqualTo(BriefStatus.IN_PROGRESS);

        Instant publishAt = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1));
        drive.complete("sam", drive.task(brief.id(), first, "schedule-post"),
                Map.of("publishAt", publishAt.atOffset(ZoneOffset.UTC).toString()));
        assertCalledWith(brief.id(), first, "publication",
                Map.of("brand", "acme-bank", "briefId", brief.id(), "contentId", first));
        ProcessHistory publication = drive.historyOf(drive.calledInstance(brief.id(), first, "publication"));
        clockAt(publishAt);
        publication.execute(publication.job("Event_PublishTimeReached"));
        publication.execute(publication.job("Activity_PublishPost"));

        assertThat(drive.content(first).status()).isEqualTo(ContentStatus.PUBLISHED);
        drive.historyOf(briefInstance)
                .hasPassedInOrder("Activity_MarkApproved", "Activity_Schedule", "Activity_Publish",
                        "Event_DeliverablePublished")
                .hasNotPassed("Activity_CompleteBrief")
                .isWaitingAt("Activity_CreateContent");

        drive.createdAndReviewed("cleo", brief.id(), second, "x");
        drive.decide("lea", brief.id(), second, "legal-review", "REJECT");

        drive.historyOf(briefInstance)
                .hasPassedInOrder("Activity_DeliverContent", "Activity_CompleteBrief", "Event_BriefCompleted")
                .endedAt("Event_BriefCompleted");
        BriefView completed = drive.brief(brief.id());
        assertThat(completed.status()).isEqualTo(BriefStatus.COMPLETED);
        assertThat(completed.deliverables()).extracting(BriefView.DeliverableView::status)
                .containsExactly(ContentStatus.PUBLISHED, ContentStatus.CANCELLED);
    }

    @Test
    void changesRequestedInValidationLoopBackToCreation() {
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard", deliverable("cleo", "linkedin"));
        String contentId = onlyContentId(brief);
        drive.createdAndReviewed("cleo", brief.id(), contentId, "linkedin");
        String firstHash = drive.currentHash(contentId);

        drive.decide("lea", brief.id(), contentId, "legal-review", "REQUEST_CHANGES");

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("Activity_CreateContent", "Activity_ValidateLegally", "Event_ChangesRequested",
                        "Gateway_ReadyForCreation", "Activity_CreateContent")
                .hasNotPassed("Activity_MarkApproved", "Activity_CancelDeliverable")
                .isWaitingAt("Activity_CreateContent");
        assertThat(drive.calledInstances(brief.id(), contentId, "creation")).hasSize(2);
        assertThat(drive.content(contentId).status()).isEqualTo(ContentStatus.IN_CREATION);
        assertThat(drive.task(brief.id(), contentId, "create-content").getAssignee()).isEqualTo("cleo");

        // the approval bound to the old bytes: only a new revision, reviewed again, goes forward
        drive.draft("cleo", brief.id(), contentId,
                Map.of("linkedin", "Open a savings account in five minutes. " + ProcessDriver.CAPITAL_AT_RISK));
        assertThat(drive.content(contentId).currentRevision().number()).isEqualTo(2);
        assertThat(drive.currentHash(contentId)).isNotEqualTo(firstHash);
        drive.decide("sam", brief.id(), contentId, "review-content", "APPROVE");
        drive.decide("lea", brief.id(), contentId, "legal-review", "APPROVE");

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("Event_ChangesRequested", "Activity_CreateContent", "Activity_ValidateLegally",
                        "Activity_MarkApproved", "Activity_Schedule")
                .isWaitingAt("Activity_Schedule");
        assertThat(drive.calledInstances(brief.id(), contentId, "legal-validation")).hasSize(2);
        assertThat(drive.content(contentId).status()).isEqualTo(ContentStatus.APPROVED);
    }

    @Test
    void rejectedInCreationCancelsTheDeliverable() {
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard", deliverable("cleo", "linkedin"));
        String contentId = onlyContentId(brief);
        drive.compliantDraft("cleo", brief.id(), contentId, "linkedin");

        drive.decide("sam", brief.id(), contentId, "review-content", "REJECT");

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("Activity_CreateContent", "Event_RejectedInCreation", "Gateway_Cancel",
                        "Activity_CancelDeliverable", "Event_DeliverableCancelled", "Activity_CompleteBrief")
                .hasNotPassed("Activity_ValidateLegally")
                .endedAt("Event_BriefCompleted");
        assertThat(drive.content(contentId).status()).isEqualTo(ContentStatus.CANCELLED);
        assertThat(drive.brief(brief.id()).status()).isEqualTo(BriefStatus.COMPLETED);
    }

    @Test
    void rejectedInValidationCancelsTheDeliverable() {
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard", deliverable("cleo", "linkedin"));
        String contentId = onlyContentId(brief);
        drive.createdAndReviewed("cleo", brief.id(), contentId, "linkedin");

        drive.decide("lea", brief.id(), contentId, "legal-review", "REJECT");

        drive.historyOf(drive.briefInstance(brief.id()))
                .hasPassedInOrder("Activity_ValidateLegally", "Event_RejectedInValidation", "Gateway_Cancel",
                        "Activity_CancelDeliverable", "Event_DeliverableCancelled")
                .hasNotPassed("Activity_MarkApproved", "Event_ChangesRequested")
                .endedAt("Event_BriefCompleted");
        assertThat(drive.content(contentId).status()).isEqualTo(ContentStatus.CANCELLED);
    }

    /** The deliverable's instance of the called model is running with (at least) these variables from the brief. */
    private void assertCalledWith(String briefId, String contentId, String processKey, Map<String, Object> variables) {
        String called = drive.calledInstance(briefId, contentId, processKey);
        assertThat(runtime.getVariables(called)).as("variables of %s", processKey).containsAllEntriesOf(variables);
    }
}
