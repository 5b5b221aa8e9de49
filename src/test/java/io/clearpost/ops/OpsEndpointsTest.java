package io.clearpost.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may see what of the operations endpoints: probes for anyone (status only), the rest for admins. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpsEndpointsTest {

    @LocalServerPort
    int port;

    @Test
    void probesAnswerAnonymouslyWithTheStatusOnly() {
        for (String probe : new String[]{"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Api.Response r = Api.anonymous(port).get(probe);
            assertThat(r.status()).as(probe + " " + r).isEqualTo(200);
            assertThat(r.json().path("status").asText()).isEqualTo("UP");
            assertThat(r.json().has("components")).as("no details for anonymous callers: " + r).isFalse();
            assertThat(r.json().has("details")).isFalse();
        }
    }

    @Test
    void anAdministratorSeesWhatReadinessIsMadeOf() {
        Api.Response r = Api.as(port, "root").get("/actuator/health/readiness");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode components = r.json().path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("jobExecutor").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("jobExecutor").path("details").path("active").asBoolean()).isTrue();
        assertThat(components.path("readinessState").path("status").asText()).isEqualTo("UP");

        // a brand user gets the status of a probe, but no details
        Api.Response asSam = Api.as(port, "sam").get("/actuator/health/readiness");
        assertThat(asSam.status()).isEqualTo(200);
        assertThat(asSam.json().has("components")).isFalse();
    }

    @Test
    void everyOtherActuatorEndpointIsForAdministrators() {
        for (String path : new String[]{"/actuator", "/actuator/metrics", "/actuator/info", "/actuator/prometheus"}) {
            Api.Response anonymous = Api.anonymous(port).get(path);
            assertThat(anonymous.status()).as(path + " " + anonymous).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            Api.Response sam = Api.as(port, "sam").get(path);
            assertThat(sam.status()).as(path + " as sam " + sam).isEqualTo(403);
            assertThat(sam.contentType()).startsWith("application/problem+json");
        }
        assertThat(Api.as(port, "root").get("/actuator/metrics").status()).isEqualTo(200);
        Api.Response scraped = Api.as(port, "root").get("/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.text()).contains("# TYPE clearpost_jobs_due gauge");
    }

    @Test
    void theScrapeCredentialReadsMetricsAndNothingElse() {
        Api prometheus = Api.as(port, "prometheus", "scrape-test-password");
        Api.Response scraped = prometheus.get("/actuator/prometheus");
        assertThat(scraped.status()).as(scraped.toString()).isEqualTo(200);
        assertThat(scraped.text()).contains("clearpost_tasks_open");
        assertThat(prometheus.get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(prometheus.get("/api/tasks").status()).isEqualTo(403);
        assertThat(Api.as(port, "prometheus", "wrong").get("/actuator/prometheus").status()).isEqualTo(401);
    }

    @Test
    void theApiStillNeedsCredentials() {
        Api.Response r = Api.anonymous(port).get("/api/tasks");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(Api.anonymous(port).get("/api/content?brand=acme-bank").status()).isEqualTo(401);
    }
}
