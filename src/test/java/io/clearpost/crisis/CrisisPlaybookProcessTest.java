package io.clearpost.crisis;

import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.support.FieldError;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessHistory;
import io.clearpost.support.ProcessTest;
import io.clearpost.support.TestIdentities;
import io.clearpost.task.FormSchema;
import io.clearpost.task.Tasks;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.clearpost.support.ProcessDriver.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The playbook paths of processes/crisis-escalation.bpmn on a regulated brand, on the real engine and database: a
 * statement that is an approved playbook's text with only its placeholders filled skips legal (playbookUnchanged)
 * and needs the communications sign-off alone; any other change goes to legal as before.
 */
@ProcessTest
class CrisisPlaybookProcessTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    Crises crises;
    @Autowired
    Playbooks playbooks;
    @Autowired
    BrandRepository brands;
    @Autowired
    IdentityService identity;
    @Autowired
    HistoryService history;

    ProcessDriver drive;

    @BeforeEach
    void driver() {
        drive = new ProcessDriver(context);
        clockAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    record Cell(String brand, String strategist, String legal, String communications) {
    }

    private Cell regulatedCell() {
        String id = "crisis-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> platforms = List.of("linkedin", "x");
        brands.save(Brand.create(id, "Crisis brand " + id, ZoneId.of("Europe/Paris"), true, false, platforms,
                List.of(), List.of()));
        TestIdentities.of(identity).ensureBrand(brands, id, platforms);
        return new Cell(id, drive.newUser("strategist", id + ":strategist"), drive.newUser("legal", id + ":legal"),
                drive.newUser("comms", id + ":communications"));
    }

    /** A recall playbook of the brand, approved by its legal in advance. */
    private PlaybookView approvedPlaybook(Cell cell) {
        PlaybookView written = playbooks.create(drive.user(cell.strategist()), cell.brand(), new PlaybookRequest(
                "product-recall", "Product recall",
                Map.of("linkedin", new PlaybookRequest.Text("We are recalling {{product}} as a precaution."),
                        "x", new PlaybookRequest.Text("Recall: {{product}}. Stop using it.")),
                List.of("product"), List.of(new PlaybookRequest.Reply("refund", "{{product}} is refunded in full."))));
        return playbooks.decide(drive.user(cell.legal()), cell.brand(), written.id(),
                new PlaybookDecisionRequest("APPROVE", "approved in advance", written.hash()));
    }

    private CrisisView declareAndTriage(Cell cell) {
        CrisisView crisis = crises.declare(drive.user(cell.strategist()), new DeclareCrisis(cell.brand(),
                "Card X overheats", List.of(new DeclareCrisis.Signal("https://x.com/someone/status/1", "photos")),
                250_000L, null, false, false, false, List.of("linkedin", "x")));
        drive.complete(cell.strategist(), drive.task(crisis.id(), null, "triage-crisis"),
                Map.of("severity", 3, "comment", "Recall"));
        return crisis;
    }

    private void draftFromPlaybook(Cell cell, String crisisId, PlaybookView playbook, String linkedinText) {
        Map<String, Object> variants = new LinkedHashMap<>();
        variants.put("linkedin", Map.of("text", linkedinText));
        variants.put("x", Map.of("text", "Recall: Card X. Stop using it."));
        drive.complete(cell.strategist(), drive.task(crisisId, null, "draft-holding-statement"),
                Map.of("variants", variants, "playbook", playbook.id(), "placeholders", Map.of("product", "Card X")));
    }

    private ProcessHistory process(String crisisId) {
        return drive.historyOf(history.createHistoricProcessInstanceQuery().processDefinitionKey("crisis-escalation")
                .processInstanceBusinessKey(crisisId).singleResult().getId());
    }

    private void publishStatement(String crisisId) {
        ProcessHistory publication = drive.historyOf(history.createHistoricProcessInstanceQuery()
                .processDefinitionKey("publication").processInstanceBusinessKey(crisisId).singleResult().getId());
        for (Job timer : publication.jobs("Event_PublishTimeReached")) {
            clockAt(timer.getDuedate().toInstant());
            publication.execute(timer);
        }
        publication.jobs("Activity_PublishPost").forEach(publication::execute);
    }

    @Test
    void anUnchangedApprovedPlaybookNeedsTheSignOffOnlyAndListsItsReplies() {
        Cell cell = regulatedCell();
        PlaybookView playbook = approvedPlaybook(cell);
        CrisisView crisis = declareAndTriage(cell);

        draftFromPlaybook(cell, crisis.id(), playbook, "We are recalling Card X as a precaution.");
        assertThat(drive.openTasks(crisis.id(), null, "approve-holding-statement")).as("no legal task").isEmpty();
        assertThat(crises.get(drive.user(cell.strategist()), crisis.id()).replies()).as("not before approval").isEmpty();
        String contentId = crises.find(crisis.id()).statementContentId();
        drive.decide(cell.communications(), crisis.id(), contentId, "communications-sign-off", "APPROVE");
        publishStatement(crisis.id());

        ContentView statement = drive.content(contentId);
        assertThat(statement.status()).isEqualTo(ContentStatus.PUBLISHED);
        assertThat(statement.decisions()).extracting(d -> d.key()).containsExactly("communications-sign-off");
        process(crisis.id()).hasPassedInOrder("draft-holding-statement", "communications-sign-off",
                "Activity_ApproveStatement", "Activity_PublishStatement").hasNotPassed("approve-holding-statement");
        List<Object> replies = crises.get(drive.user(cell.strategist()), crisis.id()).replies();
        assertThat(replies).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> reply = (Map<String, Object>) replies.get(0);
        assertThat(reply).containsEntry("name", "refund").containsEntry("text", "Card X is refunded in full.")
                .containsEntry("approved", true).containsEntry("playbookHash", playbook.hash());
    }

    @Test
    void aChangedPlaybookTextGoesToLegalAsBefore() {
        Cell cell = regulatedCell();
        PlaybookView playbook = approvedPlaybook(cell);
        CrisisView crisis = declareAndTriage(cell);

        draftFromPlaybook(cell, crisis.id(), playbook, "We are recalling Card X as a precaution. Sorry!");
        Task legal = drive.task(crisis.id(), null, "approve-holding-statement");
        assertThat(legal).as("a changed text needs legal").isNotNull();
        String contentId = crises.find(crisis.id()).statementContentId();
        drive.decide(cell.communications(), crisis.id(), contentId, "communications-sign-off", "APPROVE");
        drive.decide(cell.legal(), crisis.id(), contentId, "approve-holding-statement", "APPROVE");
        publishStatement(crisis.id());
        assertThat(drive.content(contentId).status()).isEqualTo(ContentStatus.PUBLISHED);
        process(crisis.id()).hasPassedInOrder("draft-holding-statement", "approve-holding-statement",
                "Activity_ApproveStatement");
    }

    @Test
    void aStatementSentBackIsRedraftedFromThePlaybookAndValuesOfTheLastDraft() {
        Cell cell = regulatedCell();
        PlaybookView playbook = approvedPlaybook(cell);
        CrisisView crisis = declareAndTriage(cell);
        Tasks tasks = context.getBean(Tasks.class);
        Task first = drive.task(crisis.id(), null, "draft-holding-statement");
        assertThat(tasks.get(drive.user(cell.strategist()), first.getId()).context())
                .as("a first draft starts from nothing").doesNotContainKeys("playbook", "placeholders");

        draftFromPlaybook(cell, crisis.id(), playbook, "We are recalling Card X as a precaution. Sorry!");
        String contentId = crises.find(crisis.id()).statementContentId();
        drive.decide(cell.legal(), crisis.id(), contentId, "approve-holding-statement", "REQUEST_CHANGES");
        drive.decide(cell.communications(), crisis.id(), contentId, "communications-sign-off", "APPROVE");

        Task redraft = drive.task(crisis.id(), null, "draft-holding-statement");
        Map<String, Object> context = tasks.get(drive.user(cell.strategist()), redraft.getId()).context();
        assertThat(context).containsEntry("playbook", playbook.id());
        // as the form's text input holds it: JSON text, which the completion reads back as the object
        assertThat(context.get("placeholders")).isInstanceOf(String.class);
        FormSchema form = FormSchema.parse(tasks.get(drive.user(cell.strategist()), redraft.getId()).form().toString());
        assertThat(form.withObjectsParsed(Map.of("placeholders", context.get("placeholders"))))
                .containsEntry("placeholders", Map.of("product", "Card X"));
    }

    @Test
    void repliesWrittenWithTheStatementAreApprovedWithItAndSendAPlaybookTextToLegal() {
        Cell cell = regulatedCell();
        PlaybookView playbook = approvedPlaybook(cell);
        CrisisView crisis = declareAndTriage(cell);
        Map<String, Object> variants = new LinkedHashMap<>();
        variants.put("linkedin", Map.of("text", "We are recalling Card X as a precaution."));
        variants.put("x", Map.of("text", "Recall: Card X. Stop using it."));
        Task draft = drive.task(crisis.id(), null, "draft-holding-statement");
        // a written reply may not take the name of one of the playbook's: moderators pick replies by name
        assertThatThrownBy(() -> drive.complete(cell.strategist(), draft, Map.of("variants", variants,
                "playbook", playbook.id(), "placeholders", Map.of("product", "Card X"),
                "replies", List.of(Map.of("name", "refund", "text", "Ask in a shop")))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("replies[0].name"));

        // the playbook's texts unchanged, plus a reply of the drafter's own: legal sees it all the same
        drive.complete(cell.strategist(), draft, Map.of("variants", variants, "playbook", playbook.id(),
                "placeholders", Map.of("product", "Card X"),
                "replies", List.of(Map.of("name", "shops", "text", "Every shop takes Card X back."))));
        Task legal = drive.task(crisis.id(), null, "approve-holding-statement");
        assertThat(legal).as("a written reply needs legal").isNotNull();
        assertThat(crises.get(drive.user(cell.strategist()), crisis.id()).replies()).as("not before approval").isEmpty();
        Tasks tasks = context.getBean(Tasks.class);
        assertThat(names(tasks.get(drive.user(cell.legal()), legal.getId()).context().get("replyDrafts")))
                .as("legal judges the replies with the statement").containsExactly("refund", "shops");

        String contentId = crises.find(crisis.id()).statementContentId();
        drive.decide(cell.communications(), crisis.id(), contentId, "communications-sign-off", "APPROVE");
        drive.decide(cell.legal(), crisis.id(), contentId, "approve-holding-statement", "APPROVE");
        publishStatement(crisis.id());

        String approvedHash = drive.content(contentId).currentRevision().hash();
        List<Object> replies = crises.get(drive.user(cell.strategist()), crisis.id()).replies();
        assertThat(names(replies)).containsExactly("refund", "shops");
        @SuppressWarnings("unchecked")
        Map<String, Object> written = (Map<String, Object>) replies.get(1);
        assertThat(written).containsEntry("text", "Every shop takes Card X back.").containsEntry("approved", true)
                .containsEntry("revisionHash", approvedHash).doesNotContainKey("playbookId");
        process(crisis.id()).hasPassedInOrder("draft-holding-statement", "approve-holding-statement",
                "Activity_ApproveStatement");
    }

    private static List<Object> names(Object replies) {
        return ((List<?>) replies).stream().map(r -> ((Map<?, ?>) r).get("name")).map(Object.class::cast).toList();
    }

    @Test
    void placeholderValuesArePlainShortTextsAndThePlaybookMustBeApproved() {
        Cell cell = regulatedCell();
        PlaybookView playbook = approvedPlaybook(cell);
        CrisisView crisis = declareAndTriage(cell);
        Task draft = drive.task(crisis.id(), null, "draft-holding-statement");
        Map<String, Object> variants = Map.of("linkedin", Map.of("text", "a"), "x", Map.of("text", "b"));
        assertThatThrownBy(() -> drive.complete(cell.strategist(), draft, Map.of("variants", variants,
                "playbook", playbook.id(), "placeholders", Map.of("product", "Card X\nWe lied"))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("placeholders.product"));
        assertThatThrownBy(() -> drive.complete(cell.strategist(), draft, Map.of("variants", variants,
                "playbook", playbook.id(), "placeholders", Map.of())))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("placeholders.product"));
        assertThatThrownBy(() -> drive.complete(cell.strategist(), draft, Map.of("variants", variants,
                "playbook", "no-such-playbook", "placeholders", Map.of("product", "Card X"))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("playbook"));
    }
}
