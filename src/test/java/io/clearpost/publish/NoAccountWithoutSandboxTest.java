package io.clearpost.publish;

import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.content.ContentView.Post;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessDriver.Deliverable;
import io.clearpost.support.ProcessDriver.TestBrand;
import io.clearpost.support.ProcessHistory;
import io.clearpost.support.ProcessTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.clearpost.support.ProcessDriver.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production never fakes a publication: with the sandbox off (as {@code clearpost.production=true} has it),
 * a post for a platform the brand has connected no account to fails for a person to resolve; it is never
 * reported as published, and the metrics count it as failed.
 */
@ProcessTest
@TestPropertySource(properties = "clearpost.connectors.sandbox.enabled=false")
class NoAccountWithoutSandboxTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void aPostForAPlatformWithoutAccountGoesToResolvePublicationNotToTheSandbox() {
        ProcessDriver drive = new ProcessDriver(context);
        TestBrand brand = drive.newBrand("linkedin");
        Deliverable d = drive.approved(brand, "linkedin");
        double failedBefore = failedOnLinkedIn();

        Instant publishAt = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3600);
        drive.complete(brand.strategist(), drive.task(d.briefId(), d.contentId(), "schedule-post"),
                Map.of("publishAt", publishAt.atOffset(ZoneOffset.UTC).toString()));
        ProcessHistory publication = drive.historyOf(drive.calledInstance(d.briefId(), d.contentId(), "publication"));
        clockAt(publishAt);
        publication.execute(publication.job("Event_PublishTimeReached"));
        Job post = publication.job("Activity_PublishPost");
        publication.execute(post);

        publication.hasPassedInOrder("Activity_PublishPost", "Event_PublicationFailed", "resolve-publication")
                .hasNotPassed("Event_PostPublished")
                .isWaitingAt("resolve-publication");
        ContentView failed = drive.content(d.contentId());
        assertThat(failed.status()).isEqualTo(ContentStatus.FAILED);
        Post linkedin = failed.publications().get(0);
        assertThat(linkedin.status()).isEqualTo("FAILED");
        assertThat(linkedin.lastError()).isEqualTo("PERMANENT: no account connected for linkedin");
        assertThat(linkedin.url()).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sandbox_post WHERE idempotency_key = ?")
                .param(linkedin.idempotencyKey()).query(Long.class).single()).as("the sandbox took nothing").isZero();
        assertThat(failedOnLinkedIn()).isEqualTo(failedBefore + 1);
    }

    private double failedOnLinkedIn() {
        var counter = Search.in(meters).name("clearpost.publications").tag("platform", "linkedin")
                .tag("outcome", "failed").counter();
        return counter == null ? 0 : counter.count();
    }
}
