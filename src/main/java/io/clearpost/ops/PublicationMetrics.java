package io.clearpost.ops;

import io.clearpost.support.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Publications by platform and outcome ({@code clearpost.publications}: {@code published},
 * {@code recorded-by-hand}, {@code failed}) and how late a post went out after its publish time
 * ({@code clearpost.publication.lateness}, a histogram with SLO buckets). Counted once the change is
 * committed, so a rolled-back attempt that the engine retries is not counted twice.
 */
@Component
public class PublicationMetrics {

    public static final String PUBLICATIONS = "clearpost.publications";
    public static final String LATENESS = "clearpost.publication.lateness";

    private final MeterRegistry registry;

    PublicationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A post the connector published ({@code byHand=false}) or a strategist recorded. */
    public void posted(String platform, boolean byHand, Instant publishAt, Instant publishedAt) {
        AfterCommit.run(() -> {
            outcome(platform, byHand ? "recorded-by-hand" : "published").increment();
            if (!byHand && publishAt != null && publishedAt != null) {
                Duration late = Duration.between(publishAt, publishedAt);
                lateness(platform).record(late.isNegative() ? Duration.ZERO : late);
            }
        });
    }

    public void failed(String platform) {
        AfterCommit.run(() -> outcome(platform, "failed").increment());
    }

    private Counter outcome(String platform, String outcome) {
        return Counter.builder(PUBLICATIONS)
                .description("Posts by platform and outcome")
                .tag("platform", platform)
                .tag("outcome", outcome)
                .register(registry);
    }

    private Timer lateness(String platform) {
        return Timer.builder(LATENESS)
                .description("Actual publication time minus the planned publishAt")
                .tag("platform", platform)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1))
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(6))
                .register(registry);
    }

}
