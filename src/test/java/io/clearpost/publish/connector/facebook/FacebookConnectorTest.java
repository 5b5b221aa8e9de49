package io.clearpost.publish.connector.facebook;

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
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.clearpost.support.ConnectorCalls.assertFailure;
import static io.clearpost.support.ConnectorCalls.graphError;
import static io.clearpost.support.ConnectorCalls.hmacSha256Hex;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of {@link FacebookConnector} against a stand-in replaying
 * https://developers.facebook.com/docs/pages-api/posts, https://developers.facebook.com/docs/pages/publishing,
 * https://developers.facebook.com/docs/graph-api/photo-uploads and
 * https://developers.facebook.com/docs/graph-api/guides/error-handling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FacebookConnectorTest {

    /** Where the stand-in serves the media files (the platform downloads them from there too). */
    private static final String CDN = PlatformStandIn.url("facebook", "/cdn/");
    /** The bytes every medium the stand-in serves has, whose SHA-256 the variants carry as approved. */
    private static final byte[] FILE = "approved media bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final String TOKEN = "EAAG-page-" + UUID.randomUUID();
    private static final String PAGE = "546349135390552";
    private static final String FEED = "/v21.0/" + PAGE + "/feed";
    private static final String PHOTOS = "/v21.0/" + PAGE + "/photos";
    private static final String VIDEOS = "/v21.0/" + PAGE + "/videos";
    private static final String POSTS = "/v21.0/" + PAGE + "/posts";
    private static final String APP = "1234567890";
    private static final String UPLOADS = "/v21.0/" + APP + "/uploads";
    private static final String SESSION = "upload:MTphdHRhY2htZW50OjVl?sig=ARZ9";
    private static final String SESSION_PATH = "/v21.0/upload:MTphdHRhY2htZW50OjVl";
    private static final String HANDLE = "4:YmFrZS5tcDQ=:dmlkZW8vbXA0:ARb1";
    private static final String USER_TOKEN = "EAAG-user-" + UUID.randomUUID();
    private static final String TEXT = "Fresh granola, baked every morning.";
    private static final String LINK = "https://nova.example/granola";

    @Autowired
    FacebookConnector connector;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    WireMockServer facebook;
    String brand;

    @BeforeEach
    void account() {
        facebook = PlatformStandIn.fresh("facebook");
        facebook.stubFor(get(urlPathMatching("/cdn/.+")).willReturn(aResponse().withBody(FILE)));
        brand = TestIdentities.of(identity).brand(brands, "pages", List.of("facebook"));
        accounts.connect(brand, "facebook", PAGE, null, null, new Credentials(TOKEN, null, null, null), null, "root");
    }

    /** The account as connected for videos: the app id and a user token for the Resumable Upload API. */
    private void withVideoCredentials() {
        accounts.connect(brand, "facebook", PAGE, APP, null, new Credentials(TOKEN, USER_TOKEN, null, null), null, "root");
    }

    @Test
    void textAndLinkArePostedToThePageFeed() throws PublishFailure {
        facebook.stubFor(post(FEED).willReturn(okJson("{\"id\": \"" + PAGE + "_1116689038356556\"}")));
        facebook.stubFor(get(urlPathEqualTo("/v21.0/" + PAGE + "_1116689038356556")).willReturn(okJson(
                "{\"permalink_url\": \"https://www.facebook.com/546349135390552/posts/1116689038356556\"}")));

        PostReceipt receipt = connector.publish(request());

        assertThat(receipt).isEqualTo(new PostReceipt(PAGE + "_1116689038356556",
                "https://www.facebook.com/546349135390552/posts/1116689038356556"));
        facebook.verify(1, postRequestedFor(urlPathEqualTo(FEED))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("message", equalTo(TEXT))
                .withFormParam("link", equalTo(LINK))
                .withFormParam("access_token", equalTo(TOKEN))
                .withFormParam("appsecret_proof", absent()));
        facebook.verify(1, getRequestedFor(urlPathEqualTo("/v21.0/" + PAGE + "_1116689038356556"))
                .withQueryParam("fields", equalTo("permalink_url"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        assertThat(platformCalls()).hasSize(2);
    }

    @Test
    void withTheAppSecretEveryCallCarriesTheAppSecretProof() throws PublishFailure {
        accounts.connect(brand, "facebook", PAGE, "app-1", null, new Credentials(TOKEN, null, "app-secret-1", null),
                null, "root");
        facebook.stubFor(post(FEED).willReturn(okJson("{\"id\": \"p_1\"}")));
        facebook.stubFor(get(urlPathEqualTo("/v21.0/p_1")).willReturn(okJson("{\"permalink_url\": \"https://fb.example/p_1\"}")));

        connector.publish(request());

        String proof = hmacSha256Hex("app-secret-1", TOKEN);
        facebook.verify(1, postRequestedFor(urlPathEqualTo(FEED)).withFormParam("appsecret_proof", equalTo(proof)));
        facebook.verify(1, getRequestedFor(urlPathEqualTo("/v21.0/p_1")).withQueryParam("appsecret_proof", equalTo(proof)));
    }

    @Test
    void onePhotoIsPostedThroughThePagePhotos() throws PublishFailure {
        facebook.stubFor(post(PHOTOS).willReturn(okJson("{\"id\": \"photo-1\", \"post_id\": \"" + PAGE + "_22\"}")));
        facebook.stubFor(get(urlPathEqualTo("/v21.0/" + PAGE + "_22")).willReturn(okJson(
                "{\"permalink_url\": \"https://www.facebook.com/photo/22\"}")));

        PostReceipt receipt = connector.publish(request(image(CDN + "granola.jpg")));

        assertThat(receipt).isEqualTo(new PostReceipt(PAGE + "_22", "https://www.facebook.com/photo/22"));
        facebook.verify(1, postRequestedFor(urlPathEqualTo(PHOTOS))
                .withFormParam("url", equalTo(CDN + "granola.jpg"))
                .withFormParam("message", equalTo(TEXT + "\n\n" + LINK))
                .withFormParam("access_token", equalTo(TOKEN))
                .withFormParam("published", absent()));
        facebook.verify(0, postRequestedFor(urlPathEqualTo(FEED)));
    }

    @Test
    void severalPhotosAreUploadedUnpublishedAndAttachedToOneFeedPost() throws PublishFailure {
        facebook.stubFor(post(PHOTOS).withFormParam("url", equalTo(CDN + "1.jpg"))
                .willReturn(okJson("{\"id\": \"photo-1\"}")));
        facebook.stubFor(post(PHOTOS).withFormParam("url", equalTo(CDN + "2.jpg"))
                .willReturn(okJson("{\"id\": \"photo-2\"}")));
        facebook.stubFor(post(FEED).willReturn(okJson("{\"id\": \"" + PAGE + "_33\"}")));
        facebook.stubFor(get(urlPathEqualTo("/v21.0/" + PAGE + "_33")).willReturn(okJson(
                "{\"permalink_url\": \"https://www.facebook.com/posts/33\"}")));

        connector.publish(request(image(CDN + "1.jpg"), image(CDN + "2.jpg")));

        facebook.verify(2, postRequestedFor(urlPathEqualTo(PHOTOS)).withFormParam("published", equalTo("false")));
        facebook.verify(1, postRequestedFor(urlPathEqualTo(FEED))
                .withFormParam("message", equalTo(TEXT + "\n\n" + LINK))
                .withFormParam("attached_media[0]", equalTo("{\"media_fbid\":\"photo-1\"}"))
                .withFormParam("attached_media[1]", equalTo("{\"media_fbid\":\"photo-2\"}"))
                .withFormParam("access_token", equalTo(TOKEN)));
    }

    @Test
    void oneVideoIsUploadedByTheResumableUploadApiThenPublishedAndItsPostRecorded() throws PublishFailure {
        withVideoCredentials();
        facebook.stubFor(post(urlPathEqualTo(UPLOADS)).willReturn(okJson("{\"id\": \"" + SESSION + "\"}")));
        facebook.stubFor(post(urlPathEqualTo(SESSION_PATH)).willReturn(okJson("{\"h\": \"" + HANDLE + "\"}")));
        facebook.stubFor(post(VIDEOS).willReturn(okJson("{\"id\": \"video-1\"}")));
        facebook.stubFor(get(urlPathEqualTo("/v21.0/video-1")).willReturn(okJson(
                "{\"post_id\": \"" + PAGE + "_1001\", \"id\": \"video-1\"}")));
        facebook.stubFor(get(urlPathEqualTo("/v21.0/" + PAGE + "_1001")).willReturn(okJson(
                "{\"permalink_url\": \"https://www.facebook.com/nova/videos/1/\"}")));

        PostReceipt receipt = connector.publish(request(video(CDN + "bake.mp4")));

        assertThat(receipt).as("the Page post, not the video id")
                .isEqualTo(new PostReceipt(PAGE + "_1001", "https://www.facebook.com/nova/videos/1/"));
        facebook.verify(1, postRequestedFor(urlPathEqualTo(UPLOADS))
                .withQueryParam("file_name", equalTo("bake.mp4"))
                .withQueryParam("file_length", equalTo(Integer.toString(FILE.length)))
                .withQueryParam("file_type", equalTo("video/mp4"))
                .withQueryParam("access_token", equalTo(USER_TOKEN)));
        facebook.verify(1, postRequestedFor(urlPathEqualTo(SESSION_PATH))
                .withQueryParam("sig", equalTo("ARZ9"))
                .withHeader("Authorization", equalTo("OAuth " + USER_TOKEN))
                .withHeader("file_offset", equalTo("0"))
                .withRequestBody(binaryEqualTo(FILE)));
        facebook.verify(1, postRequestedFor(urlPathEqualTo(VIDEOS))
                .withFormParam("fbuploader_video_file_chunk", equalTo(HANDLE))
                .withFormParam("description", equalTo(TEXT + "\n\n" + LINK))
                .withFormParam("access_token", equalTo(TOKEN)));
        facebook.verify(0, postRequestedFor(urlPathEqualTo(VIDEOS)).withFormParam("file_url", matching(".*")));
    }

    @Test
    void anInterruptedVideoUploadResumesAtTheOffsetTheSessionReports() throws PublishFailure {
        withVideoCredentials();
        facebook.stubFor(post(urlPathEqualTo(UPLOADS)).willReturn(okJson("{\"id\": \"" + SESSION + "\"}")));
        facebook.stubFor(post(urlPathEqualTo(SESSION_PATH)).inScenario("upload").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("cut"));
        facebook.stubFor(get(urlPathEqualTo(SESSION_PATH)).willReturn(okJson(
                "{\"id\": \"" + SESSION + "\", \"file_offset\": 8}")));
        facebook.stubFor(post(urlPathEqualTo(SESSION_PATH)).inScenario("upload").whenScenarioStateIs("cut")
                .willReturn(okJson("{\"h\": \"" + HANDLE + "\"}")));
        facebook.stubFor(post(VIDEOS).willReturn(okJson("{\"id\": \"video-2\"}")));
        facebook.stubFor(get(urlPathEqualTo("/v21.0/video-2")).willReturn(okJson("{\"post_id\": \"" + PAGE + "_1002\"}")));
        facebook.stubFor(get(urlPathEqualTo(POSTS)).willReturn(okJson("{\"data\": []}")));
        PostRequest request = request(video(CDN + "bake.mp4"));

        assertFailure(connector, request, PublishFailure.Kind.RETRYABLE, "503");
        PostReceipt receipt = connector.publish(request);

        assertThat(receipt.postId()).isEqualTo(PAGE + "_1002");
        facebook.verify(1, postRequestedFor(urlPathEqualTo(UPLOADS)));
        facebook.verify(1, getRequestedFor(urlPathEqualTo(SESSION_PATH)).withHeader("Authorization", equalTo("OAuth " + USER_TOKEN)));
        facebook.verify(1, postRequestedFor(urlPathEqualTo(SESSION_PATH)).withHeader("file_offset", equalTo("8"))
                .withRequestBody(binaryEqualTo(java.util.Arrays.copyOfRange(FILE, 8, FILE.length))));
        facebook.verify(1, postRequestedFor(urlPathEqualTo(VIDEOS)));
    }

    @Test
    void aVideoWithoutTheAppIdAndUserTokenIsRefusedBeforeAnyCall() {
        assertFailure(connector, request(video(CDN + "bake.mp4")), PublishFailure.Kind.PERMANENT,
                "needs the Meta app id (clientId) and a user access token (refreshToken)");
        facebook.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void photosAndAVideoTogetherAreRefusedBeforeAnyCall() {
        assertFailure(connector, request(image(CDN + "1.jpg"), video(CDN + "2.mp4")),
                PublishFailure.Kind.PERMANENT, "either photos or one video");
        facebook.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundOnThePageAndNotPostedAgain() throws PublishFailure {
        Instant before = Instant.now();
        facebook.stubFor(post(FEED).willReturn(okJson("{\"id\": \"" + PAGE + "_44\"}").withFixedDelay(3_000)));
        assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "outcome is unknown");

        facebook.stubFor(get(urlPathEqualTo(POSTS)).willReturn(okJson("{\"data\": ["
                + "{\"id\": \"" + PAGE + "_43\", \"message\": \"An older post\", \"permalink_url\": \"https://fb.example/43\"},"
                + "{\"id\": \"" + PAGE + "_44\", \"message\": \"" + TEXT + "\", \"permalink_url\": \"https://fb.example/44\"}"
                + "]}")));

        PostReceipt found = connector.findPost(request()).orElseThrow();

        assertThat(found).isEqualTo(new PostReceipt(PAGE + "_44", "https://fb.example/44"));
        facebook.verify(1, getRequestedFor(urlPathEqualTo(POSTS))
                .withQueryParam("fields", equalTo("id,message,permalink_url"))
                .withQueryParam("since", matching("\\d+"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        long since = Long.parseLong(facebook.findAll(getRequestedFor(urlPathEqualTo(POSTS))).get(0)
                .queryParameter("since").firstValue());
        assertThat(since).isBetween(before.getEpochSecond() - 600, before.getEpochSecond());
        // the post id is now recorded: publishing again returns it without posting
        facebook.stubFor(get(urlPathEqualTo("/v21.0/" + PAGE + "_44")).willReturn(okJson("{\"permalink_url\": \"https://fb.example/44\"}")));
        assertThat(connector.publish(request())).isEqualTo(found);
        facebook.verify(1, postRequestedFor(urlPathEqualTo(FEED)));
        facebook.verify(1, getRequestedFor(urlPathEqualTo(POSTS)));
    }

    @Test
    void aPostNotOnThePageAfterALostAnswerIsPostedAgain() throws PublishFailure {
        facebook.stubFor(post(FEED).willReturn(aResponse().withStatus(500)));
        assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "500");
        facebook.stubFor(get(urlPathEqualTo(POSTS)).willReturn(okJson("{\"data\": []}")));
        facebook.stubFor(post(FEED).willReturn(okJson("{\"id\": \"p_2\"}")));
        facebook.stubFor(get(urlPathEqualTo("/v21.0/p_2")).willReturn(okJson("{\"permalink_url\": \"https://fb.example/2\"}")));

        assertThat(connector.findPost(request())).isEmpty();
        assertThat(connector.publish(request())).isEqualTo(new PostReceipt("p_2", "https://fb.example/2"));

        facebook.verify(2, postRequestedFor(urlPathEqualTo(FEED)));
        assertThat(connector.findPost(request())).contains(new PostReceipt("p_2", "https://fb.example/2"));
    }

    @Test
    void nothingAttemptedYetIsNothingToFind() throws PublishFailure {
        assertThat(connector.findPost(request())).isEmpty();
        assertThat(platformCalls()).isEmpty();
    }

    @Test
    void rateLimitedIsRetriedAfterTheTimeFacebookAsks() {
        facebook.stubFor(post(FEED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        PublishFailure failure = assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "429");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unavailableIsRetriedAfterTheTimeFacebookAsks() {
        facebook.stubFor(post(FEED).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "45")));

        PublishFailure failure = assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "503");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aPageThrottlingErrorIsRetryable() {
        facebook.stubFor(post(FEED).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("(#32) Page request limit reached", 32, null))));

        assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "Page request limit reached");
    }

    @Test
    void aPagesBusinessUseCaseThrottleIsRetriedWhenMetaSaysAccessReturns() {
        facebook.stubFor(post(FEED).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Business-Use-Case-Usage", "{\"" + PAGE + "\": [{\"type\": \"pages\", \"call_count\": 100,"
                        + " \"total_cputime\": 25, \"total_time\": 25, \"estimated_time_to_regain_access\": 12}]}")
                .withBody(graphError("(#80001) There have been too many calls to this Page account.", 80001, null))));

        PublishFailure failure = assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE,
                "too many calls to this Page account");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void aCodeBeyondTheBusinessUseCaseRangeIsNotAThrottle() {
        facebook.stubFor(post(FEED).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("(#80015) Unknown", 80015, null))));

        assertFailure(connector, request(), PublishFailure.Kind.PERMANENT, "Graph error 80015");
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        facebook.stubFor(post(FEED).willReturn(aResponse().withStatus(502)));

        PublishFailure failure = assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "502");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void noAnswerInTimeIsAnUnknownOutcomeToRetry() {
        facebook.stubFor(post(FEED).willReturn(okJson("{\"id\": \"p\"}").withFixedDelay(3_000)));

        assertFailure(connector, request(), PublishFailure.Kind.RETRYABLE, "outcome is unknown");
    }

    @Test
    void anInvalidatedPageTokenAnsweredWith400AsksForAReconnect() {
        facebook.stubFor(post(FEED).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("Error validating access token: The session has been invalidated because the user"
                        + " changed their password.", 190, 460))));

        assertFailure(connector, request(), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the facebook account");
    }

    @Test
    void a401AsksForAReconnect() {
        facebook.stubFor(post(FEED).willReturn(aResponse().withStatus(401)));

        assertFailure(connector, request(), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the facebook account");
    }

    @Test
    void refusedContentIsPermanentWithFacebooksMessage() {
        facebook.stubFor(post(FEED).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("(#506) Duplicate status message", 506, null))));

        assertFailure(connector, request(), PublishFailure.Kind.PERMANENT, "(#506) Duplicate status message");
    }

    @Test
    void servesOnlyBrandsThatConnectedAPage() {
        assertThat(connector.serves(brand, "facebook")).isTrue();
        assertThat(connector.serves(brand, "instagram")).isFalse();
        assertThat(connector.serves("acme-bank", "facebook")).isFalse();
    }

    @Test
    void mediaThatIsNotTheApprovedFileIsNeverOffered() {
        facebook.stubFor(get("/cdn/swapped.jpg").willReturn(aResponse().withBody("other bytes")));
        String swapped = CDN + "swapped.jpg";

        assertFailure(connector, request(image(CDN + "1.jpg"), image(swapped)), PublishFailure.Kind.PERMANENT,
                "media " + swapped + " differs from the approved file");
        facebook.verify(0, postRequestedFor(anyUrl()));
        facebook.verify(1, getRequestedFor(urlPathEqualTo("/cdn/swapped.jpg")));
    }

    private PostRequest request(Variant.Media... media) {
        return new PostRequest(brand, "facebook", brand + ":facebook:key", new Variant(TEXT, List.of(media), LINK));
    }

    private static Variant.Media image(String url) {
        return new Variant.Media(url, sha256(FILE), "image/jpeg");
    }

    private static Variant.Media video(String url) {
        return new Variant.Media(url, sha256(FILE), "video/mp4");
    }

    /** What the stand-in received as the platform, without the downloads of media files. */
    private List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> platformCalls() {
        return facebook.getAllServeEvents().stream().filter(e -> !e.getRequest().getUrl().startsWith("/cdn/")).toList();
    }
}
