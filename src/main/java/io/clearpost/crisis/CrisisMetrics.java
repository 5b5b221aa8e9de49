package io.clearpost.crisis;

import io.clearpost.support.AfterCommit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Open crises by severity ({@code clearpost.crises.open}, a gauge read from the database at each scrape: the
 * decided severity, else the suggested one) and the time from declaration to the holding statement's publication
 * ({@code clearpost.crisis.time.to.statement}, recorded once the change is committed).
 */
@Component
class CrisisMetrics {

    static final String OPEN = "clearpost.crises.open";
    static final String TIME_TO_STATEMENT = "clearpost.crisis.time.to.statement";

    private final Timer timeToStatement;

    CrisisMetrics(MeterRegistry registry, CrisisRepository crises) {
        for (int severity = 1; severity <= 4; severity++) {
            int s = severity;
            Gauge.builder(OPEN, crises, repository -> repository.countOpenWithSeverity(s))
                    .description("Open crises by severity")
                    .tag("severity", Integer.toString(s))
                    .register(registry);
        }
        this.timeToStatement = Timer.builder(TIME_TO_STATEMENT)
                .description("From a crisis's declaration to its holding statement published")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
                        Duration.ofHours(2), Duration.ofHours(4))
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofDays(1))
                .register(registry);
    }

    void timeToStatement(Duration duration) {
        AfterCommit.run(() -> timeToStatement.record(duration.isNegative() ? Duration.ZERO : duration));
    }
}
