package io.clearpost.content;

import io.clearpost.support.Conflict;
import io.clearpost.brief.BriefView;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessHistory;
import io.clearpost.support.ProcessTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.util.Map;

import static io.clearpost.support.ProcessDriver.CAPITAL_AT_RISK;
import static io.clearpost.support.ProcessDriver.deliverable;
import static io.clearpost.support.ProcessDriver.onlyContentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every path of processes/creation.bpmn, on its own: each test starts a creation instance for one
 * deliverable of a submitted brief (whose own process is not running) with the variables brief.bpmn
 * passes in, and its users drive it. What the brief does with the outcome is BriefProcessTest's.
 */
@ProcessTest
class CreationProcessTest {

    @Autowired
    ApplicationContext context;

    ProcessDriver drive;

    @BeforeEach
    void driver() {
        drive = new ProcessDriver(context);
    }

    @Test
    void contentWithinPolicyGoesToReview() {
        Deliverable d = acmeDeliverable("linkedin", "x");

        drive.compliantDraft("cleo", d.briefId, d.contentId, "linkedin", "x");

        creation(d).hasPassedInOrder("Event_CreationStarted", "Gateway_Draft", "create-content",
                        "Activity_CheckContent", "Gateway_ContentCompliant", "review-content")
                .isWaitingAt("review-content");
        ContentView content = drive.content(d.contentId);
        assertThat(content.status()).isEqualTo(ContentStatus.IN_REVIEW);
        assertThat(content.violations()).isEmpty();
        assertThat(content.currentRevision().number()).isEqualTo(1);
        assertThat(content.currentRevision().author()).isEqualTo("cleo");
        assertThat(drive.task(d.briefId, d.contentId, "review-content").getAssignee()).isNull();
    }

    @Test
    void textTooLongForXGoesBackToTheCreative() {
        Deliverable d = acmeDeliverable("x");

        drive.draft("cleo", d.briefId, d.contentId, Map.of("x", "a".repeat(265) + " " + CAPITAL_AT_RISK));

        assertSentBackWith(d, "x: text has 282 characters, the limit is 280");
    }

    @Test
    void missingMandatoryMentionGoesBackToTheCreative() {
        Deliverable d = acmeDeliverable("linkedin");

        drive.draft("cleo", d.briefId, d.contentId, Map.of("linkedin", "Open a savings account in minutes."));

        assertSentBackWith(d, "linkedin: mandatory mention missing: \"Capital at risk.\"");
    }

    @Test
    void bannedTermGoesBackToTheCreative() {
        Deliverable d = acmeDeliverable("facebook");

        drive.draft("cleo", d.briefId, d.contentId,
                Map.of("facebook", "Guaranteed returns on every savings account! " + CAPITAL_AT_RISK));

        assertSentBackWith(d, "facebook: banned term used: \"guaranteed returns\"");
    }

    @Test
    void moreThanFiveHashtagsOnInstagramGoBackToTheCreative() {
        Deliverable d = started(drive.briefData("sam", "nova-foods", "standard", deliverable("felix", "instagram")),
                "felix");

        drive.draft("felix", d.briefId, d.contentId,
                Map.of("instagram", "Fresh granola #breakfast #oats #healthy #vegan #morning #crunch"));

        assertSentBackWith(d, "instagram: text has 6 hashtags, the limit is 5");
    }

    @Test
    void correctedDraftAfterViolationsGoesToReview() {
        Deliverable d = acmeDeliverable("linkedin");
        drive.draft("cleo", d.briefId, d.contentId, Map.of("linkedin", "Open a savings account in minutes."));

        drive.compliantDraft("cleo", d.briefId, d.contentId, "linkedin");

        creation(d).hasPassedInOrder("create-content", "Activity_CheckContent", "Gateway_Draft", "create-content",
                        "Activity_CheckContent", "review-content")
                .isWaitingAt("review-content");
        ContentView content = drive.content(d.contentId);
        assertThat(content.violations()).isEmpty();
        assertThat(content.currentRevision().number()).isEqualTo(2);
        assertThat(content.status()).isEqualTo(ContentStatus.IN_REVIEW);
    }

