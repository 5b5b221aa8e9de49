package io.clearpost.crisis;

import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.support.Conflict;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessDriver.Deliverable;
import io.clearpost.support.ProcessHistory;
import io.clearpost.support.ProcessTest;
import io.clearpost.support.SlaTimerChecks;
import io.clearpost.support.TestIdentities;
import io.clearpost.support.TestMedia;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.clearpost.support.ProcessDriver.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every path of processes/crisis-escalation.bpmn on the real engine and database, driven without a job executor:
 * each severity, the freeze from severity 2, legal approval only for regulated brands, the sign-off by the
 * communications role or else the brand manager, four-eyes and the hash binding, changes requested and rejected
 * (back to drafting), the statement published through publication.bpmn during the freeze while the brand's other
 * posts stay held, resolution (held posts to confirm-held-post), the post-mortem, re-triage up and down, and the
 * SLA timers of the crisis tasks.
 */
@ProcessTest
@RecordApplicationEvents
class CrisisEscalationProcessTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    Crises crises;
    @Autowired
    BrandRepository brands;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService engineTasks;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    ApplicationEvents events;

    ProcessDriver drive;
    SlaTimerChecks sla;

    @BeforeEach
    void driver() {
        drive = new ProcessDriver(context);
        sla = new SlaTimerChecks(context, events);
        clockAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    /** A brand of one test with its crisis cell: strategist, legal, brand manager and, if asked, communications. */
    record Cell(String brand, String strategist, String creative, String legal, String brandManager,
                String communications) {
        String signOff() {
            return communications != null ? communications : brandManager;
        }
    }

    private Cell cell(boolean regulated, boolean communications) {
        String id = "crisis-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> platforms = List.of("linkedin", "x");
        brands.save(Brand.create(id, "Crisis brand " + id, ZoneId.of("Europe/Paris"), regulated, false, platforms,
                List.of(), List.of()));
        TestIdentities.of(identity).ensureBrand(brands, id, platforms);
        return new Cell(id, drive.newUser("strategist", id + ":strategist"), drive.newUser("creative", id + ":creative"),
                drive.newUser("legal", id + ":legal"), drive.newUser("manager", id + ":brand-manager"),
                communications ? drive.newUser("comms", id + ":communications") : null);
    }

    private CrisisView declare(Cell cell, Long reach, boolean legalRisk, boolean safetyRisk, boolean press) {
        return crises.declare(drive.user(cell.strategist()), new DeclareCrisis(cell.brand(), "Outage angers customers",
                List.of(new DeclareCrisis.Signal("https://x.com/someone/status/1", "angry thread")), reach, null,
                legalRisk, safetyRisk, press, List.of("linkedin", "x")));
    }

    private ProcessHistory process(String crisisId) {
        return drive.historyOf(history.createHistoricProcessInstanceQuery().processDefinitionKey("crisis-escalation")
                .processInstanceBusinessKey(crisisId).singleResult().getId());
    }

    private Task task(String crisisId, String key) {
        return drive.task(crisisId, null, key);
    }

    private void triage(Cell cell, String crisisId, int severity) {
        drive.complete(cell.strategist(), task(crisisId, "triage-crisis"),
                Map.of("severity", severity, "comment", "Triaged at " + severity));
    }

    private void draft(String author, String crisisId, String text) {
        Map<String, Object> variants = new LinkedHashMap<>();
        variants.put("linkedin", Map.of("text", text));
        variants.put("x", Map.of("text", text));
        drive.complete(author, task(crisisId, "draft-holding-statement"), Map.of("variants", variants));
    }

    private void decide(String reviewer, String crisisId, String key, String decision) {
        String contentId = crises.find(crisisId).statementContentId();
        drive.decide(reviewer, crisisId, contentId, key, decision);
    }

    private boolean frozen(Cell cell) {
        return brands.findById(cell.brand()).orElseThrow().frozen();
    }

    /** Fires the statement's publish-time timers and runs its publishing jobs. */
    private ProcessHistory publishStatement(String crisisId) {
        ProcessHistory publication = drive.historyOf(history.createHistoricProcessInstanceQuery()
                .processDefinitionKey("publication").processInstanceBusinessKey(crisisId).singleResult().getId());
        for (Job timer : publication.jobs("Event_PublishTimeReached")) {
            clockAt(timer.getDuedate().toInstant());
            publication.execute(timer);
        }
        publication.jobs("Activity_PublishPost").forEach(publication::execute);
        return publication;
    }

    private void resolveAndClose(Cell cell, String crisisId) {
        drive.complete(cell.strategist(), task(crisisId, "resolve-crisis"), Map.of("summary", "Service restored"));
        drive.complete(cell.strategist(), task(crisisId, "post-mortem"), Map.of("whatHappened", "An outage",
                "whatWorked", "A fast statement", "actions", List.of("Status page", "On-call drill")));
    }

    /** A planned deliverable of the regulated brand, through its content review and its legal review. */
    private Deliverable legallyApproved(Cell cell) {
        var brief = drive.submitBrief(cell.strategist(), cell.brand(), "standard",
                ProcessDriver.deliverableOpenNow(cell.creative(), "linkedin"));
        String contentId = ProcessDriver.onlyContentId(brief);
        drive.compliantDraft(cell.creative(), brief.id(), contentId, "linkedin");
        drive.decide(cell.strategist(), brief.id(), contentId, "review-content", "APPROVE");
        drive.decide(cell.legal(), brief.id(), contentId, "legal-review", "APPROVE");
        return new Deliverable(new ProcessDriver.TestBrand(cell.brand(), cell.strategist(), cell.creative()), brief.id(),
                contentId);
    }

    // ---- severities --------------------------------------------------------------------------------------------

    @Test
    void severityOneNeitherFreezesNorNeedsAStatement() {
        Cell cell = cell(false, true);
        CrisisView crisis = declare(cell, 500L, false, false, false);
        assertThat(crisis.suggestedSeverity()).isEqualTo(1);
        triage(cell, crisis.id(), 1);
        process(crisis.id()).hasPassedInOrder("Event_CrisisDeclared", "Activity_SuggestSeverity", "triage-crisis",
                "Activity_DecideActions", "Gateway_FreezeNeeded", "Gateway_FreezeDone", "Gateway_StatementNeeded",
                "Gateway_StatementDone", "resolve-crisis").hasNotPassed("Activity_FreezeBrand", "Activity_PrepareStatement");
        assertThat(frozen(cell)).isFalse();

        resolveAndClose(cell, crisis.id());
        process(crisis.id()).hasNotPassed("Activity_LiftFreeze").endedAt("Event_CrisisClosed");
        CrisisView closed = crises.get(drive.user(cell.strategist()), crisis.id());
        assertThat(closed.status()).isEqualTo(CrisisStatus.CLOSED);
        assertThat(closed.statement()).isNull();
        assertThat(closed.postMortem()).isEqualTo(Map.of("whatHappened", "An outage", "whatWorked", "A fast statement",
                "actions", List.of("Status page", "On-call drill")));
    }

    @Test
    void severityTwoFreezesAndTheBrandManagerSignsOffWhereNobodyHoldsCommunications() {
        Cell cell = cell(false, false);
        CrisisView crisis = declare(cell, 20_000L, false, false, false);
        assertThat(crisis.suggestedSeverity()).isEqualTo(2);
        triage(cell, crisis.id(), 2);
        assertThat(frozen(cell)).isTrue();
        draft(cell.strategist(), crisis.id(), "We know about the outage and are on it.");
        assertThat(drive.openTasks(crisis.id(), null, "approve-holding-statement")).as("no legal: not regulated").isEmpty();
        Task signOff = task(crisis.id(), "communications-sign-off");
        assertThat(engineTasks.getIdentityLinksForTask(signOff.getId())).extracting(l -> l.getGroupId())
                .containsExactly(cell.brand() + ":brand-manager");
        decide(cell.brandManager(), crisis.id(), "communications-sign-off", "APPROVE");

        publishStatement(crisis.id()).endedAt("Event_PublicationDone");
        ContentView statement = drive.content(crises.find(crisis.id()).statementContentId());
        assertThat(statement.status()).isEqualTo(ContentStatus.PUBLISHED);
        assertThat(statement.publications()).extracting(ContentView.Post::status).containsOnly("PUBLISHED");
        assertThat(frozen(cell)).as("the statement passed the freeze; the freeze holds").isTrue();
        process(crisis.id()).hasPassedInOrder("Activity_FreezeBrand", "Activity_PrepareStatement",
                        "draft-holding-statement", "Gateway_ReviewStatement", "Gateway_LegalNeeded", "Gateway_LegalDone",
                        "Gateway_StatementReviewed", "Gateway_StatementApproved", "Activity_ApproveStatement",
                        "Activity_PublishStatement", "Activity_RecordStatementPublished", "resolve-crisis")
                .hasNotPassed("approve-holding-statement");

        resolveAndClose(cell, crisis.id());
        assertThat(frozen(cell)).isFalse();
        process(crisis.id()).hasPassedInOrder("resolve-crisis", "Activity_LiftFreeze", "post-mortem")
                .endedAt("Event_CrisisClosed");
    }

    @Test
    void severityThreeOfARegulatedBrandNeedsLegalAndCommunicationsAndPublishesDuringTheFreeze() {
        Cell cell = cell(true, true);
        Deliverable planned = legallyApproved(cell);
        CrisisView crisis = declare(cell, 250_000L, false, false, false);
        assertThat(crisis.suggestedSeverity()).isEqualTo(3);
        triage(cell, crisis.id(), 3);
        assertThat(frozen(cell)).isTrue();

        // a planned post comes due during the crisis: held
        Instant publishAt = ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(5));
        drive.complete(cell.strategist(), drive.task(planned.briefId(), planned.contentId(), "schedule-post"),
                Map.of("publishAt", publishAt.atOffset(ZoneOffset.UTC).toString()));
        ProcessHistory plannedPublication = drive.historyOf(drive.calledInstance(planned.briefId(), planned.contentId(),
                "publication"));
        clockAt(publishAt);
        plannedPublication.jobs("Event_PublishTimeReached").forEach(plannedPublication::execute);
        plannedPublication.jobs("Activity_PublishPost").forEach(plannedPublication::execute);
        assertThat(drive.content(planned.contentId()).status()).isEqualTo(ContentStatus.HELD);

        draft(cell.communications(), crisis.id(), "We apologise for the outage; accounts are safe.");
        assertThatThrownBy(() -> decide(cell.communications(), crisis.id(), "communications-sign-off", "APPROVE"))
                .as("four-eyes: the author cannot sign off").isInstanceOf(Conflict.class);
        // a colleague of the communications role who did not write it signs off
        String colleague = drive.newUser("comms", cell.brand() + ":communications");
        decide(cell.legal(), crisis.id(), "approve-holding-statement", "APPROVE");
        decide(colleague, crisis.id(), "communications-sign-off", "APPROVE");

        publishStatement(crisis.id());
        ContentView statement = drive.content(crises.find(crisis.id()).statementContentId());
        assertThat(statement.status()).isEqualTo(ContentStatus.PUBLISHED);
        assertThat(statement.decisions()).extracting(d -> d.key()).containsExactlyInAnyOrder(
                "approve-holding-statement", "communications-sign-off");
        assertThat(drive.content(planned.contentId()).status()).as("every other post stays held").isEqualTo(ContentStatus.HELD);
        CrisisView open = crises.get(drive.user(cell.strategist()), crisis.id());
        assertThat(open.heldPosts()).containsExactly(new CrisisView.HeldPost(planned.contentId(), "linkedin"));
        assertThat(open.statement().publications()).extracting(CrisisView.Post::url).doesNotContainNull();

        drive.complete(cell.strategist(), task(crisis.id(), "resolve-crisis"), Map.of("summary", "Restored"));
        assertThat(frozen(cell)).isFalse();
        Task confirm = drive.task(planned.briefId(), planned.contentId(), "confirm-held-post");
        assertThat(confirm).as("the held post goes to confirm-held-post").isNotNull();
        assertThat(crises.get(drive.user(cell.strategist()), crisis.id()).status()).isEqualTo(CrisisStatus.RESOLVED);
        drive.complete(cell.strategist(), task(crisis.id(), "post-mortem"), Map.of("whatHappened", "Outage",
                "whatWorked", "Statement in minutes"));
        process(crisis.id()).endedAt("Event_CrisisClosed");
    }

    @Test
    void severityFourIsSuggestedForASafetyRisk() {
        Cell cell = cell(false, true);
        CrisisView crisis = declare(cell, null, false, true, false);
        assertThat(crisis.suggestedSeverity()).isEqualTo(4);
        triage(cell, crisis.id(), 4);
        assertThat(frozen(cell)).isTrue();
        process(crisis.id()).isWaitingAt("draft-holding-statement");
    }

    // ---- the statement's reviews ---------------------------------------------------------------------------------

    @Test
    void changesRequestedOrRejectedGoBackToDraftingAndAStaleHashIsRefused() {
        Cell cell = cell(true, true);
        CrisisView crisis = declare(cell, null, true, false, false);
        triage(cell, crisis.id(), 3);
        draft(cell.strategist(), crisis.id(), "First draft");
        String first = drive.currentHash(crises.find(crisis.id()).statementContentId());
        decide(cell.legal(), crisis.id(), "approve-holding-statement", "REQUEST_CHANGES");
        decide(cell.communications(), crisis.id(), "communications-sign-off", "APPROVE");
        process(crisis.id()).hasPassedInOrder("Gateway_StatementApproved", "Activity_ReopenStatement", "Gateway_Draft",
                "draft-holding-statement").isWaitingAt("draft-holding-statement");

        draft(cell.strategist(), crisis.id(), "Second draft");
        String contentId = crises.find(crisis.id()).statementContentId();
        assertThatThrownBy(() -> drive.decide(cell.legal(), crisis.id(), contentId, "approve-holding-statement",
                "APPROVE", first)).as("stale hash").isInstanceOf(Conflict.class);
        decide(cell.legal(), crisis.id(), "approve-holding-statement", "APPROVE");
        decide(cell.communications(), crisis.id(), "communications-sign-off", "REJECT");
        process(crisis.id()).isWaitingAt("draft-holding-statement");

        assertThatThrownBy(() -> drive.complete(cell.strategist(), task(crisis.id(), "draft-holding-statement"),
                Map.of("variants", Map.of("linkedin", Map.of("text", "Only one")))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("invalid");
        assertThatThrownBy(() -> drive.complete(cell.strategist(), task(crisis.id(), "draft-holding-statement"),
                Map.of("variants", Map.of("linkedin", Map.of("text", "a"), "x", Map.of("text", "b")),
                        "playbook", "data-breach")))
                .isInstanceOf(InvalidInput.class);
        draft(cell.strategist(), crisis.id(), "Third draft");
        decide(cell.legal(), crisis.id(), "approve-holding-statement", "APPROVE");
        decide(cell.communications(), crisis.id(), "communications-sign-off", "APPROVE");
        publishStatement(crisis.id());
        ContentView statement = drive.content(contentId);
        assertThat(statement.status()).isEqualTo(ContentStatus.PUBLISHED);
        assertThat(statement.revisions()).hasSize(3);
    }

    // ---- re-triage -------------------------------------------------------------------------------------------------

    @Test
    void reTriageUpFreezesAtOnceAndDownToOneLiftsTheFreezeBeforeResolution() {
        Cell cell = cell(false, true);
        CrisisView crisis = declare(cell, 500L, false, false, false);
        triage(cell, crisis.id(), 1);
        assertThat(frozen(cell)).isFalse();

        crises.retriage(drive.user(cell.legal()), crisis.id(), new Retriage(3, "The press picked it up"));
        assertThat(frozen(cell)).isTrue();
        assertThat(crises.get(drive.user(cell.strategist()), crisis.id())).satisfies(c -> {
            assertThat(c.severity()).isEqualTo(3);
            assertThat(c.frozen()).isTrue();
        });
        process(crisis.id()).hasPassedInOrder("Event_Retriaged", "Activity_RedecideActions", "Gateway_RetriageFreeze",
                "Activity_FreezeOnRetriage", "Event_FrozenOnRetriage");

        crises.retriage(drive.user(cell.strategist()), crisis.id(), new Retriage(2, "Still spreading"));
        assertThat(frozen(cell)).isTrue();
        crises.retriage(drive.user(cell.strategist()), crisis.id(), new Retriage(1, "Calmed down"));
        assertThat(frozen(cell)).isFalse();
        process(crisis.id()).hasPassedInOrder("Activity_LiftOnRetriage", "Event_LiftedOnRetriage")
                .hasPassedInOrder("Event_FreezeUnchanged").isWaitingAt("resolve-crisis");

        resolveAndClose(cell, crisis.id());
        process(crisis.id()).hasNotPassed("Activity_LiftFreeze").endedAt("Event_CrisisClosed");
        assertThatThrownBy(() -> crises.retriage(drive.user(cell.strategist()), crisis.id(), new Retriage(4, "again")))
                .isInstanceOf(Conflict.class);
        assertThat(crises.timeline(drive.user(cell.strategist()), crisis.id()).steps())
                .extracting(CrisisView.Step::step).containsSubsequence("DECLARED", "TRIAGED", "SEVERITY_CHANGED",
                        "FROZEN", "SEVERITY_CHANGED", "SEVERITY_CHANGED", "FREEZE_LIFTED", "RESOLVED", "POST_MORTEM");
    }

    // ---- deadlines -------------------------------------------------------------------------------------------------

    @Test
    void triageAtSeverityThreeIsRemindedAfterTenMinutesAndEscalatedToBrandManagerAndAdminsAfterFifteen() {
        Cell cell = cell(false, true);
        CrisisView crisis = declare(cell, 250_000L, false, false, false);
        Task triage = task(crisis.id(), "triage-crisis");
        Instant created = triage.getCreateTime().toInstant();
        assertThat(triage.getFollowUpDate().toInstant()).isEqualTo(created.plus(Duration.ofMinutes(10)));
        assertThat(triage.getDueDate().toInstant()).isEqualTo(created.plus(Duration.ofMinutes(15)));
        sla.remindedThenEscalated(triage, Duration.ofMinutes(5), "brand-manager", "admin");
        triage(cell, crisis.id(), 3);
        sla.timersCancelled(triage);
    }

    @Test
    void theStatementsTasksHaveWallClockDeadlinesBySeverity() {
        Cell cell = cell(true, true);
        CrisisView crisis = declare(cell, 20_000L, false, false, false);
        triage(cell, crisis.id(), 2);
        Task draft = task(crisis.id(), "draft-holding-statement");
        assertThat(Duration.between(draft.getCreateTime().toInstant(), draft.getDueDate().toInstant()))
                .isEqualTo(Duration.ofHours(1));
        sla.remindedThenEscalated(draft, Duration.ofMinutes(15), "brand-manager", "admin");
        draft(cell.strategist(), crisis.id(), "Statement");
        Task legal = task(crisis.id(), "approve-holding-statement");
        Task signOff = task(crisis.id(), "communications-sign-off");
        assertThat(Duration.between(legal.getCreateTime().toInstant(), legal.getDueDate().toInstant()))
                .isEqualTo(Duration.ofHours(1));
        sla.remindedThenEscalated(signOff, Duration.ofMinutes(15), "brand-manager", "admin");
        assertThat(sla.timers(legal)).hasSize(2);
    }
}
