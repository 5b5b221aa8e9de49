package io.clearpost.publish.connector.instagram;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.clearpost.support.ConnectorCalls.assertFailure;
import static io.clearpost.support.ConnectorCalls.graphError;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of {@link InstagramConnector} against a stand-in replaying
 * https://developers.facebook.com/docs/instagram-api/guides/content-publishing/,
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container and
 * https://developers.facebook.com/docs/graph-api/guides/error-handling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InstagramConnectorTest {

    /** Where the stand-in serves the media files (the platform downloads them from there too). */
    private static final String CDN = PlatformStandIn.url("instagram", "/cdn/");
    /** The bytes every medium the stand-in serves has, whose SHA-256 the variants carry as approved. */
    private static final byte[] FILE = "approved media bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final String TOKEN = "EAAG-instagram-" + UUID.randomUUID();
    private static final String IG_USER = "17841400000000001";
    private static final String MEDIA = "/v21.0/" + IG_USER + "/media";
    private static final String PUBLISH = "/v21.0/" + IG_USER + "/media_publish";
    private static final String IMAGE = CDN + "granola.jpg";
    private static final String CAPTION = "Fresh granola, baked every morning.\n\nhttps://nova.example/granola";

    @Autowired
    InstagramConnector connector;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    WireMockServer instagram;
    String brand;

    @BeforeEach
    void account() {
        instagram = PlatformStandIn.fresh("instagram");
        instagram.stubFor(get(urlPathMatching("/cdn/.+")).willReturn(aResponse().withBody(FILE)));
        brand = TestIdentities.of(identity).brand(brands, "grams", List.of("instagram"));
        accounts.connect(brand, "instagram", IG_USER, null, null, new Credentials(TOKEN, null, null, null), null, "root");
    }

    @Test
    void publishesAnImageThroughAContainerAndReadsItsPermalink() throws PublishFailure {
        instagram.stubFor(post(MEDIA).willReturn(okJson("{\"id\": \"17900000000000001\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/17900000000000001")).willReturn(okJson(
                "{\"status_code\": \"FINISHED\", \"id\": \"17900000000000001\"}")));
        instagram.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"17950000000000001\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/17950000000000001")).willReturn(okJson(
                "{\"permalink\": \"https://www.instagram.com/p/Cgranola/\", \"id\": \"17950000000000001\"}")));

        PostReceipt receipt = connector.publish(request(image(IMAGE)));

        assertThat(receipt).isEqualTo(new PostReceipt("17950000000000001", "https://www.instagram.com/p/Cgranola/"));
        instagram.verify(1, postRequestedFor(urlPathEqualTo(MEDIA))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("image_url", equalTo(IMAGE))
                .withFormParam("caption", equalTo(CAPTION))
                .withFormParam("access_token", equalTo(TOKEN)));
        instagram.verify(1, getRequestedFor(urlPathEqualTo("/v21.0/17900000000000001"))
                .withQueryParam("fields", equalTo("status_code,status"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        instagram.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH))
                .withFormParam("creation_id", equalTo("17900000000000001"))
                .withFormParam("access_token", equalTo(TOKEN)));
        instagram.verify(1, getRequestedFor(urlPathEqualTo("/v21.0/17950000000000001"))
                .withQueryParam("fields", equalTo("permalink"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        assertThat(platformCalls()).hasSize(4);
    }

    @Test
    void aVideoIsAReelPublishedOnlyOnceProcessingFinished() throws PublishFailure {
        instagram.stubFor(post(MEDIA).willReturn(okJson("{\"id\": \"c-reel\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/c-reel")).inScenario("processing").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"status_code\": \"IN_PROGRESS\"}")).willSetStateTo("processed"));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/c-reel")).inScenario("processing").whenScenarioStateIs("processed")
                .willReturn(okJson("{\"status_code\": \"FINISHED\"}")));
        instagram.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"m-reel\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/m-reel")).willReturn(okJson(
                "{\"permalink\": \"https://www.instagram.com/reel/Creel/\"}")));

        PostReceipt receipt = connector.publish(request(video(CDN + "bake.mp4")));

        assertThat(receipt).isEqualTo(new PostReceipt("m-reel", "https://www.instagram.com/reel/Creel/"));
        instagram.verify(1, postRequestedFor(urlPathEqualTo(MEDIA))
                .withFormParam("media_type", equalTo("REELS"))
                .withFormParam("video_url", equalTo(CDN + "bake.mp4"))
                .withFormParam("caption", equalTo(CAPTION)));
        instagram.verify(2, getRequestedFor(urlPathEqualTo("/v21.0/c-reel")));
        instagram.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)).withFormParam("creation_id", equalTo("c-reel")));
    }

    @Test
    void severalMediaBecomeACarouselOfChildContainers() throws PublishFailure {
        instagram.stubFor(post(MEDIA).withFormParam("image_url", equalTo(CDN + "1.jpg"))
                .willReturn(okJson("{\"id\": \"child-1\"}")));
        instagram.stubFor(post(MEDIA).withFormParam("image_url", equalTo(CDN + "2.jpg"))
                .willReturn(okJson("{\"id\": \"child-2\"}")));
        instagram.stubFor(post(MEDIA).withFormParam("media_type", equalTo("CAROUSEL"))
                .willReturn(okJson("{\"id\": \"carousel\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/carousel")).willReturn(okJson("{\"status_code\": \"FINISHED\"}")));
        instagram.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"m-carousel\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/m-carousel")).willReturn(okJson(
                "{\"permalink\": \"https://www.instagram.com/p/Ccarousel/\"}")));

        connector.publish(request(image(CDN + "1.jpg"), image(CDN + "2.jpg")));

        instagram.verify(2, postRequestedFor(urlPathEqualTo(MEDIA)).withFormParam("is_carousel_item", equalTo("true")));
        instagram.verify(1, postRequestedFor(urlPathEqualTo(MEDIA))
                .withFormParam("media_type", equalTo("CAROUSEL"))
                .withFormParam("children", equalTo("child-1,child-2"))
                .withFormParam("caption", equalTo(CAPTION))
                .withFormParam("access_token", equalTo(TOKEN)));
        instagram.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)).withFormParam("creation_id", equalTo("carousel")));
    }

    @Test
    void aPublishWhoseAnswerWasLostReusesTheRecordedContainer() throws PublishFailure {
        instagram.stubFor(post(MEDIA).willReturn(okJson("{\"id\": \"c-1\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/c-1")).willReturn(okJson("{\"status_code\": \"FINISHED\"}")));
        instagram.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"m-1\"}").withFixedDelay(3_000)));

        assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.RETRYABLE, "outcome is unknown");

        instagram.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"m-1\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/m-1")).willReturn(okJson("{\"permalink\": \"https://www.instagram.com/p/C1/\"}")));
        assertThat(connector.findPost(request(image(IMAGE)))).isEmpty();
        PostReceipt receipt = connector.publish(request(image(IMAGE)));

        assertThat(receipt).isEqualTo(new PostReceipt("m-1", "https://www.instagram.com/p/C1/"));
        instagram.verify(1, postRequestedFor(urlPathEqualTo(MEDIA)));
        instagram.verify(2, postRequestedFor(urlPathEqualTo(PUBLISH)).withFormParam("creation_id", equalTo("c-1")));
        assertThat(connector.findPost(request(image(IMAGE)))).contains(receipt);
        instagram.verify(1, postRequestedFor(urlPathEqualTo(MEDIA)));
        instagram.verify(2, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void aContainerPublishedDespiteALostAnswerIsFoundAndNotPublishedAgain() throws PublishFailure {
        instagram.stubFor(post(MEDIA).willReturn(okJson("{\"id\": \"c-2\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/c-2")).willReturn(okJson("{\"status_code\": \"FINISHED\"}")));
        instagram.stubFor(post(PUBLISH).willReturn(aResponse().withStatus(502)));
        assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.RETRYABLE, "502");

        // Instagram published the container although it answered 502
        instagram.stubFor(get(urlPathEqualTo("/v21.0/c-2")).willReturn(okJson("{\"status_code\": \"PUBLISHED\"}")));
        instagram.stubFor(get(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"data\": ["
                + "{\"id\": \"m-other\", \"caption\": \"Yesterday's post\", \"permalink\": \"https://www.instagram.com/p/Cold/\"},"
                + "{\"id\": \"m-2\", \"caption\": \"" + CAPTION.replace("\n", "\\n") + "\","
                + " \"permalink\": \"https://www.instagram.com/p/C2/\"}]}")));

        PostReceipt found = connector.findPost(request(image(IMAGE))).orElseThrow();

        assertThat(found).isEqualTo(new PostReceipt("m-2", "https://www.instagram.com/p/C2/"));
        instagram.verify(getRequestedFor(urlPathEqualTo(MEDIA))
                .withQueryParam("fields", equalTo("id,caption,permalink"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        instagram.verify(1, postRequestedFor(urlPathEqualTo(MEDIA)));
        instagram.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void aPublishedContainerWhosePostCannotBeFoundIsLeftToAPerson() {
        instagram.stubFor(post(MEDIA).willReturn(okJson("{\"id\": \"c-3\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/c-3")).willReturn(okJson("{\"status_code\": \"FINISHED\"}")));
        instagram.stubFor(post(PUBLISH).willReturn(aResponse().withStatus(500)));
        assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.RETRYABLE, "500");
        instagram.stubFor(get(urlPathEqualTo("/v21.0/c-3")).willReturn(okJson("{\"status_code\": \"PUBLISHED\"}")));
        instagram.stubFor(get(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"data\": []}")));

        assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.PERMANENT, "check the account before publishing again");
        instagram.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void aVideoStillProcessingIsHandedBackAndResumedWithoutASecondContainer() throws PublishFailure {
        instagram.stubFor(post(MEDIA).willReturn(okJson("{\"id\": \"c-slow\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/c-slow")).willReturn(okJson("{\"status_code\": \"IN_PROGRESS\"}")));

        PublishFailure failure = assertFailure(connector, request(video(CDN + "long.mp4")),
                PublishFailure.Kind.PROCESSING, "still processing container c-slow");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(1));

        instagram.stubFor(get(urlPathEqualTo("/v21.0/c-slow")).willReturn(okJson("{\"status_code\": \"FINISHED\"}")));
        instagram.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"m-slow\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/m-slow")).willReturn(okJson("{\"permalink\": \"https://www.instagram.com/reel/Cs/\"}")));
        connector.publish(request(video(CDN + "long.mp4")));

        instagram.verify(1, postRequestedFor(urlPathEqualTo(MEDIA)));
        instagram.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)).withFormParam("creation_id", equalTo("c-slow")));
    }

    @Test
    void aContainerInstagramCouldNotProcessIsRefused() {
        instagram.stubFor(post(MEDIA).willReturn(okJson("{\"id\": \"c-bad\"}")));
        instagram.stubFor(get(urlPathEqualTo("/v21.0/c-bad")).willReturn(okJson(
                "{\"status_code\": \"ERROR\", \"status\": \"Error: 2207026\"}")));

        assertFailure(connector, request(video(CDN + "bad.mp4")), PublishFailure.Kind.PERMANENT,
                "could not publish container c-bad (ERROR: Error: 2207026)");
        instagram.verify(0, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void rateLimitedIsRetriedAfterTheTimeInstagramAsks() {
        instagram.stubFor(post(MEDIA).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        PublishFailure failure = assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.RETRYABLE, "429");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unavailableIsRetriedAfterTheTimeInstagramAsks() {
        instagram.stubFor(post(MEDIA).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

        PublishFailure failure = assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.RETRYABLE, "503");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void anInstagramBusinessUseCaseThrottleIsRetryable() {
        instagram.stubFor(post(MEDIA).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Business-Use-Case-Usage", "{\"1784140\": [{\"type\": \"instagram\", \"call_count\": 100,"
                        + " \"total_cputime\": 10, \"total_time\": 12, \"estimated_time_to_regain_access\": 3}]}")
                .withBody(graphError("There have been too many calls to this Instagram account.", 80002, null))));

        PublishFailure failure = assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.RETRYABLE,
                "too many calls to this Instagram account");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aGraphThrottlingErrorIsRetryableThoughItComesAs400() {
        instagram.stubFor(post(MEDIA).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Business-Use-Case-Usage", "{\"1784140\": [{\"type\": \"instagram\", \"call_count\": 100,"
                        + " \"total_cputime\": 10, \"total_time\": 12, \"estimated_time_to_regain_access\": 7}]}")
                .withBody(graphError("Application request limit reached", 4, null))));

        PublishFailure failure = assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.RETRYABLE,
                "Application request limit reached");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        instagram.stubFor(post(MEDIA).willReturn(aResponse().withStatus(502)));

        PublishFailure failure = assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.RETRYABLE, "502");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void noAnswerInTimeIsAnUnknownOutcomeToRetry() {
        instagram.stubFor(post(MEDIA).willReturn(okJson("{\"id\": \"c-late\"}").withFixedDelay(3_000)));

        assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.RETRYABLE, "outcome is unknown");
    }

    @Test
    void anExpiredTokenAnsweredWith400AsksForAReconnect() {
        instagram.stubFor(post(MEDIA).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("Error validating access token: Session has expired on Tuesday, 01-Jul-25.", 190, 463))));

        assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the instagram account");
    }

    @Test
    void a401AsksForAReconnectSinceInstagramHasNoRefreshGrant() {
        accounts.connect(brand, "instagram", IG_USER, "app-1", null,
                new Credentials(TOKEN, "some-refresh-token", null, null), null, "root");
        instagram.stubFor(post(MEDIA).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("Invalid OAuth access token.", 190, null))));

        assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the instagram account");
        assertThat(platformCalls()).hasSize(1);
    }

    @Test
    void refusedContentIsPermanentWithInstagramsMessage() {
        instagram.stubFor(post(MEDIA).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("The aspect ratio is not supported.", 36003, 2207009))));

        assertFailure(connector, request(image(IMAGE)), PublishFailure.Kind.PERMANENT, "The aspect ratio is not supported.");
        instagram.verify(0, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void aPostWithoutMediaIsRefusedBeforeAnyCall() {
        assertFailure(connector, request(), PublishFailure.Kind.PERMANENT, "needs an image or a video");
        instagram.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void servesOnlyBrandsThatConnectedAnAccount() {
        assertThat(connector.serves(brand, "instagram")).isTrue();
        assertThat(connector.serves(brand, "facebook")).isFalse();
        assertThat(connector.serves("acme-bank", "instagram")).isFalse();
    }

    @Test
    void mediaThatIsNotTheApprovedFileIsNeverOffered() {
        instagram.stubFor(get("/cdn/swapped.mp4").willReturn(aResponse().withBody("other bytes")));
        String swapped = CDN + "swapped.mp4";

        assertFailure(connector, request(image(CDN + "1.jpg"), video(swapped)), PublishFailure.Kind.PERMANENT,
                "media " + swapped + " differs from the approved file");
        instagram.verify(0, postRequestedFor(anyUrl()));
        instagram.verify(1, getRequestedFor(urlPathEqualTo("/cdn/swapped.mp4")));
    }

    private PostRequest request(Variant.Media... media) {
        return new PostRequest(brand, "instagram", brand + ":instagram:key", new Variant(
                "Fresh granola, baked every morning.", List.of(media), "https://nova.example/granola"));
    }

    private static Variant.Media image(String url) {
        return new Variant.Media(url, sha256(FILE), "image/jpeg");
    }

    private static Variant.Media video(String url) {
        return new Variant.Media(url, sha256(FILE), "video/mp4");
    }

    /** What the stand-in received as the platform, without the downloads of media files. */
    private List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> platformCalls() {
        return instagram.getAllServeEvents().stream().filter(e -> !e.getRequest().getUrl().startsWith("/cdn/")).toList();
    }
}