    @Test
    void approvedContentIsReadyForValidation() {
        Deliverable d = acmeDeliverable("linkedin");
        drive.compliantDraft("cleo", d.briefId, d.contentId, "linkedin");

        drive.decide("sam", d.briefId, d.contentId, "review-content", "APPROVE");

        creation(d).hasPassedInOrder("review-content", "Gateway_ContentReviewed", "Event_ContentReady")
                .hasNotPassed("Event_ContentRejected")
                .endedAt("Event_ContentReady");
        ContentView content = drive.content(d.contentId);
        assertThat(content.status()).isEqualTo(ContentStatus.IN_REVIEW);
        assertThat(content.decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.key()).isEqualTo("review-content");
            assertThat(decision.reviewer()).isEqualTo("sam");
            assertThat(decision.decision()).isEqualTo(Verdict.APPROVE);
            assertThat(decision.revisionHash()).isEqualTo(content.currentRevision().hash());
            assertThat(decision.rule()).isEqualTo(ContentItem.CREATION_REVIEW_RULE);
        });
    }

    @Test
    void changesRequestedInReviewReturnToTheCreative() {
        Deliverable d = acmeDeliverable("linkedin");
        drive.compliantDraft("cleo", d.briefId, d.contentId, "linkedin");

        drive.decide("sam", d.briefId, d.contentId, "review-content", "REQUEST_CHANGES");

        creation(d).hasPassedInOrder("review-content", "Gateway_ContentReviewed", "Gateway_Draft", "create-content")
                .hasNotPassed("Event_ContentReady", "Event_ContentRejected")
                .isWaitingAt("create-content");
        assertThat(drive.task(d.briefId, d.contentId, "create-content").getAssignee()).isEqualTo("cleo");
        ContentView content = drive.content(d.contentId);
        assertThat(content.status()).isEqualTo(ContentStatus.IN_CREATION);
        assertThat(content.decisions()).extracting(ContentView.DecisionView::decision)
                .containsExactly(Verdict.REQUEST_CHANGES);
    }

    @Test
    void rejectedContentEndsCreation() {
        Deliverable d = acmeDeliverable("linkedin");
        drive.compliantDraft("cleo", d.briefId, d.contentId, "linkedin");

        drive.decide("sam", d.briefId, d.contentId, "review-content", "REJECT");

        // the error end event (REJECTED) is for brief.bpmn to catch; on its own the instance just ends there
        creation(d).hasPassedInOrder("review-content", "Gateway_ContentReviewed", "Event_ContentRejected")
                .hasNotPassed("Event_ContentReady")
                .endedAt("Event_ContentRejected");
        assertThat(drive.openTasks(d.briefId, d.contentId, "create-content")).isEmpty();
        assertThat(drive.content(d.contentId).decisions()).extracting(ContentView.DecisionView::decision)
                .containsExactly(Verdict.REJECT);
    }

    @Test
    void reviewNamingAStaleRevisionIsRefused() {
        Deliverable d = acmeDeliverable("linkedin");
        drive.compliantDraft("cleo", d.briefId, d.contentId, "linkedin");
        String staleHash = drive.currentHash(d.contentId);
        drive.decide("sam", d.briefId, d.contentId, "review-content", "REQUEST_CHANGES");
        drive.draft("cleo", d.briefId, d.contentId,
                Map.of("linkedin", "Open a savings account in five minutes. " + CAPITAL_AT_RISK));

        assertThatThrownBy(() -> drive.decide("sam", d.briefId, d.contentId, "review-content", "APPROVE", staleHash))
                .isInstanceOf(Conflict.class);

        creation(d).isWaitingAt("review-content");
        ContentView content = drive.content(d.contentId);
        assertThat(content.status()).isEqualTo(ContentStatus.IN_REVIEW);
        assertThat(content.currentRevision().number()).isEqualTo(2);
        assertThat(content.decisions()).extracting(ContentView.DecisionView::decision)
                .containsExactly(Verdict.REQUEST_CHANGES);
    }

    @Test
    void authorCannotReviewTheirOwnRevision() {
        String creativeStrategist = drive.newUser("cs", "acme-bank:creative", "acme-bank:strategist");
        Deliverable d = started(drive.briefData("sam", "acme-bank", "standard", deliverable(creativeStrategist, "linkedin")),
                creativeStrategist);
        drive.compliantDraft(creativeStrategist, d.briefId, d.contentId, "linkedin");

        assertThatThrownBy(() -> drive.decide(creativeStrategist, d.briefId, d.contentId, "review-content", "APPROVE"))
                .isInstanceOf(Conflict.class);

        creation(d).isWaitingAt("review-content");
        assertThat(drive.content(d.contentId).decisions()).isEmpty();

        drive.decide("sam", d.briefId, d.contentId, "review-content", "APPROVE");
        creation(d).endedAt("Event_ContentReady");
    }

    private void assertSentBackWith(Deliverable d, String violation) {
        creation(d).hasPassedInOrder("create-content", "Activity_CheckContent", "Gateway_ContentCompliant",
                        "Gateway_Draft", "create-content")
                .hasNotPassed("review-content")
                .isWaitingAt("create-content");
        assertThat(drive.task(d.briefId, d.contentId, "create-content").getAssignee()).isEqualTo(d.creative);
        ContentView content = drive.content(d.contentId);
        assertThat(content.status()).isEqualTo(ContentStatus.IN_CREATION);
        assertThat(content.violations()).contains(violation);
    }

    /** An acme-bank deliverable (cleo is its creative) whose creation has started: create-content is cleo's. */
    private Deliverable acmeDeliverable(String... platforms) {
        return started(drive.briefData("sam", "acme-bank", "standard", deliverable("cleo", platforms)), "cleo");
    }

    /** Starts creation.bpmn for the brief's one deliverable, with the variables brief.bpmn passes in. */
    private Deliverable started(BriefView brief, String creative) {
        String contentId = onlyContentId(brief);
        ProcessHistory creation = drive.start("creation", brief.id(), Map.of("brand", brief.brand(),
                        "briefId", brief.id(), "contentId", contentId, "creative", creative))
                .hasPassedInOrder("Event_CreationStarted", "Gateway_Draft", "create-content")
                .isWaitingAt("create-content");
        assertThat(drive.content(contentId).status()).isEqualTo(ContentStatus.IN_CREATION);
        return new Deliverable(brief.id(), contentId, creative, creation.id());
    }

    private ProcessHistory creation(Deliverable d) {
        return drive.historyOf(d.creation);
    }

    /** One deliverable and the creation instance the test started for it. */
    private record Deliverable(String briefId, String contentId, String creative, String creation) {
    }
}
