package io.clearpost.publish.connector.threads;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.clearpost.content.Variant;
import io.clearpost.publish.account.Credentials;
import io.clearpost.publish.account.PlatformAccount;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import static io.clearpost.support.ConnectorCalls.assertFailure;
import static io.clearpost.support.ConnectorCalls.graphError;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of {@link ThreadsConnector} against a stand-in replaying
 * https://developers.facebook.com/docs/threads/posts/, https://developers.facebook.com/docs/threads/troubleshooting,
 * https://developers.facebook.com/docs/threads/get-started/long-lived-tokens/ and
 * https://developers.facebook.com/docs/graph-api/guides/error-handling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ThreadsConnectorTest {

    /** Where the stand-in serves the media files (the platform downloads them from there too). */
    private static final String CDN = PlatformStandIn.url("threads", "/cdn/");
    /** The bytes every medium the stand-in serves has, whose SHA-256 the variants carry as approved. */
    private static final byte[] FILE = "approved media bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final String TOKEN = "THAA-" + UUID.randomUUID();
    private static final String USER = "26170000000000001";
    private static final String THREADS = "/v1.0/" + USER + "/threads";
    private static final String PUBLISH = "/v1.0/" + USER + "/threads_publish";
    private static final String TEXT = "Fresh granola, baked every morning.";
    private static final String LINK = "https://nova.example/granola";

    @Autowired
    ThreadsConnector connector;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    WireMockServer threads;
    String brand;

    @BeforeEach
    void account() {
        threads = PlatformStandIn.fresh("threads");
        threads.stubFor(get(urlPathMatching("/cdn/.+")).willReturn(aResponse().withBody(FILE)));
        brand = TestIdentities.of(identity).brand(brands, "threads", List.of("threads"));
        accounts.connect(brand, "threads", USER, "threads-app-1", null,
                new Credentials(TOKEN, null, "threads-app-secret", null), Instant.now().plus(Duration.ofDays(30)), "root");
    }

    @Test
    void aTextPostIsAContainerPublishedWithItsLinkAsAttachment() throws PublishFailure {
        threads.stubFor(post(THREADS).willReturn(okJson("{\"id\": \"17889615691921648\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/17889615691921648")).willReturn(okJson(
                "{\"status\": \"FINISHED\", \"id\": \"17889615691921648\"}")));
        threads.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"18050000000000001\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/18050000000000001")).willReturn(okJson(
                "{\"permalink\": \"https://www.threads.net/@nova/post/Dgranola\", \"id\": \"18050000000000001\"}")));

        PostReceipt receipt = connector.publish(request());

        assertThat(receipt).isEqualTo(new PostReceipt("18050000000000001", "https://www.threads.net/@nova/post/Dgranola"));
        threads.verify(1, postRequestedFor(urlPathEqualTo(THREADS))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("media_type", equalTo("TEXT"))
                .withFormParam("text", equalTo(TEXT))
                .withFormParam("link_attachment", equalTo(LINK))
                .withFormParam("access_token", equalTo(TOKEN))
                .withFormParam("appsecret_proof", absent()));
        threads.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/17889615691921648"))
                .withQueryParam("fields", equalTo("status,error_message"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        threads.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH))
                .withFormParam("creation_id", equalTo("17889615691921648"))
                .withFormParam("access_token", equalTo(TOKEN)));
        threads.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/18050000000000001"))
                .withQueryParam("fields", equalTo("permalink"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        assertThat(platformCalls()).hasSize(4);
    }

    @Test
    void anImageCarriesTheLinkInItsText() throws PublishFailure {
        stubPublishing("c-img", "m-img");

        connector.publish(request(image(CDN + "granola.jpg")));

        threads.verify(1, postRequestedFor(urlPathEqualTo(THREADS))
                .withFormParam("media_type", equalTo("IMAGE"))
                .withFormParam("image_url", equalTo(CDN + "granola.jpg"))
                .withFormParam("text", equalTo(TEXT + "\n\n" + LINK))
                .withFormParam("link_attachment", absent()));
    }

    @Test
    void severalMediaBecomeACarouselOfChildContainers() throws PublishFailure {
        threads.stubFor(post(THREADS).withFormParam("image_url", equalTo(CDN + "1.jpg"))
                .willReturn(okJson("{\"id\": \"child-1\"}")));
        threads.stubFor(post(THREADS).withFormParam("video_url", equalTo(CDN + "2.mp4"))
                .willReturn(okJson("{\"id\": \"child-2\"}")));
        threads.stubFor(post(THREADS).withFormParam("media_type", equalTo("CAROUSEL"))
                .willReturn(okJson("{\"id\": \"carousel\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/carousel")).willReturn(okJson("{\"status\": \"FINISHED\"}")));
        threads.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"m-carousel\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/m-carousel")).willReturn(okJson("{\"permalink\": \"https://www.threads.net/p/c\"}")));

        connector.publish(request(image(CDN + "1.jpg"), video(CDN + "2.mp4")));

        threads.verify(1, postRequestedFor(urlPathEqualTo(THREADS))
                .withFormParam("is_carousel_item", equalTo("true"))
                .withFormParam("media_type", equalTo("IMAGE")));
        threads.verify(1, postRequestedFor(urlPathEqualTo(THREADS))
                .withFormParam("is_carousel_item", equalTo("true"))
                .withFormParam("media_type", equalTo("VIDEO")));
        threads.verify(1, postRequestedFor(urlPathEqualTo(THREADS))
                .withFormParam("media_type", equalTo("CAROUSEL"))
                .withFormParam("children", equalTo("child-1,child-2"))
                .withFormParam("text", equalTo(TEXT + "\n\n" + LINK)));
        threads.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)).withFormParam("creation_id", equalTo("carousel")));
    }

    @Test
    void anExpiredTokenIsRefreshedWithTheThreadsGrantAndTheCallRepeated() throws PublishFailure {
        threads.stubFor(post(THREADS).withFormParam("access_token", equalTo(TOKEN)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("Error validating access token: Session has expired.", 190, 463))));
        threads.stubFor(get(urlPathEqualTo("/refresh_access_token")).willReturn(okJson(
                "{\"access_token\": \"THAA-renewed\", \"token_type\": \"bearer\", \"expires_in\": 5183944}")));
        threads.stubFor(post(THREADS).withFormParam("access_token", equalTo("THAA-renewed"))
                .willReturn(okJson("{\"id\": \"c-new\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/c-new")).willReturn(okJson("{\"status\": \"FINISHED\"}")));
        threads.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"m-new\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/m-new")).willReturn(okJson("{\"permalink\": \"https://www.threads.net/p/new\"}")));

        PostReceipt receipt = connector.publish(request());

        assertThat(receipt.postId()).isEqualTo("m-new");
        threads.verify(1, getRequestedFor(urlPathEqualTo("/refresh_access_token"))
                .withQueryParam("grant_type", equalTo("th_refresh_token"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        threads.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)).withFormParam("access_token", equalTo("THAA-renewed")));
        PlatformAccount renewed = accounts.find(brand, "threads").orElseThrow();
        assertThat(renewed.accessToken()).isEqualTo("THAA-renewed");
        assertThat(renewed.tokenExpiresAt()).isAfter(Instant.now().plus(Duration.ofDays(59)));
    }

    @Test
    void aTokenPastItsExpiryAsksForAReconnectWithoutTryingARefresh() {
        accounts.connect(brand, "threads", USER, "threads-app-1", null, new Credentials(TOKEN, null, null, null),
                Instant.now().minus(Duration.ofDays(1)), "root");
        threads.stubFor(post(THREADS).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("Error validating access token: Session has expired.", 190, 463))));

        assertFailure(connector, request(), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the threads account");
        threads.verify(0, getRequestedFor(urlPathEqualTo("/refresh_access_token")));
    }

    @Test
    void aRefreshThreadsRefusesAsksForAReconnect() {
        threads.stubFor(post(THREADS).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("Error validating access token: The user has not authorized application.", 190, 458))));
        threads.stubFor(get(urlPathEqualTo("/refresh_access_token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("Error validating access token: The user has not authorized application.", 190, 458))));

        assertFailure(connector, request(), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the threads account");
        threads.verify(1, getRequestedFor(urlPathEqualTo("/refresh_access_token")));
        threads.verify(1, postRequestedFor(urlPathEqualTo(THREADS)));
    }

    @Test
    void aContainerPublishedDespiteALostAnswerIsFoundAndNotPublishedAgain() throws PublishFailure {
        threads.stubFor(post(THREADS).willReturn(okJson("{\"id\": \"c-lost\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/c-lost")).willReturn(okJson("{\"status\": \"FINISHED\"}")));
        threads.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"m-lost\"}").withFixedDelay(3_000)));
        assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "outcome is unknown");

        threads.stubFor(get(urlPathEqualTo("/v1.0/c-lost")).willReturn(okJson("{\"status\": \"PUBLISHED\"}")));
        threads.stubFor(get(urlPathEqualTo(THREADS)).willReturn(okJson("{\"data\": ["
                + "{\"id\": \"m-lost\", \"text\": \"" + TEXT + "\", \"permalink\": \"https://www.threads.net/p/lost\"}]}")));

        PostReceipt found = connector.findPost(request()).orElseThrow();

        assertThat(found).isEqualTo(new PostReceipt("m-lost", "https://www.threads.net/p/lost"));
        threads.verify(getRequestedFor(urlPathEqualTo(THREADS))
                .withQueryParam("fields", equalTo("id,text,permalink"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        threads.stubFor(get(urlPathEqualTo("/v1.0/m-lost")).willReturn(okJson("{\"permalink\": \"https://www.threads.net/p/lost\"}")));
        assertThat(connector.publish(request())).isEqualTo(found);
        threads.verify(1, postRequestedFor(urlPathEqualTo(THREADS)));
        threads.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void aRecordedContainerThatExpiredUnpublishedIsReplacedByANewOne() throws PublishFailure {
        threads.stubFor(post(THREADS).willReturn(okJson("{\"id\": \"c-old\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/c-old")).willReturn(okJson("{\"status\": \"FINISHED\"}")));
        threads.stubFor(post(PUBLISH).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "60")));
        assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "503");

        threads.stubFor(get(urlPathEqualTo("/v1.0/c-old")).willReturn(okJson("{\"status\": \"EXPIRED\"}")));
        threads.stubFor(post(THREADS).willReturn(okJson("{\"id\": \"c-fresh\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/c-fresh")).willReturn(okJson("{\"status\": \"FINISHED\"}")));
        threads.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"m-fresh\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/m-fresh")).willReturn(okJson("{\"permalink\": \"https://www.threads.net/p/fresh\"}")));

        assertThat(connector.findPost(request())).isEmpty();
        assertThat(connector.publish(request()).postId()).isEqualTo("m-fresh");
        threads.verify(2, postRequestedFor(urlPathEqualTo(THREADS)));
        threads.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)).withFormParam("creation_id", equalTo("c-fresh")));
    }

    @Test
    void aVideoThreadsCouldNotProcessIsRefusedWithItsReason() {
        threads.stubFor(post(THREADS).willReturn(okJson("{\"id\": \"c-bad\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/c-bad")).willReturn(okJson(
                "{\"status\": \"ERROR\", \"id\": \"c-bad\", \"error_message\": \"FAILED_DOWNLOADING_VIDEO\"}")));

        assertFailure(connector, request(video(CDN + "gone.mp4")), PublishFailure.Kind.PERMANENT,
                "FAILED_DOWNLOADING_VIDEO");
        threads.verify(0, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void rateLimitedIsRetriedAfterTheTimeThreadsAsks() {
        threads.stubFor(post(THREADS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        PublishFailure failure = assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "429");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unavailableIsRetriedAfterTheTimeThreadsAsks() {
        threads.stubFor(post(THREADS).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "90")));

        PublishFailure failure = assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "503");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aGraphThrottlingErrorIsRetryable() {
        threads.stubFor(post(THREADS).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("Calls to this api have exceeded the rate limit.", 613, null))));

        assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "exceeded the rate limit");
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        threads.stubFor(post(THREADS).willReturn(aResponse().withStatus(500)));

        PublishFailure failure = assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "500");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void noAnswerInTimeIsAnUnknownOutcomeToRetry() {
        threads.stubFor(post(THREADS).willReturn(okJson("{\"id\": \"c\"}").withFixedDelay(3_000)));

        assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "outcome is unknown");
    }

    @Test
    void refusedContentIsPermanentWithThreadsMessage() {
        threads.stubFor(post(THREADS).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("Param text must be at most 500 characters long.", 100, 4279009))));

        assertFailure(connector, request(), PublishFailure.Kind.PERMANENT, "Param text must be at most 500 characters long.");
    }

    @Test
    void servesOnlyBrandsThatConnectedAnAccount() {
        assertThat(connector.serves(brand, "threads")).isTrue();
        assertThat(connector.serves(brand, "instagram")).isFalse();
        assertThat(connector.serves("acme-bank", "threads")).isFalse();
    }

    private void stubPublishing(String container, String media) {
        threads.stubFor(post(THREADS).willReturn(okJson("{\"id\": \"" + container + "\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/" + container)).willReturn(okJson("{\"status\": \"FINISHED\"}")));
        threads.stubFor(post(PUBLISH).willReturn(okJson("{\"id\": \"" + media + "\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/" + media)).willReturn(okJson(
                "{\"permalink\": \"https://www.threads.net/p/" + media + "\"}")));
    }

    @Test
    void mediaThatIsNotTheApprovedFileIsNeverOffered() {
        threads.stubFor(get("/cdn/swapped.jpg").willReturn(aResponse().withBody("other bytes")));
        String swapped = CDN + "swapped.jpg";

        assertFailure(connector, request(video(CDN + "1.mp4"), image(swapped)), PublishFailure.Kind.PERMANENT,
                "media " + swapped + " differs from the approved file");
        threads.verify(0, postRequestedFor(anyUrl()));
        threads.verify(1, getRequestedFor(urlPathEqualTo("/cdn/swapped.jpg")));
    }

    private PostRequest request(Variant.Media... media) {
        return new PostRequest(brand, "threads", brand + ":threads:key", new Variant(TEXT, List.of(media), LINK));
    }

    private static Variant.Media image(String url) {
        return new Variant.Media(url, sha256(FILE), "image/jpeg");
    }

    private static Variant.Media video(String url) {
        return new Variant.Media(url, sha256(FILE), "video/mp4");
    }

    /** What the stand-in received as the platform, without the downloads of media files. */
    private List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> platformCalls() {
        return threads.getAllServeEvents().stream().filter(e -> !e.getRequest().getUrl().startsWith("/cdn/")).toList();
    }
}
