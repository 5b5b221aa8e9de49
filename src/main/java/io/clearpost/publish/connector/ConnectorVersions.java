package io.clearpost.publish.connector;

import io.clearpost.engine.EngineClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the configured API versions still work ({@link ConnectorSettings#apiVersion}): the gauge
 * {@code clearpost_connector_version_days_left{platform}} (days until the version's sunset, counted on the
 * engine clock in UTC; no series for a version without a known sunset) and the health component
 * {@code connectorVersions}, whose detail per platform names the version, its sunset, the days left and a
 * {@code status}: {@code OK}, {@code WARN} from {@link #WARN_DAYS} days before the sunset, {@code EXPIRED}
 * from the sunset on, {@code UNKNOWN} when no sunset is known. The component itself is always UP and is not
 * part of the readiness group: an ageing version is for an operator to plan, not a reason to stop serving.
 */
@Component("connectorVersions")
public class ConnectorVersions implements HealthIndicator {

    public static final String DAYS_LEFT = "clearpost.connector.version.days.left";
    /** A version retiring within this many days is reported as {@code WARN}. */
    public static final int WARN_DAYS = 60;

    private final ConnectorSettings settings;

    ConnectorVersions(ConnectorSettings settings, MeterRegistry registry) {
        this.settings = settings;
        for (String platform : ConnectorSettings.versionedPlatforms()) {
            if (settings.apiVersion(platform).sunset() != null) {
                Gauge.builder(DAYS_LEFT, () -> daysLeft(platform, EngineClock.now()))
                        .description("Days until the platform retires the API version Clearpost calls it with")
                        .tag("platform", platform)
                        .register(registry);
            }
        }
    }

    /** Days from the day of {@code now} (UTC) to the sunset of the platform's version; null when none is known. */
    public Long daysLeft(String platform, Instant now) {
        LocalDate sunset = settings.apiVersion(platform).sunset();
        return sunset == null ? null : ChronoUnit.DAYS.between(LocalDate.ofInstant(now, ZoneOffset.UTC), sunset);
    }

    /** OK, WARN (at most {@link #WARN_DAYS} days left), EXPIRED or UNKNOWN, as of {@code now}. */
    public String status(String platform, Instant now) {
        Long days = daysLeft(platform, now);
        return days == null ? "UNKNOWN" : days <= 0 ? "EXPIRED" : days <= WARN_DAYS ? "WARN" : "OK";
    }

    @Override
    public Health health() {
        Instant now = EngineClock.now();
        Health.Builder health = Health.up();
        for (String platform : ConnectorSettings.versionedPlatforms()) {
            ConnectorSettings.ApiVersion version = settings.apiVersion(platform);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("version", version.version());
            detail.put("sunset", version.sunset() == null ? null : version.sunset().toString());
            detail.put("daysLeft", daysLeft(platform, now));
            detail.put("status", status(platform, now));
            health.withDetail(platform, detail);
        }
        return health.build();
    }
}
