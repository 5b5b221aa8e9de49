package io.clearpost.publish;

import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import io.clearpost.support.SlaTimerChecks;
import io.clearpost.support.Outboxed;
import io.clearpost.support.InvalidInput;
import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.content.ContentView.Post;
import io.clearpost.schedule.ScheduleService;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessDriver.Deliverable;
import io.clearpost.support.ProcessDriver.TestBrand;
import io.clearpost.support.ProcessHistory;
import io.clearpost.support.ProcessTest;
import io.clearpost.support.FieldError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.clearpost.support.ProcessDriver.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every path of processes/publication.bpmn, on the sandbox connector: the wait for the publish time
 * (and a reschedule during it), cancelling, the freeze and each way out of a held post, the approved
 * hash check, retries, and each way out of a failed publication. Failures come from the sandbox as
 * the test configuration sets it up for the brands {@code sandbox-flaky} and {@code sandbox-refusing}.
 * <p>
 * The model starts at its start event, called by a real brief once the content is scheduled. Nothing runs
 * by itself here (no job executor): a test moves the engine clock to the publish time and fires the timers,
 * then runs each "Publish the post" job, and each retry once the clock reaches the time the engine set for it.
 */
@ProcessTest
@RecordApplicationEvents
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
    HealthEndpoint health;

    @Autowired
    JdbcClient jdbc;

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

    // ---- on time ------------------------------------------------------------------------------

    @Test
    void eachPlatformIsPublishedInParallelAtThePublishTime() {
        TestBrand brand = drive.newBrand("linkedin", "x", "facebook");
        Deliverable d = drive.approved(brand, "linkedin", "x", "facebook");
        Instant publishAt = schedule(d, Duration.ofHours(1));
        ProcessHistory publication = publication(d)
                .hasPassedInOrder("Activity_PreparePublications", "Activity_PublishOnPlatform", "Gateway_TimeOrReschedule")
                .isWaitingAt("Gateway_TimeOrReschedule", "Gateway_TimeOrReschedule", "Gateway_TimeOrReschedule");
        assertThat(publication.jobs("Event_PublishTimeReached")).extracting(job -> job.getDuedate().toInstant())
                .containsOnly(publishAt).hasSize(3);

        // no job executor in this context: a due timer stays where it is until the test runs it
        clockAt(publishAt);
        assertThat(health.healthForPath("jobExecutor").getStatus()).isEqualTo(Status.DOWN);
        assertThat(publication.jobs("Event_PublishTimeReached")).hasSize(3);
        assertThat(drive.content(d.contentId()).status()).isEqualTo(ContentStatus.SCHEDULED);

        fireTimers(publication);
        publication.isWaitingAt("Activity_PublishPost", "Activity_PublishPost", "Activity_PublishPost");
        assertThat(drive.content(d.contentId()).publications()).extracting(Post::status)
                .containsOnly("PENDING");
        publishPosts(publication);

        publication.hasPassedInOrder("Activity_PreparePublications", "Activity_PublishOnPlatform",
                        "Event_PublishTimeReached", "Gateway_ReadyToPublish",
                        "Activity_VerifyApprovedHash", "Activity_PublishPost", "Event_PostPublished",
                        "Activity_MarkPublished", "Event_PublicationDone")
                .hasNotPassed("Event_BrandFrozen", "Activity_HoldPost", "resolve-publication")
                .endedAt("Event_PublicationDone");
        assertThat(Collections.frequency(publication.passed(), "Activity_PublishPost")).isEqualTo(3);
        ContentView published = drive.content(d.contentId());
        assertThat(published.status()).isEqualTo(ContentStatus.PUBLISHED);
        assertThat(published.publications()).extracting(Post::platform)
                .containsExactlyInAnyOrder("linkedin", "x", "facebook");
        assertThat(published.schedule().publishAt().toInstant()).isEqualTo(publishAt);
        assertThat(published.publications()).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo("PUBLISHED");
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(p.publishedAt()).isEqualTo(publishAt);
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
        schedule(d, Duration.ofHours(1));
        publication(d).hasPassedInOrder("Gateway_AwaitPublishTime", "Gateway_TimeOrReschedule")
                .hasNotPassed("Event_PublishTimeReached");

        Instant sooner = now().plus(Duration.ofMinutes(10));
        schedules.reschedule(drive.user(brand.strategist()), d.contentId(), sooner.atOffset(ZoneOffset.UTC).toString(), null);

        ProcessHistory publication = publication(d)
                .hasPassedInOrder("Gateway_TimeOrReschedule", "Event_Rescheduled", "Gateway_AwaitPublishTime",
                        "Gateway_TimeOrReschedule")
                .hasNotPassed("Event_PublishTimeReached");
        assertThat(publication.job("Event_PublishTimeReached").getDuedate().toInstant()).isEqualTo(sooner);
        fireTimers(publication);
        publishPosts(publication);

        publication.hasPassedInOrder("Event_Rescheduled", "Gateway_AwaitPublishTime", "Gateway_TimeOrReschedule",
                        "Event_PublishTimeReached", "Activity_PublishPost")
                .endedAt("Event_PublicationDone");
        ContentView published = drive.content(d.contentId());
        assertThat(published.status()).isEqualTo(ContentStatus.PUBLISHED);
        assertThat(published.schedule().publishAt().toInstant()).isEqualTo(sooner);
        assertThat(published.publications().get(0).publishedAt()).isEqualTo(sooner);
    }

    @Test
    void cancellingTheDeliverableCancelsEveryOpenPost() {
        TestBrand brand = drive.newBrand("linkedin", "x");
        Deliverable d = drive.approved(brand, "linkedin", "x");
        schedule(d, Duration.ofHours(1));

        schedules.cancel(drive.user(brand.strategist()), d.contentId());

        publication(d).hasPassedInOrder("Event_CancelRequested", "Activity_CancelAllPosts",
                        "Event_DeliverableCancelledDuringPublication")
                .hasNotPassed("Event_PublishTimeReached", "Activity_PublishPost", "Activity_MarkPublished")
                .isEnded();
        assertThat(publication(d).jobs()).as("no timer left").isEmpty();
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
        ProcessHistory publication = publication(held.d).isWaitingAt("Activity_PublishPost");
        publishPosts(publication);

        publication.hasPassedInOrder("Activity_HoldPost", "Event_FreezeLifted", "confirm-held-post",
                        "Gateway_HeldPostAction", "Gateway_ReadyToPublish", "Activity_VerifyApprovedHash",
                        "Activity_PublishPost", "Event_PostPublished")
                .endedAt("Event_PublicationDone");
        ContentView published = drive.content(held.d.contentId());
        assertThat(published.status()).isEqualTo(ContentStatus.PUBLISHED);
        assertThat(sandboxPosts(published.publications().get(0).idempotencyKey()))
                .containsExactly(published.publications().get(0).postId());
    }

    @Test
    void aHeldPostCanBeRescheduled() {
        Held held = heldPost();
        Instant later = now().plus(Duration.ofHours(2));

        drive.complete(held.d.brand().strategist(), held.task,
                Map.of("action", "RESCHEDULE", "publishAt", later.atOffset(ZoneOffset.UTC).toString()));

        assertThat(drive.content(held.d.contentId()).schedule().publishAt().toInstant()).isEqualTo(later);
        ProcessHistory publication = publication(held.d).hasPassedInOrder("confirm-held-post", "Gateway_HeldPostAction",
                "Gateway_AwaitPublishTime", "Gateway_TimeOrReschedule");
        assertThat(publication.job("Event_PublishTimeReached").getDuedate().toInstant()).isEqualTo(later);
        fireTimers(publication);
        publishPosts(publication);

        publication.hasPassedInOrder("confirm-held-post", "Gateway_HeldPostAction", "Gateway_AwaitPublishTime",
                        "Event_PublishTimeReached", "Activity_PublishPost")
                .endedAt("Event_PublicationDone");
        ContentView published = drive.content(held.d.contentId());
        assertThat(published.status()).isEqualTo(ContentStatus.PUBLISHED);
        assertThat(published.publications().get(0).publishedAt()).isEqualTo(later);
    }

    @Test
    void aHeldPostWaitingForConfirmationIsRemindedThenEscalated() {
        Held held = heldPost();
        assertThat(new Outboxed(context).subjects("POSTS_HELD", held.d.brand().strategist(), held.d.contentId()))
                .as("the strategist heard of the held post").singleElement().asString().contains("linkedin");
        sla.remindedThenEscalated(held.task, Duration.ofDays(1), "brand-manager");

        drive.complete(held.d.brand().strategist(), held.task, Map.of("action", "CANCEL"));
        sla.timersCancelled(held.task);
    }

    @Test
    void aFailedPublicationWaitingForResolutionIsRemindedThenEscalatedAtAnyHour() {
        Refused refused = refusedPost();
        assertThat(new Outboxed(context).subjects("PUBLICATION_NEEDS_RESOLUTION", refused.d().brand().strategist(),
                refused.task().getId()))
                .as("the strategist is told the post failed, with the platform's error").hasSize(1);
        assertThat(new Outboxed(context).subjects("PUBLICATION_NEEDS_RESOLUTION", refused.d().brand().strategist(),
                "x: PERMANENT: sandbox x refused the post")).hasSize(1);
        sla.remindedThenEscalated(refused.task(), Duration.ofHours(2), "brand-manager");

        drive.complete(refused.d().brand().strategist(), refused.task(), Map.of("action", "CANCEL"));
        sla.timersCancelled(refused.task());
    }

    @Test
    void aHeldPostCanBeCancelled() {
        Held held = heldPost();

        drive.complete(held.d.brand().strategist(), held.task, Map.of("action", "CANCEL"));

        publication(held.d).hasPassedInOrder("confirm-held-post", "Gateway_HeldPostAction", "Gateway_CancelPost",
                        "Activity_CancelPost", "Event_PostCancelled", "Activity_MarkPublished")
                .hasNotPassed("Event_PostPublished")
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
        publication(held.d).isWaitingAt("confirm-held-post");
    }

    /** A post that came due while its brand was frozen, with the freeze lifted: confirm-held-post is open. */
    private Held heldPost() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        freeze.freeze(drive.user(brand.strategist()), brand.id());
        schedule(d, Duration.ofHours(1));
        fireTimers(publication(d));
        publishPosts(publication(d));

        ContentView held = drive.content(d.contentId());
        assertThat(held.status()).isEqualTo(ContentStatus.HELD);
        assertThat(held.publications()).extracting(Post::status).containsExactly("HELD");
        publication(d).hasPassedInOrder("Event_PublishTimeReached", "Activity_VerifyApprovedHash",
                        "Activity_PublishPost", "Event_BrandFrozen", "Activity_HoldPost")
                .hasNotPassed("Event_PostPublished")
                .isWaitingAt("Event_FreezeLifted");
        assertThat(drive.openTasks(d.briefId(), d.contentId(), "confirm-held-post")).as("no task while frozen").isEmpty();
        assertThat(sandboxPosts(held.publications().get(0).idempotencyKey())).isEmpty();

        freeze.unfreeze(drive.user(brand.strategist()), brand.id());

        publication(d).hasPassedInOrder("Activity_HoldPost", "Event_FreezeLifted", "confirm-held-post")
                .isWaitingAt("confirm-held-post");
        return new Held(d, publication(d).task("confirm-held-post"));
    }

    private record Held(Deliverable d, Task task) {
    }

    // ---- the freeze is checked at the last moment, on every path --------------------------------

    @Test
    void aFreezeDuringTheRetryCycleHoldsTheNextAttempt() {
        TestBrand brand = drive.brand("sandbox-flaky", "x", "linkedin");
        Deliverable d = drive.approved(brand, "x");
        schedule(d, Duration.ofHours(1));
        ProcessHistory publication = publication(d);
        fireTimers(publication);
        failsAndIsRetried(publication, "sandbox x unavailable", 2);
        try {
            freeze.freeze(drive.user(brand.strategist()), brand.id());
            runRetry(publication);

            assertHeldWithNothingPosted(d);
        } finally {
            freeze.unfreeze(drive.user(brand.strategist()), brand.id());
        }
        Task confirm = publication(d).isWaitingAt("confirm-held-post").task("confirm-held-post");
        drive.complete(brand.strategist(), confirm, Map.of("action", "PUBLISH_NOW"));
        failsAndIsRetried(publication(d), "sandbox x unavailable", 2); // the sandbox's second planned outage
        runRetry(publication(d));

        assertPublishedOnce(d);
    }

    @Test
    void aFreezeWhileThePlatformIsProcessingHoldsThePost() {
        TestBrand brand = drive.brand("sandbox-processing", "x");
        Deliverable d = drive.approved(brand, "x");
        schedule(d, Duration.ofHours(1));
        ProcessHistory publication = publication(d);
        fireTimers(publication);
        Job processing = publication.job("Activity_PublishPost");
        assertThatThrownBy(() -> publication.execute(processing)).hasMessageContaining("still processing");
        assertThat(publication.job("Activity_PublishPost").getRetries()).as("a processing wait uses up no retry")
                .isEqualTo(processing.getRetries());
        try {
            freeze.freeze(drive.user(brand.strategist()), brand.id());
            runRetry(publication);

            assertHeldWithNothingPosted(d);
        } finally {
            freeze.unfreeze(drive.user(brand.strategist()), brand.id());
        }
        drive.complete(brand.strategist(), publication(d).task("confirm-held-post"), Map.of("action", "PUBLISH_NOW"));
        publishPosts(publication(d));

        assertPublishedOnce(d);
    }

    @Test
    void aFreezeBetweenResolvePublicationAndItsRetryHoldsThePost() {
        Refused refused = refusedPost();
        TestBrand brand = refused.d().brand();
        try {
            freeze.freeze(drive.user(brand.strategist()), brand.id());
            drive.complete(brand.strategist(), refused.task(), Map.of("action", "RETRY"));
            publishPosts(publication(refused.d()));

            publication(refused.d()).hasPassedInOrder("resolve-publication", "Gateway_Resolution",
                    "Gateway_ReadyToPublish", "Activity_VerifyApprovedHash", "Activity_PublishPost",
                    "Event_BrandFrozen", "Activity_HoldPost");
            assertThat(drive.content(refused.d().contentId()).publications())
                    .filteredOn(p -> p.platform().equals("x")).singleElement()
                    .satisfies(p -> assertThat(p.status()).isEqualTo("HELD"));
            assertThat(sandboxPosts(refused.post().idempotencyKey())).isEmpty();
            assertThat(drive.openTasks(refused.d().briefId(), refused.d().contentId(), "confirm-held-post"))
                    .as("no task while frozen").isEmpty();
        } finally {
            freeze.unfreeze(drive.user(brand.strategist()), brand.id());
        }
        Task confirm = publication(refused.d()).task("confirm-held-post");
        drive.complete(brand.strategist(), confirm, Map.of("action", "CANCEL"));
        assertThat(sandboxPosts(refused.post().idempotencyKey())).isEmpty();
    }

    private void assertHeldWithNothingPosted(Deliverable d) {
        ContentView held = drive.content(d.contentId());
        assertThat(held.status()).isEqualTo(ContentStatus.HELD);
        assertThat(held.publications()).extracting(Post::status).containsExactly("HELD");
        assertThat(sandboxPosts(held.publications().get(0).idempotencyKey())).as("nothing posted while frozen").isEmpty();
        publication(d).hasPassedInOrder("Activity_PublishPost", "Event_BrandFrozen", "Activity_HoldPost")
                .isWaitingAt("Event_FreezeLifted");
        assertThat(drive.openTasks(d.briefId(), d.contentId(), "confirm-held-post")).as("no task while frozen").isEmpty();
    }

    private void assertPublishedOnce(Deliverable d) {
        ContentView published = drive.content(d.contentId());
        assertThat(published.status()).isEqualTo(ContentStatus.PUBLISHED);
        Post post = published.publications().get(0);
        assertThat(post.status()).isEqualTo("PUBLISHED");
        assertThat(sandboxPosts(post.idempotencyKey())).containsExactly(post.postId());
        publication(d).endedAt("Event_PublicationDone");
    }

    // ---- approved hash ------------------------------------------------------------------------

    @Test
    void contentChangedAfterApprovalIsNeverPublished() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        tamperWith(d.contentId());
        schedule(d, Duration.ofHours(1));

        fireTimers(publication(d));

        Task resolve = publication(d).hasPassedInOrder("Activity_VerifyApprovedHash", "Event_HashMismatch",
                        "Gateway_NeedsResolution", "resolve-publication")
                .hasNotPassed("Activity_PublishPost")
                .isWaitingAt("resolve-publication")
                .task("resolve-publication");
        assertThat(publication(d).jobs("Activity_PublishPost")).as("nothing to publish").isEmpty();
        Post blocked = drive.content(d.contentId()).publications().get(0);
        assertThat(blocked.status()).isEqualTo("FAILED");
        assertThat(blocked.lastError()).startsWith("content differs from the approved version");
        assertThat(sandboxPosts(blocked.idempotencyKey())).isEmpty();

        // retrying does not help while the stored content differs
        drive.complete(brand.strategist(), resolve, Map.of("action", "RETRY"));
        publication(d).isWaitingAt("resolve-publication");
        assertThat(Collections.frequency(publication(d).passed(), "Event_HashMismatch")).isEqualTo(2);
        assertThat(sandboxPosts(blocked.idempotencyKey())).isEmpty();
    }

    @Test
    void retryingOnceTheApprovedContentIsRestoredPublishesIt() {
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        String approved = tamperWith(d.contentId());
        schedule(d, Duration.ofHours(1));
        fireTimers(publication(d));
        Task resolve = publication(d).task("resolve-publication");

        restore(d.contentId(), approved);
        drive.complete(brand.strategist(), resolve, Map.of("action", "RETRY"));
        publishPosts(publication(d));

        publication(d).hasPassedInOrder("Event_HashMismatch", "resolve-publication", "Gateway_Resolution",
                        "Gateway_ReadyToPublish", "Activity_VerifyApprovedHash", "Activity_PublishPost",
                        "Event_PostPublished")
                .endedAt("Event_PublicationDone");
        ContentView published = drive.content(d.contentId());
        assertThat(published.status()).isEqualTo(ContentStatus.PUBLISHED);
        assertThat(sandboxPosts(published.publications().get(0).idempotencyKey()))
                .containsExactly(published.publications().get(0).postId());
    }

    // ---- failures -----------------------------------------------------------------------------

    @Test
    void retryableFailuresAreRetriedUntilThePostGoesOut() {
        TestBrand brand = drive.brand("sandbox-flaky", "x", "linkedin");
        Deliverable d = drive.approved(brand, "x");
        schedule(d, Duration.ofHours(1));
        ProcessHistory publication = publication(d);
        fireTimers(publication);

        // the sandbox answers 503 twice: each failure is counted and retried on the configured cycle (R3/PT1S)
        failsAndIsRetried(publication, "sandbox x unavailable", 2);
        failsAndIsRetried(publication, "sandbox x unavailable", 1);
        runRetry(publication);

        publication.hasPassedInOrder("Activity_VerifyApprovedHash", "Activity_PublishPost", "Event_PostPublished")
                .hasNotPassed("resolve-publication")
                .endedAt("Event_PublicationDone");
        assertThat(failedAttempts(d)).isEqualTo(2);
        ContentView published = drive.content(d.contentId());
        assertThat(published.status()).isEqualTo(ContentStatus.PUBLISHED);
        Post post = published.publications().get(0);
        assertThat(sandboxPosts(post.idempotencyKey())).containsExactly(post.postId());
    }

    @Test
    void retriesRunningOutGoToTheStrategist() {
        TestBrand brand = drive.brand("sandbox-flaky", "x", "linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        schedule(d, Duration.ofHours(1));
        ProcessHistory publication = publication(d);
        fireTimers(publication);

        failsAndIsRetried(publication, "sandbox linkedin unavailable", 2);
        failsAndIsRetried(publication, "sandbox linkedin unavailable", 1);
        // the last attempt of the cycle raises PUBLICATION_FAILED instead of an incident
        runRetry(publication);

        publication.hasPassedInOrder("Activity_PublishPost", "Event_PublicationFailed", "Gateway_NeedsResolution",
                        "resolve-publication")
                .isWaitingAt("resolve-publication");
        assertThat(failedAttempts(d)).as("retried by the engine before a person is asked").isEqualTo(2);
        ContentView failed = drive.content(d.contentId());
        assertThat(failed.status()).as("a stuck publication is visible").isEqualTo(ContentStatus.FAILED);
        assertThat(failed.publications().get(0).lastError()).startsWith("RETRYABLE: sandbox linkedin unavailable");
        assertThat(sandboxPosts(failed.publications().get(0).idempotencyKey())).isEmpty();
    }

    @Test
    void anExpiredAccessTokenIsNotRetriedBlindly() {
        TestBrand brand = drive.brand("sandbox-refusing", "x", "linkedin", "facebook");
        Deliverable d = drive.approved(brand, "linkedin");
        schedule(d, Duration.ofHours(1));
        fireTimers(publication(d));

        publishPosts(publication(d));

        publication(d).hasPassedInOrder("Activity_PublishPost", "Event_PublicationFailed", "resolve-publication")
                .isWaitingAt("resolve-publication");
        assertThat(failedAttempts(d)).isZero();
        assertThat(drive.content(d.contentId()).publications().get(0).lastError())
                .startsWith("AUTH_EXPIRED: sandbox linkedin access token expired");
    }

    @Test
    void aRefusedPostCanBeRetried() {
        Refused refused = refusedPost();

        drive.complete(refused.d.brand().strategist(), refused.task, Map.of("action", "RETRY"));
        publishPosts(publication(refused.d));

        publication(refused.d).hasPassedInOrder("resolve-publication", "Gateway_Resolution", "Gateway_ReadyToPublish",
                        "Activity_VerifyApprovedHash", "Activity_PublishPost", "Event_PublicationFailed",
                        "resolve-publication")
                .isWaitingAt("resolve-publication");
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

        publication(refused.d).hasPassedInOrder("resolve-publication", "Gateway_Resolution", "Activity_RecordManualPost",
                        "Event_PostPublishedByHand", "Activity_MarkPublished")
                .endedAt("Event_PublicationDone");
        ContentView published = drive.content(refused.d.contentId());
        assertThat(published.status()).isEqualTo(ContentStatus.PUBLISHED);
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
        Instant later = now().plus(Duration.ofHours(2));

        drive.complete(refused.d.brand().strategist(), refused.task,
                Map.of("action", "RESCHEDULE", "publishAt", later.atOffset(ZoneOffset.UTC).toString()));

        assertThat(drive.content(refused.d.contentId()).schedule().publishAt().toInstant()).isEqualTo(later);
        ProcessHistory publication = publication(refused.d).isWaitingAt("Gateway_TimeOrReschedule");
        assertThat(publication.job("Event_PublishTimeReached").getDuedate().toInstant()).isEqualTo(later);
        fireTimers(publication);
        publishPosts(publication);
        publication.hasPassedInOrder("resolve-publication", "Gateway_Resolution", "Gateway_AwaitPublishTime",
                        "Event_PublishTimeReached", "Activity_PublishPost", "Event_PublicationFailed",
                        "resolve-publication")
                .isWaitingAt("resolve-publication");
    }

    @Test
    void aRefusedPostCanBeCancelledWhileTheOtherPlatformsStayPublished() {
        Refused refused = refusedPost();

        drive.complete(refused.d.brand().strategist(), refused.task, Map.of("action", "CANCEL"));

        publication(refused.d).hasPassedInOrder("resolve-publication", "Gateway_Resolution", "Gateway_CancelPost",
                        "Activity_CancelPost", "Event_PostCancelled")
                .endedAt("Event_PublicationDone");
        ContentView done = drive.content(refused.d.contentId());
        assertThat(done.status()).isEqualTo(ContentStatus.PUBLISHED);
        assertThat(done.publications()).extracting(p -> p.platform() + "/" + p.status())
                .containsExactlyInAnyOrder("x/CANCELLED", "facebook/PUBLISHED");
    }

    /** sandbox-refusing's x refuses every post (facebook posts): resolve-publication is open for x. */
    private Refused refusedPost() {
        TestBrand brand = drive.brand("sandbox-refusing", "x", "linkedin", "facebook");
        Deliverable d = drive.approved(brand, "x", "facebook");
        schedule(d, Duration.ofHours(1));
        fireTimers(publication(d));
        publishPosts(publication(d));
        Task task = publication(d).isWaitingAt("resolve-publication").task("resolve-publication");

        assertThat(failedAttempts(d)).as("a refusal is not retried").isZero();
        ContentView failed = drive.content(d.contentId());
        assertThat(failed.status()).isEqualTo(ContentStatus.FAILED);
        Post post = failed.publications().stream().filter(p -> p.platform().equals("x")).findFirst().orElseThrow();
        assertThat(post.status()).isEqualTo("FAILED");
        assertThat(post.lastError()).isEqualTo("PERMANENT: sandbox x refused the post (configured to refuse)");
        assertThat(sandboxPosts(post.idempotencyKey())).isEmpty();
        assertThat(failed.publications()).filteredOn(p -> p.platform().equals("facebook")).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo("PUBLISHED"));
        return new Refused(d, task, post);
    }

    private record Refused(Deliverable d, Task task, Post post) {
    }

    // ---- helpers ------------------------------------------------------------------------------

    private ProcessHistory publication(Deliverable d) {
        return drive.historyOf(drive.calledInstance(d.briefId(), d.contentId(), "publication"));
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The strategist completes schedule-post with a publish time this far ahead: the brief calls the publication. */
    private Instant schedule(Deliverable d, Duration ahead) {
        Instant publishAt = now().plus(ahead);
        drive.complete(d.brand().strategist(), drive.task(d.briefId(), d.contentId(), "schedule-post"),
                Map.of("publishAt", publishAt.atOffset(ZoneOffset.UTC).toString()));
        return publishAt;
    }

    /** The engine clock reaches the publish time, and every platform's timer fires. */
    private static void fireTimers(ProcessHistory publication) {
        List<Job> timers = publication.jobs("Event_PublishTimeReached");
        assertThat(timers).as("publish-time timers").isNotEmpty();
        timers.forEach(timer -> {
            clockAt(timer.getDuedate().toInstant());
            publication.execute(timer);
        });
    }

    /** Runs every platform's "Publish the post" job (asynchronous: the platform call has a transaction of its own). */
    private static void publishPosts(ProcessHistory publication) {
        List<Job> posts = publication.jobs("Activity_PublishPost");
        assertThat(posts).as("publishing jobs").isNotEmpty();
        posts.forEach(publication::execute);
    }

    /** The publishing job fails with the platform's message and stays, with one retry less, due again on the cycle. */
    private static void failsAndIsRetried(ProcessHistory publication, String message, int retriesLeft) {
        Job job = publication.job("Activity_PublishPost");
        if (job.getDuedate() != null) {
            clockAt(job.getDuedate().toInstant());
        }
        assertThatThrownBy(() -> publication.execute(job)).hasMessageContaining(message);
        Job retry = publication.job("Activity_PublishPost");
        assertThat(retry.getRetries()).isEqualTo(retriesLeft);
        assertThat(retry.getExceptionMessage()).contains(message);
        assertThat(retry.getDuedate()).as("due again later").isAfter(ClockUtil.getCurrentTime());
    }

    /** The engine clock reaches the due time of the publishing job's retry, and it runs. */
    private static void runRetry(ProcessHistory publication) {
        Job job = publication.job("Activity_PublishPost");
        clockAt(job.getDuedate().toInstant());
        publication.execute(job);
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
