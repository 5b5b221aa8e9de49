package io.clearpost.review;

import io.clearpost.support.Conflict;
import io.clearpost.brief.BriefView;
import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.content.RequiredReview;
import io.clearpost.content.Verdict;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessHistory;
import io.clearpost.support.ProcessTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.util.Map;

import static io.clearpost.support.ProcessDriver.deliverable;
import static io.clearpost.support.ProcessDriver.onlyContentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every path of processes/legal-validation.bpmn: each routing outcome of approval-routing.dmn and
 * each reviewer's decision. The model starts at its start event, called by a real brief whose content
 * the strategist has approved (with the variables brief.bpmn passes in), because its error ends mean
 * what they mean only to a caller that catches them: on its own, a CHANGES_REQUESTED or REJECTED end in
 * one review branch would leave the parallel review open; caught by the brief's boundary event, it ends
 * the whole validation. The model has no jobs: every step runs in the reviewer's transaction.
 */
@ProcessTest
class LegalValidationProcessTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    RuntimeService runtime;

    ProcessDriver drive;

    @BeforeEach
    void driver() {
        drive = new ProcessDriver(context);
    }

    // ---- routing ------------------------------------------------------------------------------

    @Test
    void regulatedStandardContentNeedsLegalReviewOnly() {
        Deliverable d = inValidation("acme-bank", "standard");

        validation(d).hasPassedInOrder("Event_ValidationStarted", "Activity_DecideReviews", "Activity_RecordRouting",
                        "Gateway_RequiredReviews", "legal-review")
                .isWaitingAt("legal-review");
        assertThat(drive.content(d.contentId).requiredReviews())
                .containsExactly(new RequiredReview("legal-review", "regulated-brand"));

        var legalReview = drive.task(d.briefId, d.contentId, "legal-review");
        assertThat(legalReview.getAssignee()).isNull();
        drive.claim("lea", legalReview);
        assertThat(drive.task(d.briefId, d.contentId, "legal-review").getAssignee()).isEqualTo("lea");
        drive.decide("lea", d.briefId, d.contentId, "legal-review", "APPROVE");

        validation(d).hasPassedInOrder("legal-review", "Gateway_LegalDecision", "Gateway_ReviewsDone",
                        "Event_ValidationApproved")
                .hasNotPassed("compliance-review", "client-approval")
                .endedAt("Event_ValidationApproved");
        ContentView content = drive.content(d.contentId);
        assertThat(content.status()).isEqualTo(ContentStatus.APPROVED);
        assertThat(content.decisions()).extracting(ContentView.DecisionView::key, ContentView.DecisionView::reviewer,
                        ContentView.DecisionView::decision, ContentView.DecisionView::rule)
                .contains(tuple("legal-review", "lea", Verdict.APPROVE, "regulated-brand"));
    }

    @Test
    void regulatedFinancialPromotionNeedsLegalAndComplianceApprovalOfTheSameHash() {
        Deliverable d = inValidation("acme-bank", "financial-promotion");
        String hash = drive.currentHash(d.contentId);
        validation(d).isWaitingAt("legal-review", "compliance-review");
        assertThat(drive.content(d.contentId).requiredReviews()).containsExactly(
                new RequiredReview("compliance-review", "financial-promotion"),
                new RequiredReview("legal-review", "regulated-brand"));

        drive.decide("lea", d.briefId, d.contentId, "legal-review", "APPROVE");

        validation(d).isWaitingAt("compliance-review");
        assertThat(drive.content(d.contentId).status()).isEqualTo(ContentStatus.IN_REVIEW);
        // compliance judges exactly the bytes legal approved, and nothing else
        assertThatThrownBy(() -> drive.decide("cora", d.briefId, d.contentId, "compliance-review", "APPROVE",
                "0".repeat(64)))
                .isInstanceOf(Conflict.class);
        validation(d).isWaitingAt("compliance-review");

        drive.decide("cora", d.briefId, d.contentId, "compliance-review", "APPROVE");

        validation(d).hasPassedInOrder("compliance-review", "Gateway_ComplianceDecision", "Gateway_ReviewsDone",
                        "Event_ValidationApproved")
                .hasNotPassed("client-approval")
                .endedAt("Event_ValidationApproved");
        ContentView content = drive.content(d.contentId);
        assertThat(content.status()).isEqualTo(ContentStatus.APPROVED);
        assertThat(content.decisions()).filteredOn(decision -> !decision.key().equals("review-content"))
                .extracting(ContentView.DecisionView::key, ContentView.DecisionView::reviewer,
                        ContentView.DecisionView::decision, ContentView.DecisionView::revisionHash,
                        ContentView.DecisionView::rule)
                .containsExactly(
                        tuple("legal-review", "lea", Verdict.APPROVE, hash, "regulated-brand"),
                        tuple("compliance-review", "cora", Verdict.APPROVE, hash, "financial-promotion"));
    }

    @Test
    void clientSignOffBrandNeedsClientApprovalOnly() {
        Deliverable d = inValidation("nova-foods", "standard");

        validation(d).hasPassedInOrder("Activity_DecideReviews", "Activity_RecordRouting", "Gateway_RequiredReviews",
                        "client-approval")
                .isWaitingAt("client-approval");
        assertThat(drive.content(d.contentId).requiredReviews())
                .containsExactly(new RequiredReview("client-approval", "client-sign-off"));

        drive.decide("nina", d.briefId, d.contentId, "client-approval", "APPROVE");

        validation(d).hasPassedInOrder("client-approval", "Gateway_ClientDecision", "Gateway_ReviewsDone",
                        "Event_ValidationApproved")
                .hasNotPassed("legal-review", "compliance-review")
                .endedAt("Event_ValidationApproved");
        ContentView content = drive.content(d.contentId);
        assertThat(content.status()).isEqualTo(ContentStatus.APPROVED);
        assertThat(content.decisions()).extracting(ContentView.DecisionView::key, ContentView.DecisionView::reviewer,
                        ContentView.DecisionView::decision, ContentView.DecisionView::rule)
                .contains(tuple("client-approval", "nina", Verdict.APPROVE, "client-sign-off"));
    }

    @Test
    void contentNeedingNoReviewIsApprovedWithoutTasks() {
        BriefView brief = drive.submitBrief("sam", "acme-bank", "standard", deliverable("cleo", "linkedin"));
        String contentId = onlyContentId(brief);
        drive.compliantDraft("cleo", brief.id(), contentId, "linkedin");
        assertThat(drive.content(contentId).status()).isEqualTo(ContentStatus.IN_REVIEW);

        String instance = runtime.startProcessInstanceByKey("legal-validation", Map.of(
                "brand", "acme-bank", "briefId", brief.id(), "contentId", contentId,
                "category", "standard", "regulated", false, "clientSignOff", false)).getId();

        drive.historyOf(instance)
                .hasPassedInOrder("Event_ValidationStarted", "Activity_DecideReviews", "Activity_RecordRouting",
                        "Gateway_RequiredReviews", "Gateway_ReviewsDone", "Event_ValidationApproved")
                .hasNotPassed("legal-review", "compliance-review", "client-approval")
                .endedAt("Event_ValidationApproved");
        assertThat(drive.content(contentId).requiredReviews()).isEmpty();
    }

    // ---- legal review -------------------------------------------------------------------------

    @Test
    void legalRequestingChangesCancelsTheComplianceReviewAndReturnsToCreation() {
        Deliverable d = inValidation("acme-bank", "financial-promotion");

        drive.decide("lea", d.briefId, d.contentId, "legal-review", "REQUEST_CHANGES");

        assertEndedWithError(d, "legal-review", "Gateway_LegalDecision", "Event_LegalRequestsChanges");
        assertCancelledReview(d, "compliance-review");
        assertBackInCreation(d, "legal-review");
    }

    @Test
    void legalRejectingCancelsTheDeliverable() {
        Deliverable d = inValidation("acme-bank", "financial-promotion");

        drive.decide("lea", d.briefId, d.contentId, "legal-review", "REJECT");

        assertEndedWithError(d, "legal-review", "Gateway_LegalDecision", "Event_LegalRejects");
        assertCancelledReview(d, "compliance-review");
        assertDeliverableCancelled(d, "legal-review");
    }

    // ---- compliance review --------------------------------------------------------------------

    @Test
    void complianceRequestingChangesCancelsTheLegalReviewAndReturnsToCreation() {
        Deliverable d = inValidation("acme-bank", "financial-promotion");

        drive.decide("cora", d.briefId, d.contentId, "compliance-review", "REQUEST_CHANGES");

        assertEndedWithError(d, "compliance-review", "Gateway_ComplianceDecision", "Event_ComplianceRequestsChanges");
        assertCancelledReview(d, "legal-review");
        assertBackInCreation(d, "compliance-review");
    }

    @Test
    void complianceRejectingCancelsTheDeliverable() {
        Deliverable d = inValidation("acme-bank", "financial-promotion");

        drive.decide("cora", d.briefId, d.contentId, "compliance-review", "REJECT");

        assertEndedWithError(d, "compliance-review", "Gateway_ComplianceDecision", "Event_ComplianceRejects");
        assertCancelledReview(d, "legal-review");
        assertDeliverableCancelled(d, "compliance-review");
    }

    @Test
    void complianceRequestingChangesAfterLegalApprovedReturnsToCreation() {
        Deliverable d = inValidation("acme-bank", "financial-promotion");
        drive.decide("lea", d.briefId, d.contentId, "legal-review", "APPROVE");

        drive.decide("cora", d.briefId, d.contentId, "compliance-review", "REQUEST_CHANGES");

        assertEndedWithError(d, "compliance-review", "Gateway_ComplianceDecision", "Event_ComplianceRequestsChanges");
        validation(d).hasNotPassed("Event_ValidationApproved");
        assertBackInCreation(d, "compliance-review");
    }

    // ---- client approval ----------------------------------------------------------------------

    @Test
    void clientRequestingChangesReturnsToCreation() {
        Deliverable d = inValidation("nova-foods", "standard");

        drive.decide("nina", d.briefId, d.contentId, "client-approval", "REQUEST_CHANGES");

        assertEndedWithError(d, "client-approval", "Gateway_ClientDecision", "Event_ClientRequestsChanges");
        assertBackInCreation(d, "client-approval");
    }

    @Test
    void clientRejectingCancelsTheDeliverable() {
        Deliverable d = inValidation("nova-foods", "standard");

        drive.decide("nina", d.briefId, d.contentId, "client-approval", "REJECT");

        assertEndedWithError(d, "client-approval", "Gateway_ClientDecision", "Event_ClientRejects");
        assertDeliverableCancelled(d, "client-approval");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A deliverable of a new brief whose first revision the strategist approved: legal validation has started. */
    private Deliverable inValidation(String brand, String category) {
        boolean client = brand.equals("nova-foods");
        String creative = client ? "felix" : "cleo";
        String platform = client ? "instagram" : "linkedin";
        BriefView brief = drive.submitBrief("sam", brand, category, deliverable(creative, platform));
        if (client) {
            drive.signOffBrief("nina", brief.id(), "APPROVE");
        }
        Deliverable d = new Deliverable(brief.id(), onlyContentId(brief), creative);
        drive.createdAndReviewed(creative, d.briefId, d.contentId, platform);
        assertThat(drive.calledInstances(d.briefId, d.contentId, "legal-validation")).hasSize(1);
        return d;
    }

    private ProcessHistory validation(Deliverable d) {
        return drive.historyOf(drive.calledInstances(d.briefId, d.contentId, "legal-validation").get(0));
    }

    private void assertEndedWithError(Deliverable d, String review, String gateway, String errorEnd) {
        validation(d).hasPassedInOrder("Gateway_RequiredReviews", review, gateway, errorEnd)
                .hasNotPassed("Event_ValidationApproved")
                .isEnded();
    }

    private void assertCancelledReview(Deliverable d, String review) {
        assertThat(drive.openTasks(d.briefId, d.contentId, review)).as("open %s tasks", review).isEmpty();
        assertThat(drive.content(d.contentId).decisions()).extracting(ContentView.DecisionView::key)
                .doesNotContain(review);
    }

    private void assertBackInCreation(Deliverable d, String review) {
        drive.historyOf(drive.briefInstance(d.briefId))
                .hasPassedInOrder("Activity_ValidateLegally", "Event_ChangesRequested", "Activity_CreateContent")
                .isWaitingAt("Activity_CreateContent");
        assertThat(drive.task(d.briefId, d.contentId, "create-content").getAssignee()).isEqualTo(d.creative);
        ContentView content = drive.content(d.contentId);
        assertThat(content.status()).isEqualTo(ContentStatus.IN_CREATION);
        assertThat(content.decisions()).last().satisfies(decision -> {
            assertThat(decision.key()).isEqualTo(review);
            assertThat(decision.decision()).isEqualTo(Verdict.REQUEST_CHANGES);
            assertThat(decision.revisionHash()).isEqualTo(content.currentRevision().hash());
        });
    }

    private void assertDeliverableCancelled(Deliverable d, String review) {
        drive.historyOf(drive.briefInstance(d.briefId))
                .hasPassedInOrder("Activity_ValidateLegally", "Event_RejectedInValidation", "Activity_CancelDeliverable")
                .hasNotPassed("Activity_MarkApproved")
                .isEnded();
        ContentView content = drive.content(d.contentId);
        assertThat(content.status()).isEqualTo(ContentStatus.CANCELLED);
        assertThat(content.decisions()).last().satisfies(decision -> {
            assertThat(decision.key()).isEqualTo(review);
            assertThat(decision.decision()).isEqualTo(Verdict.REJECT);
        });
    }

    private record Deliverable(String briefId, String contentId, String creative) {
    }
}
