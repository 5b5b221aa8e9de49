package io.clearpost.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clearpost.metrics.scrape-user} / {@code scrape-password} ({@code CLEARPOST_METRICS_SCRAPE_PASSWORD}):
 * a dedicated HTTP Basic credential that may read {@code /actuator/prometheus} and nothing else, so a
 * Prometheus server needs no administrator's password. Without a password only administrators scrape.
 */
@ConfigurationProperties("clearpost.metrics")
public record MetricsSettings(@DefaultValue("prometheus") String scrapeUser, String scrapePassword) {

    public boolean scrapeEnabled() {
        return scrapePassword != null && !scrapePassword.isBlank();
    }
}
