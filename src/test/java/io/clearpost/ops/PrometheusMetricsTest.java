package io.clearpost.ops;

import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.Prometheus;
import io.clearpost.task.SlaState;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.model.bpmn.instance.UserTask;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.clearpost.support.Lifecycle.acmeText;
import static io.clearpost.support.Prometheus.value;
import static io.clearpost.support.Prometheus.valueOrZero;
import static org.assertj.core.api.Assertions.assertThat;

/** A brief goes to PUBLISHED on the sandbox; the scrape then shows each metric an operator alerts on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrometheusMetricsTest {

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repository;

    @Autowired
    ManagementService management;

    @Test
    void aPublishedBriefShowsInTheMetrics() {
        Lifecycle flow = Lifecycle.on(port);
        // counters and timers appear with their first observation: before this brief, they may not exist yet
        String before = scrape();
        double published = valueOrZero(before, "clearpost_publications_total", "outcome=\"published\"", "platform=\"x\"");
        double late = valueOrZero(before, "clearpost_publication_lateness_seconds_count", "platform=\"x\"");
        double withinAnHour = valueOrZero(before, "clearpost_publication_lateness_seconds_bucket", "platform=\"x\"",
                "le=\"3600.0\"");
        double drafts = valueOrZero(before, "clearpost_task_cycle_time_seconds_count", "key=\"create-content\"");
        double reviews = valueOrZero(before, "clearpost_task_cycle_time_seconds_count", "key=\"legal-review\"");

        String contentId = flow.submit("sam", Briefs.openNow(
                Briefs.request("acme-bank", "standard", List.of("x"), "cleo"))).contentId();
        // an open task is counted by key and SLA state (the counts are cached for a few seconds)
        awaitAtLeast("clearpost_tasks_open", 1, "key=\"create-content\"", "sla=\"ON_TRACK\"");

        flow.createContent("cleo", contentId, Map.of("x", acmeText("x")));
        flow.review("sam", "review-content", contentId, "APPROVE");
        flow.review("lea", "legal-review", contentId, "APPROVE");
        flow.schedule("sam", contentId, Lifecycle.secondsFromNow(2, "Europe/Paris"));
        flow.awaitStatus("sam", contentId, "PUBLISHED");

        long dueBefore = dueJobs();
        String metrics = scrape();
        long dueAfter = dueJobs();
        assertThat(value(metrics, "clearpost_publications_total", "outcome=\"published\"", "platform=\"x\""))
                .isEqualTo(published + 1);
        // lateness: a histogram with SLO buckets, one observation more
        assertThat(metrics).as("SLO buckets").contains("platform=\"x\",le=\"5.0\"}", "platform=\"x\",le=\"300.0\"}");
        assertThat(value(metrics, "clearpost_publication_lateness_seconds_bucket", "platform=\"x\"", "le=\"3600.0\""))
                .as("the 1 h SLO bucket").isEqualTo(withinAnHour + 1);
        assertThat(value(metrics, "clearpost_publication_lateness_seconds_count", "platform=\"x\"")).isEqualTo(late + 1);
        assertThat(value(metrics, "clearpost_task_cycle_time_seconds_count", "key=\"create-content\""))
                .isEqualTo(drafts + 1);
        assertThat(value(metrics, "clearpost_task_cycle_time_seconds_count", "key=\"legal-review\""))
                .isEqualTo(reviews + 1);
        // every task key of the models has a series per SLA state, zero included
        for (String key : repository.createProcessDefinitionQuery().latestVersion().list().stream()
                .flatMap(d -> repository.getBpmnModelInstance(d.getId()).getModelElementsByType(UserTask.class).stream())
                .map(UserTask::getId).toList()) {
            for (SlaState sla : SlaState.values()) {
                assertThat(value(metrics, "clearpost_tasks_open", "key=\"" + key + "\"", "sla=\"" + sla + "\""))
                        .as("open %s tasks %s", key, sla).isNotNegative();
            }
        }
        // the engine's count of executable jobs at the time of the scrape
        assertThat(value(metrics, "clearpost_jobs_due"))
                .isBetween((double) Math.min(dueBefore, dueAfter), (double) Math.max(dueBefore, dueAfter));
    }

    private long dueJobs() {
        return management.createJobQuery().executable().active().count();
    }

    private String scrape() {
        return Prometheus.scrape(port);
    }

    private void awaitAtLeast(String name, double least, String... labels) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (valueOrZero(scrape(), name, labels) < least) {
            assertThat(System.nanoTime()).as("%s %s to reach %s", name, List.of(labels), least).isLessThan(deadline);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
