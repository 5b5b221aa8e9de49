package io.clearpost.publish.connector;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.content.Publication;
import io.clearpost.content.PublicationStatus;
import io.clearpost.publish.account.Credentials;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.support.PlatformStandIn;
import io.clearpost.support.ProcessDriver;
import io.clearpost.support.ProcessDriver.Deliverable;
import io.clearpost.support.ProcessDriver.TestBrand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operaton.bpm.engine.HistoryService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publication through real connectors end to end: the brief's process, the engine's jobs and
 * retries, the connectors' HTTP, against WireMock stand-ins of the platforms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ConnectorsEndToEndTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    HistoryService history;

    ProcessDriver drive;
    String mastodonToken;
    String xToken;
    String webhookSecret;

    @BeforeEach
    void driver() {
        drive = new ProcessDriver(context);
        mastodonToken = "tok-" + UUID.randomUUID();
        xToken = "xtok-" + UUID.randomUUID();
        webhookSecret = "whsec-" + UUID.randomUUID();
    }

    @Test
    void oneDeliverableGoesOutOncePerPlatformThoughOnePlatformIsBusyTwice(CapturedOutput output) {
        WireMockServer mastodon = PlatformStandIn.fresh("mastodon");
        WireMockServer x = PlatformStandIn.fresh("x");
        WireMockServer webhook = PlatformStandIn.fresh("webhook");
        TestBrand brand = connected("mastodon", "x", "webhook");
        mastodon.stubFor(post("/api/v1/statuses").inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("busy once"));
        mastodon.stubFor(post("/api/v1/statuses").inScenario("busy").whenScenarioStateIs("busy once")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("recovered"));
        mastodon.stubFor(post("/api/v1/statuses").inScenario("busy").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"id\": \"1101\", \"url\": \"https://mastodon.example/@brand/1101\"}")));
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"data\": {\"id\": \"1790000000000000042\", \"text\": \"Open a savings account\"}}")));
        webhook.stubFor(post("/hooks/clearpost").willReturn(okJson("{\"id\": \"hook-7\"}")));
        Deliverable d = drive.approved(brand, "mastodon", "x", "webhook");

        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);
        ContentView published = drive.awaitStatus(d.contentId(), ContentStatus.PUBLISHED);

        assertThat(published.publications()).extracting(p -> p.platform() + "/" + p.status() + "/" + p.postId())
                .containsExactlyInAnyOrder("mastodon/PUBLISHED/1101", "x/PUBLISHED/1790000000000000042",
                        "webhook/PUBLISHED/hook-7");
        Publication toot = published.publications().stream().filter(p -> p.platform().equals("mastodon")).findFirst()
                .orElseThrow();
        assertThat(toot.url()).isEqualTo("https://mastodon.example/@brand/1101");
        assertThat(successfulPosts(mastodon, "/api/v1/statuses")).hasSize(1);
        assertThat(mastodon.getAllServeEvents()).as("two busy answers, then the post")
                .extracting(e -> e.getResponse().getStatus()).containsExactlyInAnyOrder(503, 503, 200);
        assertThat(mastodon.getAllServeEvents()).extracting(e -> e.getRequest().getHeader("Idempotency-Key"))
                .containsOnly(toot.idempotencyKey());
        assertThat(successfulPosts(x, "/2/tweets")).singleElement().satisfies(post ->
                assertThat(post.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + xToken));
        assertThat(successfulPosts(webhook, "/hooks/clearpost")).hasSize(1);
        assertThat(history.createHistoricJobLogQuery()
                .processInstanceId(drive.calledInstance(d.briefId(), d.contentId(), "publication"))
                .activityIdIn("Activity_PublishPost").failureLog().count()).isEqualTo(2);
        assertThat(output.getAll()).doesNotContain(mastodonToken).doesNotContain(xToken).doesNotContain(webhookSecret);
    }

    @Test
    void anAnswerTooLateForUsStillMeansOnePost() {
        WireMockServer mastodon = PlatformStandIn.fresh("mastodon");
        TestBrand brand = connected("mastodon");
        // the instance creates the status but answers after our read timeout; asked again with the
        // same Idempotency-Key it answers with the status it created, as Mastodon documents
        mastodon.stubFor(post("/api/v1/statuses").inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"id\": \"2202\", \"url\": \"https://mastodon.example/@brand/2202\"}")
                        .withFixedDelay(3_000))
                .willSetStateTo("created"));
        mastodon.stubFor(post("/api/v1/statuses").inScenario("slow").whenScenarioStateIs("created")
                .willReturn(okJson("{\"id\": \"2202\", \"url\": \"https://mastodon.example/@brand/2202\"}")));
        Deliverable d = drive.approved(brand, "mastodon");

        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);
        ContentView published = drive.awaitStatus(d.contentId(), ContentStatus.PUBLISHED);

        Publication toot = published.publications().get(0);
        assertThat(toot.status()).isEqualTo(PublicationStatus.PUBLISHED);
        assertThat(toot.postId()).isEqualTo("2202");
        List<ServeEvent> calls = mastodon.getAllServeEvents();
        assertThat(calls).as("the timed-out call and its retry").hasSize(2);
        assertThat(calls).extracting(e -> e.getRequest().getHeader("Idempotency-Key")).containsOnly(toot.idempotencyKey());
        assertThat(history.createHistoricJobLogQuery()
                .processInstanceId(drive.calledInstance(d.briefId(), d.contentId(), "publication"))
                .activityIdIn("Activity_PublishPost").failureLog().list())
                .singleElement().satisfies(failure -> assertThat(failure.getJobExceptionMessage()).contains("outcome is unknown"));
    }

    /** A brand of its own with accounts connected on the given platforms. */
    private TestBrand connected(String... platforms) {
        TestBrand brand = drive.newBrand(platforms);
        for (String platform : platforms) {
            switch (platform) {
                case "mastodon" -> accounts.connect(brand.id(), "mastodon", null, null, null,
                        new Credentials(mastodonToken, null, null, null), null, brand.strategist());
                case "x" -> accounts.connect(brand.id(), "x", "2244994945", "x-client", null,
                        new Credentials(xToken, null, null, null), null, brand.strategist());
                case "webhook" -> accounts.connect(brand.id(), "webhook", null, null,
                        PlatformStandIn.url("webhook", "/hooks/clearpost"),
                        new Credentials(null, null, null, webhookSecret), null, brand.strategist());
                default -> throw new IllegalArgumentException(platform);
            }
        }
        return brand;
    }

    private static List<ServeEvent> successfulPosts(WireMockServer server, String path) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(path) && e.getResponse().getStatus() / 100 == 2)
                .toList();
    }
}
