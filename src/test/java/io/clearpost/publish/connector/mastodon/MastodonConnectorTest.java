package io.clearpost.publish.connector.mastodon;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.clearpost.content.Variant;
import io.clearpost.publish.account.Credentials;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import io.clearpost.support.PlatformStandIn;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.clearpost.support.ConnectorCalls.assertFailure;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of {@link MastodonConnector} against a stand-in replaying
 * https://docs.joinmastodon.org/methods/statuses/#create and https://docs.joinmastodon.org/methods/media/#v2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MastodonConnectorTest {

    private static final String TOKEN = "mastodon-token-" + UUID.randomUUID();

    @Autowired
    MastodonConnector connector;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    WireMockServer mastodon;
    String brand;

    @BeforeEach
    void account() {
        mastodon = PlatformStandIn.fresh("mastodon");
        brand = TestIdentities.of(identity).brand(brands, "toots", List.of("mastodon"));
        accounts.connect(brand, "mastodon", null, null, null, new Credentials(TOKEN, null, null, null), null, "root");
    }

    @Test
    void postsTheStatusWithTheIdempotencyKey() throws PublishFailure {
        mastodon.stubFor(post("/api/v1/statuses").willReturn(okJson(
                "{\"id\": \"110000000000000001\", \"url\": \"https://mastodon.social/@acme/110000000000000001\"}")));

        PostReceipt receipt = connector.publish(request("Fresh granola, baked every morning.", "https://nova.example/granola"));

        assertThat(receipt).isEqualTo(new PostReceipt("110000000000000001", "https://mastodon.social/@acme/110000000000000001"));
        mastodon.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Idempotency-Key", equalTo(brand + ":mastodon:key"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"status\": \"Fresh granola, baked every morning.\\n\\nhttps://nova.example/granola\","
                        + " \"visibility\": \"public\"}")));
    }

    @Test
    void uploadsMediaFirstAfterCheckingTheApprovedChecksum() throws PublishFailure {
        byte[] image = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
        mastodon.stubFor(get("/files/granola.jpg").willReturn(aResponse().withBody(image)));
        mastodon.stubFor(post("/api/v2/media").willReturn(okJson(
                "{\"id\": \"22\", \"type\": \"image\", \"url\": \"https://files.m.example/22.jpg\"}")));
        mastodon.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\": \"23\", \"url\": \"https://m.example/@a/23\"}")));
        Variant.Media media = new Variant.Media(PlatformStandIn.url("mastodon", "/files/granola.jpg"), sha256(image),
                "image/jpeg");

        connector.publish(new PostRequest(brand, "mastodon", brand + ":mastodon:key",
                new Variant("Granola!", List.of(media), null)));

        mastodon.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/media"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBodyPart(aMultipart("file").withBody(equalTo("not really a jpeg")).build()));
        mastodon.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
                .withRequestBody(equalToJson("{\"status\": \"Granola!\", \"visibility\": \"public\", \"media_ids\": [\"22\"]}")));
    }

    @Test
    void mediaStillProcessingIsAskedForUntilItHasItsUrl() throws PublishFailure {
        mastodon.stubFor(post("/api/v2/media").willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"31\", \"type\": \"video\", \"url\": null}")));
        mastodon.stubFor(get("/api/v1/media/31").inScenario("processing").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(206).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"31\", \"type\": \"video\", \"url\": null}"))
                .willSetStateTo("processed"));
        mastodon.stubFor(get("/api/v1/media/31").inScenario("processing").whenScenarioStateIs("processed")
                .willReturn(okJson("{\"id\": \"31\", \"type\": \"video\", \"url\": \"https://files.m.example/31.mp4\"}")));
        mastodon.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\": \"32\", \"url\": \"https://m.example/@a/32\"}")));

        PostReceipt receipt = connector.publish(clip());

        assertThat(receipt.postId()).isEqualTo("32");
        mastodon.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/media/31"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        mastodon.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
                .withRequestBody(equalToJson("{\"status\": \"Clip!\", \"visibility\": \"public\", \"media_ids\": [\"31\"]}")));
    }

    @Test
    void mediaProcessingLongerEndsTheAttemptAndTheNextOneResumesWithoutUploadingAgain() throws PublishFailure {
        mastodon.stubFor(post("/api/v2/media").willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"41\", \"type\": \"video\", \"url\": null}")));
        mastodon.stubFor(get("/api/v1/media/41").willReturn(aResponse().withStatus(206)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"41\", \"url\": null}")));

        PublishFailure failure = assertFailure(connector, clip(), PublishFailure.Kind.PROCESSING,
                "mastodon is still processing the attachment 41");
        assertThat(failure.retryAfter()).isEqualTo(MastodonConnector.STILL_PROCESSING);
        mastodon.verify(MastodonConnector.STATUS_CHECKS, getRequestedFor(urlPathEqualTo("/api/v1/media/41")));
        mastodon.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/statuses")));

        mastodon.stubFor(get("/api/v1/media/41").willReturn(okJson("{\"id\": \"41\", \"url\": \"https://f.m.example/41.mp4\"}")));
        mastodon.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\": \"42\", \"url\": \"https://m.example/@a/42\"}")));

        assertThat(connector.publish(clip()).postId()).isEqualTo("42");
        mastodon.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/media")));
        mastodon.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
                .withRequestBody(equalToJson("{\"status\": \"Clip!\", \"visibility\": \"public\", \"media_ids\": [\"41\"]}")));
    }

    @Test
    void aStatusRefusedForUnprocessedMediaIsStillProcessingNotARefusal() {
        mastodon.stubFor(post("/api/v2/media").willReturn(okJson(
                "{\"id\": \"51\", \"type\": \"video\", \"url\": \"https://f.m.example/51.mp4\"}")));
        mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"Cannot attach files that have not finished processing. Try again in a moment!\"}")));

        PublishFailure failure = assertFailure(connector, clip(), PublishFailure.Kind.PROCESSING, "still processing");
        assertThat(failure.retryAfter()).isEqualTo(MastodonConnector.STILL_PROCESSING);
    }

    @Test
    void mediaThatIsNotTheApprovedFileIsRefused() {
        byte[] approved = "approved bytes".getBytes(StandardCharsets.UTF_8);
        mastodon.stubFor(get("/files/approved.jpg").willReturn(aResponse().withBody(approved)));
        mastodon.stubFor(get("/files/swapped.jpg").willReturn(aResponse().withBody("other bytes")));
        String swapped = PlatformStandIn.url("mastodon", "/files/swapped.jpg");
        List<Variant.Media> media = List.of(
                new Variant.Media(PlatformStandIn.url("mastodon", "/files/approved.jpg"), sha256(approved), "image/jpeg"),
                new Variant.Media(swapped, sha256(approved), "image/jpeg"));

        assertFailure(connector, new PostRequest(brand, "mastodon", brand + ":mastodon:key", new Variant("x", media, null)),
                PublishFailure.Kind.PERMANENT, "media " + swapped + " differs from the approved file");
        mastodon.verify(0, postRequestedFor(anyUrl())); // not even the first, approved, image is uploaded
    }

    @Test
    void rateLimitedIsRetriedAfterTheTimeMastodonAsks() {
        mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"Too many requests\"}")));

        PublishFailure failure = assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "Too many requests");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rateLimitedWithoutRetryAfterWaitsUntilTheIsoResetTime() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T10:00:00Z")));
        try {
            mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(429)
                    .withHeader("X-RateLimit-Limit", "300").withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", "2026-12-01T10:05:00.000Z")
                    .withHeader("Content-Type", "application/json").withBody("{\"error\": \"Too many requests\"}")));

            PublishFailure failure = assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE,
                    "Too many requests");
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(5).plusSeconds(1));
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(502)));

        PublishFailure failure = assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "502");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void aRevokedTokenAsksForAReconnect() {
        mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"The access token is invalid\"}")));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the mastodon account");
    }

    @Test
    void refusedContentIsPermanentWithMastodonsMessage() {
        mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"Validation failed: Text character limit of 500 exceeded\"}")));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.PERMANENT,
                "Validation failed: Text character limit of 500 exceeded");
    }

    @Test
    void noAnswerInTimeIsAnUnknownOutcomeToRetry() {
        mastodon.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\": \"1\"}").withFixedDelay(3_000)));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "outcome is unknown");
    }

    @Test
    void servesOnlyBrandsThatConnectedAnAccount() {
        assertThat(connector.serves(brand, "mastodon")).isTrue();
        assertThat(connector.serves(brand, "x")).isFalse();
        assertThat(connector.serves("acme-bank", "mastodon")).isFalse();
    }

    private PostRequest clip() {
        byte[] clip = "not really an mp4".getBytes(StandardCharsets.UTF_8);
        mastodon.stubFor(get("/files/clip.mp4").willReturn(aResponse().withBody(clip)));
        Variant.Media media = new Variant.Media(PlatformStandIn.url("mastodon", "/files/clip.mp4"), sha256(clip), "video/mp4");
        return new PostRequest(brand, "mastodon", brand + ":mastodon:key", new Variant("Clip!", List.of(media), null));
    }

    private PostRequest request(String text, String link) {
        return new PostRequest(brand, "mastodon", brand + ":mastodon:key", new Variant(text, null, link));
    }
}
