package io.clearpost.ops;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PublicationMetricsTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final PublicationMetrics metrics = new PublicationMetrics(registry);

    @Test
    void countsOutcomesPerPlatformAndTimesLatenessOfAutomaticPostsOnly() {
        Instant planned = Instant.parse("2027-03-02T09:00:00Z");
        metrics.posted("x", false, planned, planned.plusSeconds(3));
        metrics.posted("x", true, planned, planned.plusSeconds(3600));
        metrics.failed("x");
        metrics.failed("linkedin");

        assertThat(registry.get(PublicationMetrics.PUBLICATIONS).tags("platform", "x", "outcome", "published").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(PublicationMetrics.PUBLICATIONS).tags("platform", "x", "outcome", "recorded-by-hand")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(PublicationMetrics.PUBLICATIONS).tags("platform", "linkedin", "outcome", "failed")
                .counter().count()).isEqualTo(1);
        var lateness = registry.get(PublicationMetrics.LATENESS).tags("platform", "x").timer();
        assertThat(lateness.count()).isEqualTo(1);
        assertThat(lateness.totalTime(TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void aPostBeforeItsTimeCountsAsOnTime() {
        Instant planned = Instant.parse("2027-03-02T09:00:00Z");
        metrics.posted("x", false, planned, planned.minusSeconds(2));
        assertThat(registry.get(PublicationMetrics.LATENESS).timer().totalTime(TimeUnit.SECONDS)).isZero();
    }
}
