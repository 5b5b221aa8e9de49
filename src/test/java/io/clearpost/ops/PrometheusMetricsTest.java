package io.clearpost.ops;

import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.clearpost.support.Lifecycle.acmeText;
import static org.assertj.core.api.Assertions.assertThat;

/** A brief goes to PUBLISHED on the sandbox; the scrape then shows each metric an operator alerts on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrometheusMetricsTest {

    @LocalServerPort
    int port;

    @Test
    void aPublishedBriefShowsInTheMetrics() {
        Lifecycle flow = Lifecycle.on(port);
        double publishedBefore = value(scrape(), "clearpost_publications_total", "outcome=\"published\"", "platform=\"x\"");
        double reviewsBefore = value(scrape(), "clearpost_task_cycle_time_seconds_count", "key=\"legal-review\"");

        String contentId = flow.submit("sam", Briefs.openNow(
                Briefs.request("acme-bank", "standard", List.of("x"), "cleo"))).contentId();
        // an open task is counted by key and SLA state (the counts are cached for a few seconds)
        awaitAtLeast("clearpost_tasks_open", 1, "key=\"create-content\"", "sla=\"ON_TRACK\"");

        flow.createContent("cleo", contentId, Map.of("x", acmeText("x")));
        flow.review("sam", "review-content", contentId, "APPROVE");
        flow.review("lea", "legal-review", contentId, "APPROVE");
        flow.schedule("sam", contentId, Lifecycle.secondsFromNow(2, "Europe/Paris"));
        flow.awaitStatus("sam", contentId, "PUBLISHED");

        String metrics = scrape();
        assertThat(value(metrics, "clearpost_publications_total", "outcome=\"published\"", "platform=\"x\""))
                .isEqualTo(publishedBefore + 1);
        // lateness: a histogram with SLO buckets, one observation more
        assertThat(metrics).as("SLO buckets").contains("platform=\"x\",le=\"5.0\"}", "platform=\"x\",le=\"300.0\"}");
        assertThat(value(metrics, "clearpost_publication_lateness_seconds_bucket", "platform=\"x\"", "le=\"3600.0\""))
                .as("the 1 h SLO bucket").isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "clearpost_publication_lateness_seconds_count", "platform=\"x\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "clearpost_task_cycle_time_seconds_count", "key=\"legal-review\""))
                .isEqualTo(reviewsBefore + 1);
        assertThat(value(metrics, "clearpost_task_cycle_time_seconds_count", "key=\"create-content\"")).isGreaterThanOrEqualTo(1);
        // every task key of the models has a series per SLA state, zero included
        for (String sla : new String[]{"ON_TRACK", "AT_RISK", "BREACHED"}) {
            assertThat(value(metrics, "clearpost_tasks_open", "key=\"resolve-publication\"", "sla=\"" + sla + "\""))
                    .isGreaterThanOrEqualTo(0);
        }
        assertThat(value(metrics, "clearpost_jobs_due")).isGreaterThanOrEqualTo(0);
    }

    private String scrape() {
        Api.Response r = Api.as(port, "root").get("/actuator/prometheus");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.text();
    }

    private void awaitAtLeast(String name, double least, String... labels) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (value(scrape(), name, labels) < least) {
            assertThat(System.nanoTime()).as("%s %s to reach %s", name, List.of(labels), least).isLessThan(deadline);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The value of the one sample of {@code name} carrying all the labels; 0 when there is none yet. */
    static double value(String metrics, String name, String... labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        Double found = null;
        while (m.find()) {
            String labelSet = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= labelSet.contains(label);
            }
            if (all) {
                assertThat(found).as("more than one %s sample with %s", name, List.of(labels)).isNull();
                found = Double.parseDouble(m.group(2));
            }
        }
        if (found == null && labels.length == 0) {
            throw new AssertionError("no " + name + " in the scrape");
        }
        return found == null ? 0 : found;
    }
}
