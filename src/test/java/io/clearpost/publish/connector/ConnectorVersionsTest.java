package io.clearpost.publish.connector;

import io.clearpost.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API versions are configuration with a deadline: the defaults are the versions found in the platforms'
 * documentation with their sunsets; the test configuration (application-test.yaml) pins Facebook to
 * {@code v21.0}, retiring 21 January 2027, and LinkedIn to {@code 202601}, retiring 15 January 2027. The
 * engine clock stands for "today", so the days left do not depend on when the test runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectorVersionsTest {

    @LocalServerPort
    int port;

    @Autowired
    ConnectorSettings settings;

    @Autowired
    ConnectorVersions versions;

    @AfterEach
    void today() {
        ClockUtil.reset();
    }

    @Test
    void unconfiguredPlatformsUseTheCurrentVersionsWithTheirDocumentedSunsets() {
        ConnectorSettings defaults = new ConnectorSettings(null, null, null, null, null, null, null, null, null,
                null, null, null, null);

        assertThat(defaults.apiVersion("linkedin"))
                .isEqualTo(new ConnectorSettings.ApiVersion("202603", LocalDate.of(2027, 3, 16)));
        assertThat(defaults.apiVersion("facebook"))
                .isEqualTo(new ConnectorSettings.ApiVersion("v25.0", LocalDate.of(2028, 7, 29)));
        assertThat(defaults.baseUrl("facebook")).isEqualTo("https://graph.facebook.com/v25.0");
        assertThat(defaults.baseUrl("instagram")).isEqualTo("https://graph.facebook.com/v25.0");
        assertThat(defaults.baseUrl("threads")).isEqualTo("https://graph.threads.net/v1.0");
        assertThat(defaults.apiVersion("threads").sunset()).as("Meta announced none").isNull();
        assertThat(defaults.apiVersion("x")).as("not a versioned platform").isNull();
    }

    @Test
    void configuredVersionsReplaceTheDefaultsInPathAndHeader() {
        assertThat(settings.baseUrl("facebook")).endsWith("/v21.0");
        assertThat(settings.apiVersion("facebook"))
                .isEqualTo(new ConnectorSettings.ApiVersion("v21.0", LocalDate.of(2027, 1, 21)));
        assertThat(settings.apiVersion("instagram"))
                .as("a configured version without a configured sunset has none known")
                .isEqualTo(new ConnectorSettings.ApiVersion("v21.0", null));
        assertThat(settings.apiVersion("linkedin").version()).isEqualTo("202601");
        // the WireMock contract tests (FacebookConnectorTest, LinkedInConnectorTest) show the path /v21.0/…
        // and the header LinkedIn-Version: 202601 on the wire
    }

    @Test
    void warnsFromSixtyDaysBeforeTheSunset() {
        assertThat(versions.status("facebook", Instant.parse("2026-11-21T23:00:00Z"))).isEqualTo("OK");
        assertThat(versions.daysLeft("facebook", Instant.parse("2026-11-21T23:00:00Z"))).isEqualTo(61);
        assertThat(versions.status("facebook", Instant.parse("2026-11-22T00:00:00Z"))).isEqualTo("WARN");
        assertThat(versions.status("facebook", Instant.parse("2026-11-23T08:00:00Z"))).isEqualTo("WARN");
        assertThat(versions.daysLeft("facebook", Instant.parse("2026-11-23T08:00:00Z"))).isEqualTo(59);
        assertThat(versions.status("facebook", Instant.parse("2027-01-21T00:00:00Z"))).isEqualTo("EXPIRED");
        assertThat(versions.status("instagram", Instant.parse("2026-11-23T08:00:00Z"))).isEqualTo("UNKNOWN");
    }

    @Test
    void theHealthDetailWarnsWithoutAffectingReadiness() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T08:00:00Z")));

        Health health = versions.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("facebook")).isEqualTo(Map.of("version", "v21.0", "sunset", "2027-01-21",
                "daysLeft", 59L, "status", "WARN"));
        assertThat(((Map<?, ?>) health.getDetails().get("linkedin")).get("status")).isEqualTo("WARN");

        Api.Response detailed = Api.as(port, "root").get("/actuator/health");
        assertThat(detailed.json().at("/components/connectorVersions/details/facebook/status").asText())
                .as(detailed.toString()).isEqualTo("WARN");
        assertThat(detailed.json().at("/components/connectorVersions/status").asText()).isEqualTo("UP");
        Api.Response readiness = Api.anonymous(port).get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theGaugeCountsTheDaysLeftOnTheEngineClock() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-21T12:00:00Z")));
        assertThat(scraped("facebook")).isEqualTo("61.0");

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T12:00:00Z")));
        assertThat(scraped("facebook")).isEqualTo("59.0");
        assertThat(scraped("linkedin")).isEqualTo("53.0");
        assertThat(scraped("instagram")).as("no sunset known, no series").isNull();
    }

    private String scraped(String platform) {
        String body = Api.as(port, "root").get("/actuator/prometheus").text();
        return body.lines()
                .filter(l -> l.startsWith("clearpost_connector_version_days_left") && l.contains("platform=\"" + platform + "\""))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .findFirst().orElse(null);
    }
}
