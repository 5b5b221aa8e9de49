package io.clearpost.publish;

import io.clearpost.support.InvalidInput;
import io.clearpost.support.FieldError;
import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.content.ContentView.Post;
import io.clearpost.schedule.ScheduleService;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessDriver.Deliverable;
import io.clearpost.support.ProcessDriver.TestBrand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.clearpost.support.ProcessDriver.await;
import static io.clearpost.support.ProcessDriver.secondsFromNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every path of processes/publication.bpmn, on the sandbox connector: the wait for the publish time
 * (and a reschedule during it), cancelling, the freeze and each way out of a held post, the approved
 * hash check, retries, and each way out of a failed publication. Failures come from the sandbox as
 * the test configuration sets it up for the brands {@code sandbox-flaky} and {@code sandbox-refusing}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublicationProcessTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    ScheduleService schedules;

    @Autowired
    BrandFreeze freeze;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    ProcessDriver drive;

    @BeforeEach
    void driver() {
        drive = new ProcessDriver(context);
    }

    // ---- on time ------------------------------------------------------------------------------

    @Test
    void eachPlatformIsPublishedInParallelAtThePublishTime() {
        TestBrand brand = drive.newBrand("linkedin", "x", "facebook");
        Deliverable d = drive.approved(brand, "linkedin", "x", "facebook");

        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);
        ContentView published = drive.awaitStatus(d.contentId(), ContentStatus.PUBLISHED);

        publication(d).hasPassedInOrder("Activity_PreparePublications", "Activity_PublishOnPlatform",
                        "Event_PublishTimeReached", "Gateway_BrandFrozen", "Gateway_ReadyToPublish",
                        "Activity_VerifyApprovedHash", "Activity_PublishPost", "Event_PostPublished",
                        "Activity_MarkPublished", "Event_PublicationDone")
                .hasNotPassed("Activity_HoldPost", "resolve-publication")
                .endedAt("Event_PublicationDone");
        assertThat(Collections.frequency(publication(d).passed(), "Activity_PublishPost")).isEqualTo(3);
        assertThat(published.publications()).extracting(Post::platform)
                .containsExactlyInAnyOrder("linkedin", "x", "facebook");
        Instant publishAt = published.schedule().publishAt().toInstant();
        assertThat(published.publications()).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo("PUBLISHED");
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(p.publishedAt()).isAfterOrEqualTo(publishAt);
            assertThat(sandboxPosts(p.idempotencyKey())).containsExactly(p.postId());
        });
        drive.historyOf(drive.briefInstance(d.briefId()))
                .hasPassedInOrder("Activity_Schedule", "Activity_Publish", "Event_DeliverablePublished")
                .endedAt("Event_BriefCompleted");
    }

    @Test
    void reschedulingBeforeThePublishTimeRestartsTheWait() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 3600);
        publication(d).hasPassedInOrder("Gateway_AwaitPublishTime", "Gateway_TimeOrReschedule")
                .hasNotPassed("Event_PublishTimeReached");

        String soon = secondsFromNow(1);
        schedules.reschedule(drive.user(brand.strategist()), d.contentId(), soon, null);
        ContentView published = drive.awaitStatus(d.contentId(), ContentStatus.PUBLISHED);

        publication(d).hasPassedInOrder("Gateway_TimeOrReschedule", "Event_Rescheduled", "Gateway_AwaitPublishTime",
                        "Gateway_TimeOrReschedule", "Event_PublishTimeReached", "Activity_PublishPost")
                .endedAt("Event_PublicationDone");
        assertThat(published.schedule().publishAt().toInstant()).isEqualTo(OffsetDateTime.parse(soon).toInstant());
        assertThat(published.publications().get(0).publishedAt()).isAfterOrEqualTo(OffsetDateTime.parse(soon).toInstant());
    }

    @Test
    void cancellingTheDeliverableCancelsEveryOpenPost() {
        TestBrand brand = drive.newBrand("linkedin", "x");
        Deliverable d = drive.approved(brand, "linkedin", "x");
        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 3600);

        schedules.cancel(drive.user(brand.strategist()), d.contentId());

        publication(d).hasPassedInOrder("Event_CancelRequested", "Activity_CancelAllPosts",
                        "Event_DeliverableCancelledDuringPublication")
                .hasNotPassed("Event_PublishTimeReached", "Activity_PublishPost", "Activity_MarkPublished")
                .isEnded();
        ContentView cancelled = drive.content(d.contentId());
        assertThat(cancelled.status()).isEqualTo(ContentStatus.CANCELLED);
        assertThat(cancelled.publications()).extracting(Post::status)
                .containsOnly("CANCELLED");
        cancelled.publications().forEach(p -> assertThat(sandboxPosts(p.idempotencyKey())).isEmpty());
        drive.historyOf(drive.briefInstance(d.briefId()))
                .hasPassedInOrder("Activity_Publish", "Event_CancelledDuringPublication", "Event_PublicationCancelled")
                .hasNotPassed("Event_DeliverablePublished")
                .endedAt("Event_BriefCompleted");
    }

    // ---- freeze -------------------------------------------------------------------------------

    @Test
    void aPostDueDuringAFreezeIsHeldAndPublishedWhenTheStrategistConfirms() {
        Held held = heldPost();

        drive.complete(held.d.brand().strategist(), held.task, Map.of("action", "PUBLISH_NOW"));

        ContentView published = drive.awaitStatus(held.d.contentId(), ContentStatus.PUBLISHED);
        publication(held.d).hasPassedInOrder("Activity_HoldPost", "Event_FreezeLifted", "confirm-held-post",
                        "Gateway_HeldPostAction", "Gateway_ReadyToPublish", "Activity_VerifyApprovedHash",
                        "Activity_PublishPost", "Event_PostPublished")
                .endedAt("Event_PublicationDone");
        assertThat(sandboxPosts(published.publications().get(0).idempotencyKey()))
                .containsExactly(published.publications().get(0).postId());
    }

    @Test
    void aHeldPostCanBeRescheduled() {
        Held held = heldPost();
        String later = secondsFromNow(2);

        drive.complete(held.d.brand().strategist(), held.task, Map.of("action", "RESCHEDULE", "publishAt", later));

        assertThat(drive.content(held.d.contentId()).schedule().publishAt().toInstant()).isEqualTo(OffsetDateTime.parse(later).toInstant());
        ContentView published = drive.awaitStatus(held.d.contentId(), ContentStatus.PUBLISHED);
        publication(held.d).hasPassedInOrder("confirm-held-post", "Gateway_HeldPostAction", "Gateway_AwaitPublishTime",
                        "Event_PublishTimeReached", "Gateway_BrandFrozen", "Activity_PublishPost")
                .endedAt("Event_PublicationDone");
        assertThat(published.publications().get(0).publishedAt()).isAfterOrEqualTo(OffsetDateTime.parse(later).toInstant());
    }

    @Test
    void aHeldPostCanBeCancelled() {
        Held held = heldPost();

        drive.complete(held.d.brand().strategist(), held.task, Map.of("action", "CANCEL"));

        publication(held.d).hasPassedInOrder("confirm-held-post", "Gateway_HeldPostAction", "Gateway_CancelPost",
                        "Activity_CancelPost", "Event_PostCancelled", "Activity_MarkPublished")
                .hasNotPassed("Activity_PublishPost")
                .endedAt("Event_PublicationDone");
        ContentView cancelled = drive.content(held.d.contentId());
        assertThat(cancelled.status()).isEqualTo(ContentStatus.CANCELLED);
        assertThat(sandboxPosts(cancelled.publications().get(0).idempotencyKey())).isEmpty();
    }

    @Test
    void aHeldPostCannotBeRetriedOnlyPublishedRescheduledOrCancelled() {
        Held held = heldPost();
        assertThatThrownBy(() -> drive.complete(held.d.brand().strategist(), held.task, Map.of("action", "RETRY")))
                .isInstanceOf(InvalidInput.class);
        assertThat(drive.openTasks(held.d.briefId(), held.d.contentId(), "confirm-held-post")).hasSize(1);
    }

    /** A post that came due while its brand was frozen, with the freeze lifted: confirm-held-post is open. */
    private Held heldPost() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        freeze.freeze(drive.user(brand.strategist()), brand.id());
        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);

        ContentView held = drive.awaitStatus(d.contentId(), ContentStatus.HELD);
        assertThat(held.publications()).extracting(Post::status).containsExactly("HELD");
        publication(d).hasPassedInOrder("Event_PublishTimeReached", "Gateway_BrandFrozen", "Activity_HoldPost")
                .hasNotPassed("Activity_VerifyApprovedHash", "Activity_PublishPost")
                .isWaitingAt("Event_FreezeLifted");
        assertThat(drive.openTasks(d.briefId(), d.contentId(), "confirm-held-post")).as("no task while frozen").isEmpty();
        assertThat(sandboxPosts(held.publications().get(0).idempotencyKey())).isEmpty();

        freeze.unfreeze(drive.user(brand.strategist()), brand.id());

        publication(d).hasPassedInOrder("Activity_HoldPost", "Event_FreezeLifted", "confirm-held-post")
                .isWaitingAt("confirm-held-post");
        return new Held(d, drive.task(d.briefId(), d.contentId(), "confirm-held-post"));
    }

    private record Held(Deliverable d, Task task) {
    }

    // ---- approved hash ------------------------------------------------------------------------

    @Test
    void contentChangedAfterApprovalIsNeverPublished() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        tamperWith(d.contentId());

        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);
        Task resolve = awaitResolution(d);

        publication(d).hasPassedInOrder("Activity_VerifyApprovedHash", "Event_HashMismatch", "Gateway_NeedsResolution",
                        "resolve-publication")
                .hasNotPassed("Activity_PublishPost");
        Post blocked = drive.content(d.contentId()).publications().get(0);
        assertThat(blocked.status()).isEqualTo("FAILED");
        assertThat(blocked.lastError()).startsWith("content differs from the approved version");
        assertThat(sandboxPosts(blocked.idempotencyKey())).isEmpty();

        // retrying does not help while the stored content differs
        drive.complete(brand.strategist(), resolve, Map.of("action", "RETRY"));
        awaitResolution(d);
        assertThat(Collections.frequency(publication(d).passed(), "Event_HashMismatch")).isEqualTo(2);
        assertThat(sandboxPosts(blocked.idempotencyKey())).isEmpty();
    }

    @Test
    void retryingOnceTheApprovedContentIsRestoredPublishesIt() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        String approved = tamperWith(d.contentId());
        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);
        Task resolve = awaitResolution(d);

        restore(d.contentId(), approved);
        drive.complete(brand.strategist(), resolve, Map.of("action", "RETRY"));

        ContentView published = drive.awaitStatus(d.contentId(), ContentStatus.PUBLISHED);
        publication(d).hasPassedInOrder("Event_HashMismatch", "resolve-publication", "Gateway_Resolution",
                        "Gateway_ReadyToPublish", "Activity_VerifyApprovedHash", "Activity_PublishPost",
                        "Event_PostPublished")
                .endedAt("Event_PublicationDone");
        assertThat(sandboxPosts(published.publications().get(0).idempotencyKey()))
                .containsExactly(published.publications().get(0).postId());
    }

    // ---- failures -----------------------------------------------------------------------------

    @Test
    void retryableFailuresAreRetriedUntilThePostGoesOut() {
        TestBrand brand = drive.brand("sandbox-flaky", "x", "linkedin");
        Deliverable d = drive.approved(brand, "x");
        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);

        ContentView published = drive.awaitStatus(d.contentId(), ContentStatus.PUBLISHED);

        publication(d).hasPassedInOrder("Activity_VerifyApprovedHash", "Activity_PublishPost", "Event_PostPublished")
                .hasNotPassed("resolve-publication")
                .endedAt("Event_PublicationDone");
        assertThat(failedAttempts(d)).as("the sandbox answers 503 twice, then posts").isEqualTo(2);
        Post post = published.publications().get(0);
        assertThat(sandboxPosts(post.idempotencyKey())).containsExactly(post.postId());
    }

    @Test
    void retriesRunningOutGoToTheStrategist() {
        TestBrand brand = drive.brand("sandbox-flaky", "x", "linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);

        awaitResolution(d);

        publication(d).hasPassedInOrder("Activity_PublishPost", "Event_PublicationFailed", "Gateway_NeedsResolution",
                "resolve-publication");
        assertThat(failedAttempts(d)).as("retried by the engine before a person is asked").isGreaterThanOrEqualTo(2);
        ContentView failed = drive.content(d.contentId());
        assertThat(failed.status()).as("a stuck publication is visible").isEqualTo(ContentStatus.FAILED);
        assertThat(failed.publications().get(0).lastError()).startsWith("RETRYABLE: sandbox linkedin unavailable");
        assertThat(sandboxPosts(failed.publications().get(0).idempotencyKey())).isEmpty();
    }

    @Test
    void anExpiredAccessTokenIsNotRetriedBlindly() {
        TestBrand brand = drive.brand("sandbox-refusing", "x", "linkedin", "facebook");
        Deliverable d = drive.approved(brand, "linkedin");
        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);

        awaitResolution(d);

        assertThat(failedAttempts(d)).isZero();
        assertThat(drive.content(d.contentId()).publications().get(0).lastError())
                .startsWith("AUTH_EXPIRED: sandbox linkedin access token expired");
    }

    @Test
    void aRefusedPostCanBeRetried() {
        Refused refused = refusedPost();

        drive.complete(refused.d.brand().strategist(), refused.task, Map.of("action", "RETRY"));

        awaitResolution(refused.d);
        publication(refused.d).hasPassedInOrder("resolve-publication", "Gateway_Resolution", "Gateway_ReadyToPublish",
                "Activity_VerifyApprovedHash", "Activity_PublishPost", "Event_PublicationFailed", "resolve-publication");
        assertThat(refused.post().attempts()).isEqualTo(1);
        assertThat(drive.content(refused.d.contentId()).publications()).filteredOn(p -> p.platform().equals("x"))
                .singleElement().satisfies(p -> assertThat(p.attempts()).isEqualTo(2));
    }

    @Test
    void aPostMadeByHandIsRecorded() {
        Refused refused = refusedPost();
        String url = "https://x.com/acme/status/1234567890";

        assertThatThrownBy(() -> drive.complete(refused.d.brand().strategist(), refused.task,
                Map.of("action", "PUBLISH_NOW")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("url");
                });
        drive.complete(refused.d.brand().strategist(), refused.task, Map.of("action", "PUBLISH_NOW", "url", url));

        ContentView published = drive.awaitStatus(refused.d.contentId(), ContentStatus.PUBLISHED);
        publication(refused.d).hasPassedInOrder("resolve-publication", "Gateway_Resolution", "Activity_RecordManualPost",
                        "Event_PostPublishedByHand", "Activity_MarkPublished")
                .endedAt("Event_PublicationDone");
        assertThat(published.publications()).filteredOn(p -> p.platform().equals("x")).singleElement()
                .satisfies(p -> {
                    assertThat(p.status()).isEqualTo("PUBLISHED");
                    assertThat(p.url()).isEqualTo(url);
                    assertThat(sandboxPosts(p.idempotencyKey())).isEmpty();
                });
    }

    @Test
    void aRefusedPostCanBeRescheduled() {
        Refused refused = refusedPost();
        String later = secondsFromNow(2);

        drive.complete(refused.d.brand().strategist(), refused.task, Map.of("action", "RESCHEDULE", "publishAt", later));

        assertThat(drive.content(refused.d.contentId()).schedule().publishAt().toInstant()).isEqualTo(OffsetDateTime.parse(later).toInstant());
        awaitResolution(refused.d);
        publication(refused.d).hasPassedInOrder("resolve-publication", "Gateway_Resolution", "Gateway_AwaitPublishTime",
                "Event_PublishTimeReached", "Activity_PublishPost", "Event_PublicationFailed", "resolve-publication");
    }

    @Test
    void aRefusedPostCanBeCancelledWhileTheOtherPlatformsStayPublished() {
        Refused refused = refusedPost();

        drive.complete(refused.d.brand().strategist(), refused.task, Map.of("action", "CANCEL"));

        ContentView done = drive.awaitStatus(refused.d.contentId(), ContentStatus.PUBLISHED);
        publication(refused.d).hasPassedInOrder("resolve-publication", "Gateway_Resolution", "Gateway_CancelPost",
                        "Activity_CancelPost", "Event_PostCancelled")
                .endedAt("Event_PublicationDone");
        assertThat(done.publications()).extracting(p -> p.platform() + "/" + p.status())
                .containsExactlyInAnyOrder("x/CANCELLED", "facebook/PUBLISHED");
    }

    /** sandbox-refusing's x refuses every post (facebook posts): resolve-publication is open for x. */
    private Refused refusedPost() {
        TestBrand brand = drive.brand("sandbox-refusing", "x", "linkedin", "facebook");
        Deliverable d = drive.approved(brand, "x", "facebook");
        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);
        Task task = awaitResolution(d);

        assertThat(failedAttempts(d)).as("a refusal is not retried").isZero();
        ContentView failed = drive.content(d.contentId());
        assertThat(failed.status()).isEqualTo(ContentStatus.FAILED);
        Post post = failed.publications().stream().filter(p -> p.platform().equals("x")).findFirst().orElseThrow();
        assertThat(post.status()).isEqualTo("FAILED");
        assertThat(post.lastError()).isEqualTo("PERMANENT: sandbox x refused the post (configured to refuse)");
        assertThat(sandboxPosts(post.idempotencyKey())).isEmpty();
        await("facebook to be published", () -> drive.content(d.contentId()).publications(),
                ps -> ps.stream().anyMatch(p -> p.platform().equals("facebook") && "PUBLISHED".equals(p.status())));
        return new Refused(d, task, post);
    }

    private record Refused(Deliverable d, Task task, Post post) {
    }

    // ---- helpers ------------------------------------------------------------------------------

    private io.clearpost.support.ProcessHistory publication(Deliverable d) {
        return drive.historyOf(drive.calledInstance(d.briefId(), d.contentId(), "publication"));
    }

    /** Waits for the (newest) resolve-publication task of the deliverable and returns it. */
    private Task awaitResolution(Deliverable d) {
        List<Task> open = await("a resolve-publication task for " + d.contentId(),
                () -> drive.openTasks(d.briefId(), d.contentId(), "resolve-publication"), tasks -> !tasks.isEmpty());
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    /** How often the engine ran the publishing job and it failed (each such run is retried later). */
    private long failedAttempts(Deliverable d) {
        return history.createHistoricJobLogQuery()
                .processInstanceId(drive.calledInstance(d.briefId(), d.contentId(), "publication"))
                .activityIdIn("Activity_PublishPost").failureLog().count();
    }

    /** The post ids the sandbox platform holds for an idempotency key. */
    private List<String> sandboxPosts(String idempotencyKey) {
        return jdbc.sql("SELECT post_id FROM sandbox_post WHERE idempotency_key = ?").param(idempotencyKey)
                .query(String.class).list();
    }

    /** Changes the stored text behind the approval's back; returns the bytes that were approved. */
    private String tamperWith(String contentId) {
        String approved = jdbc.sql("SELECT canonical_json FROM revision WHERE content_id = ? ORDER BY number DESC")
                .param(contentId).query(String.class).list().get(0);
        assertThat(approved).contains("Open a savings account");
        restore(contentId, approved.replace("Open a savings account", "Open a risky account"));
        return approved;
    }

    private void restore(String contentId, String canonicalJson) {
        int updated = jdbc.sql("UPDATE revision SET canonical_json = ? WHERE content_id = ?")
                .params(canonicalJson, contentId).update();
        assertThat(updated).isEqualTo(1);
    }
}
