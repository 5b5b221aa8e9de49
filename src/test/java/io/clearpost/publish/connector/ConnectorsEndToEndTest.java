package io.clearpost.publish.connector;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.clearpost.brief.BriefView;
import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.content.ContentView.Post;
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
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.clearpost.support.ConnectorCalls.sha256;
import static io.clearpost.support.ProcessDriver.await;
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

    @Autowired
    ManagementService management;

    ProcessDriver drive;
    String mastodonToken;
    String xToken;
    String webhookSecret;
    String tiktokToken;

    @BeforeEach
    void driver() {
        drive = new ProcessDriver(context);
        mastodonToken = "tok-" + UUID.randomUUID();
        xToken = "xtok-" + UUID.randomUUID();
        webhookSecret = "whsec-" + UUID.randomUUID();
        tiktokToken = "act.tiktok-" + UUID.randomUUID();
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
        Post toot = published.publications().stream().filter(p -> p.platform().equals("mastodon")).findFirst()
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

        Post toot = published.publications().get(0);
        assertThat(toot.status()).isEqualTo("PUBLISHED");
        assertThat(toot.postId()).isEqualTo("2202");
        List<ServeEvent> calls = mastodon.getAllServeEvents();
        assertThat(calls).as("the timed-out call and its retry").hasSize(2);
        assertThat(calls).extracting(e -> e.getRequest().getHeader("Idempotency-Key")).containsOnly(toot.idempotencyKey());
        assertThat(history.createHistoricJobLogQuery()
                .processInstanceId(drive.calledInstance(d.briefId(), d.contentId(), "publication"))
                .activityIdIn("Activity_PublishPost").failureLog().list())
                .singleElement().satisfies(failure -> assertThat(failure.getJobExceptionMessage()).contains("outcome is unknown"));
    }

    // ---- a platform still processing what it accepted ------------------------------------------
    // The test profile retries R3/PT1S and allows 20 s of processing (application-test.yaml). TikTok
    // asks to be polled again after 30 s; the tests let that time pass by making the waiting job due
    // at once, which is all the engine's clock would do.

    private static final byte[] CLIP = "not really an mp4".getBytes(StandardCharsets.UTF_8);
    private static final String STATUS = "/v2/post/publish/status/fetch/";
    private static final String VIDEO_INIT = "/v2/post/publish/video/init/";
    private static final String PROCESSING = "{\"status\": \"PROCESSING_DOWNLOAD\", \"publicaly_available_post_id\": []}";

    @Test
    void aPlatformStillProcessingMoreTimesThanTheRetryCycleAllowsStillPublishesOnce() {
        WireMockServer tiktok = tiktokAccepting();
        String state = STARTED;
        // each attempt after the first asks twice (is it posted? then: how is it going?): 9 answers make
        // the first five attempts end as "still processing", and the sixth finds the post
        for (int answer = 1; answer <= 9; answer++) {
            tiktok.stubFor(post(STATUS).inScenario("moderation").whenScenarioStateIs(state)
                    .willReturn(tiktokData(PROCESSING)).willSetStateTo("processing " + answer));
            state = "processing " + answer;
        }
        tiktok.stubFor(post(STATUS).inScenario("moderation").whenScenarioStateIs(state).willReturn(tiktokData(
                "{\"status\": \"PUBLISH_COMPLETE\", \"publicaly_available_post_id\": [7400000000000000777]}")));
        TestBrand brand = connected("tiktok");
        Deliverable d = approvedVideo(brand);

        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);
        List<Integer> retriesWhileProcessing = new ArrayList<>();
        ContentView published = await("the TikTok post to be published", () -> {
            retriesWhileProcessing.addAll(letProcessingTimePass(d));
            return drive.content(d.contentId());
        }, content -> content.status() == ContentStatus.PUBLISHED);

        Post clip = published.publications().get(0);
        assertThat(clip.status()).isEqualTo("PUBLISHED");
        assertThat(clip.postId()).isEqualTo("7400000000000000777");
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(VIDEO_INIT)));
        tiktok.verify(10, postRequestedFor(urlPathEqualTo(STATUS)));
        assertThat(publishFailures(d)).as("five 'still processing' answers, more than the three attempts of R3/PT1S")
                .hasSize(5).allSatisfy(message -> assertThat(message).contains("tiktok is still processing"));
        assertThat(retriesWhileProcessing).as("waiting for processing used up no retry").isNotEmpty().containsOnly(3);
        drive.historyOf(drive.calledInstance(d.briefId(), d.contentId(), "publication"))
                .hasNotPassed("resolve-publication").endedAt("Event_PublicationDone");
    }

    @Test
    void processingLongerThanTheMaxProcessingWaitGoesToTheStrategistWithoutASecondPost() {
        WireMockServer tiktok = tiktokAccepting();
        tiktok.stubFor(post(STATUS).willReturn(tiktokData(PROCESSING)));
        TestBrand brand = connected("tiktok");
        Deliverable d = approvedVideo(brand);

        drive.schedule(brand.strategist(), d.briefId(), d.contentId(), 1);
        await("a resolve-publication task", () -> {
            letProcessingTimePass(d);
            return drive.openTasks(d.briefId(), d.contentId(), "resolve-publication");
        }, tasks -> !tasks.isEmpty());

        Post clip = drive.content(d.contentId()).publications().get(0);
        assertThat(clip.status()).isEqualTo("FAILED");
        assertThat(clip.lastError()).startsWith("RETRYABLE: tiktok is still processing publish v_pub_url~v2.777")
                .contains("longer than the PT20S clearpost.publication.max-processing-wait allows");
        assertThat(publishFailures(d)).as("after the wait, 'still processing' counts: R3 means two retried attempts,"
                        + " and the third goes to the strategist")
                .filteredOn(message -> message.contains("max-processing-wait")).hasSize(2);
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(VIDEO_INIT)));
        drive.historyOf(drive.calledInstance(d.briefId(), d.contentId(), "publication"))
                .hasPassedInOrder("Activity_PublishPost", "Event_PublicationFailed", "resolve-publication");
    }

    /** A TikTok stand-in that serves the approved clip and accepts a Direct Post as publish v_pub_url~v2.777. */
    private WireMockServer tiktokAccepting() {
        WireMockServer tiktok = PlatformStandIn.fresh("tiktok");
        tiktok.stubFor(get("/media/clip.mp4").willReturn(aResponse().withBody(CLIP)));
        tiktok.stubFor(post("/v2/post/publish/creator_info/query/").willReturn(tiktokData(
                "{\"creator_username\": \"novafoods\", \"privacy_level_options\": [\"PUBLIC_TO_EVERYONE\"]}")));
        tiktok.stubFor(post(VIDEO_INIT).willReturn(tiktokData("{\"publish_id\": \"v_pub_url~v2.777\"}")));
        return tiktok;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tiktokData(String data) {
        return okJson("{\"data\": " + data + ", \"error\": {\"code\": \"ok\", \"message\": \"\", \"log_id\": \"1\"}}");
    }

    /** A deliverable for TikTok whose approved variant is the stand-in's clip. */
    private Deliverable approvedVideo(TestBrand brand) {
        BriefView brief = drive.submitBrief(brand.strategist(), brand.id(), "standard",
                ProcessDriver.deliverableOpenNow(brand.creative(), "tiktok"));
        String contentId = ProcessDriver.onlyContentId(brief);
        Map<String, Object> clip = Map.of("url", PlatformStandIn.url("tiktok", "/media/clip.mp4"), "sha256", sha256(CLIP),
                "type", "video/mp4");
        drive.complete(brand.creative(), drive.task(brief.id(), contentId, "create-content"), Map.of("variants",
                Map.of("tiktok", Map.of("text", "Open a savings account in minutes. " + ProcessDriver.CAPITAL_AT_RISK,
                        "media", List.of(clip), "privacy", "PUBLIC_TO_EVERYONE"))));
        drive.decide(brand.strategist(), brief.id(), contentId, "review-content", "APPROVE");
        return new Deliverable(brand, brief.id(), contentId);
    }

    /**
     * Makes a publishing job that waits for the platform's processing due now, as if its 30 s had passed;
     * answers the retries each such job had left.
     */
    private List<Integer> letProcessingTimePass(Deliverable d) {
        List<String> instances = drive.calledInstances(d.briefId(), d.contentId(), "publication");
        List<Integer> retries = new ArrayList<>();
        for (String instance : instances) {
            for (Job job : management.createJobQuery().processInstanceId(instance).list()) {
                if (job.getExceptionMessage() != null && job.getExceptionMessage().contains("still processing")
                        && job.getDuedate() != null && job.getDuedate().after(new Date())) {
                    try {
                        management.setJobDuedate(job.getId(), new Date());
                        retries.add(job.getRetries());
                    } catch (RuntimeException runningNow) {
                        // the job executor took it in the meantime: it is being asked already
                    }
                }
            }
        }
        return retries;
    }

    /** The messages of the publishing job's failed runs, oldest first. */
    private List<String> publishFailures(Deliverable d) {
        return history.createHistoricJobLogQuery()
                .processInstanceId(drive.calledInstance(d.briefId(), d.contentId(), "publication"))
                .activityIdIn("Activity_PublishPost").failureLog().orderByTimestamp().asc().list().stream()
                .map(failure -> failure.getJobExceptionMessage()).toList();
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
                case "tiktok" -> accounts.connect(brand.id(), "tiktok", "novafoods", "aw-client-key", null,
                        new Credentials(tiktokToken, null, null, null), null, brand.strategist());
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
