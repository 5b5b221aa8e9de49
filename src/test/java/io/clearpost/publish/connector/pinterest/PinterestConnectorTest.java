package io.clearpost.publish.connector.pinterest;

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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.clearpost.support.ConnectorCalls.assertFailure;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of {@link PinterestConnector} against a stand-in replaying
 * https://developers.pinterest.com/docs/api/v5/pins-create, the video media upload
 * (https://developers.pinterest.com/docs/content/update/), boards/{id}/pins and the OAuth refresh grant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PinterestConnectorTest {

    private static final String BOARD = "549755885175";
    private static final String TOKEN = "pina_" + UUID.randomUUID();
    private static final String PIN_ID = "813744226420795884";
    private static final byte[] IMAGE = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VIDEO = "not really an mp4".getBytes(StandardCharsets.UTF_8);

    @Autowired
    PinterestConnector connector;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    WireMockServer pinterest;
    String brand;

    @BeforeEach
    void account() {
        pinterest = PlatformStandIn.fresh("pinterest");
        brand = TestIdentities.of(identity).brand(brands, "pins", List.of("pinterest"));
        connect(null);
        pinterest.stubFor(get("/files/granola.jpg").willReturn(aResponse().withBody(IMAGE)));
        pinterest.stubFor(get("/files/spring.mp4").willReturn(aResponse().withBody(VIDEO)));
    }

    @Test
    void pinsTheImageWithTitleDescriptionAndLink() throws PublishFailure {
        pinterest.stubFor(post("/v5/pins").willReturn(created()));

        PostReceipt receipt = connector.publish(image("Fresh granola\nBaked every morning with honey.",
                "https://nova.example/granola"));

        assertThat(receipt).isEqualTo(new PostReceipt(PIN_ID, "https://www.pinterest.com/pin/" + PIN_ID + "/"));
        pinterest.verify(1, getRequestedFor(urlEqualTo("/files/granola.jpg")));
        pinterest.verify(1, postRequestedFor(urlEqualTo("/v5/pins"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"board_id": "%s", "title": "Fresh granola", "description": "Baked every morning with honey.",
                         "link": "https://nova.example/granola",
                         "media_source": {"source_type": "image_url", "url": "%s"}}""".formatted(BOARD,
                        PlatformStandIn.url("pinterest", "/files/granola.jpg")))));
    }

    @Test
    void anImageNoLongerTheApprovedFileIsRefused() {
        Variant.Media swapped = new Variant.Media(PlatformStandIn.url("pinterest", "/files/granola.jpg"),
                sha256("approved bytes".getBytes(StandardCharsets.UTF_8)), "image/jpeg");

        assertFailure(connector, new PostRequest(brand, "pinterest", key(), new Variant("Granola", List.of(swapped), null)),
                PublishFailure.Kind.PERMANENT, "media " + swapped.url() + " differs from the approved file");
        pinterest.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aVideoIsRegisteredUploadedAndPinnedOnceProcessed() throws PublishFailure {
        registersVideo();
        pinterest.stubFor(get("/v5/media/5163745934").willReturn(okJson(
                "{\"media_id\": \"5163745934\", \"media_type\": \"video\", \"status\": \"succeeded\"}")));
        pinterest.stubFor(post("/v5/pins").willReturn(created()));

        connector.publish(video("Spring menu\nThree new bowls."));

        pinterest.verify(1, postRequestedFor(urlEqualTo("/v5/media"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"media_type\": \"video\"}")));
        pinterest.verify(1, postRequestedFor(urlEqualTo("/s3-upload"))
                .withHeader("Authorization", absent())
                .withRequestBodyPart(aMultipart("key").withBody(equalTo("uploads/17/4d/be/2:video:5163745934")).build())
                .withRequestBodyPart(aMultipart("policy").withBody(equalTo("cG9saWN5")).build())
                .withRequestBodyPart(aMultipart("x-amz-signature").withBody(equalTo("sig")).build())
                .withRequestBodyPart(aMultipart("file").withBody(binaryEqualTo(VIDEO)).build()));
        pinterest.verify(1, getRequestedFor(urlEqualTo("/v5/media/5163745934"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        pinterest.verify(1, postRequestedFor(urlEqualTo("/v5/pins")).withRequestBody(equalToJson("""
                {"board_id": "%s", "title": "Spring menu", "description": "Three new bowls.",
                 "media_source": {"source_type": "video_id", "media_id": "5163745934", "cover_image_key_frame_time": 0}}"""
                .formatted(BOARD))));
    }

    @Test
    void aVideoStillProcessingIsResumedByTheNextAttemptWithoutUploadingAgain() throws PublishFailure {
        registersVideo();
        pinterest.stubFor(get("/v5/media/5163745934").willReturn(okJson(
                "{\"media_id\": \"5163745934\", \"media_type\": \"video\", \"status\": \"processing\"}")));

        PublishFailure failure = assertFailure(connector, video("Spring menu"), PublishFailure.Kind.PROCESSING, "still processing");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        pinterest.verify(0, postRequestedFor(urlPathEqualTo("/v5/pins")));

        pinterest.stubFor(get("/v5/media/5163745934").willReturn(okJson(
                "{\"media_id\": \"5163745934\", \"media_type\": \"video\", \"status\": \"succeeded\"}")));
        pinterest.stubFor(post("/v5/pins").willReturn(created()));
        assertThat(connector.findPost(video("Spring menu"))).isEmpty();
        assertThat(connector.publish(video("Spring menu")).postId()).isEqualTo(PIN_ID);

        pinterest.verify(1, postRequestedFor(urlEqualTo("/v5/media")));
        pinterest.verify(1, postRequestedFor(urlEqualTo("/s3-upload")));
        pinterest.verify(1, postRequestedFor(urlEqualTo("/v5/pins")));
    }

    @Test
    void aVideoPinterestCannotProcessIsPermanent() {
        registersVideo();
        pinterest.stubFor(get("/v5/media/5163745934").willReturn(okJson(
                "{\"media_id\": \"5163745934\", \"media_type\": \"video\", \"status\": \"failed\"}")));

        assertFailure(connector, video("Spring menu"), PublishFailure.Kind.PERMANENT, "could not process the video");
    }

    @Test
    void rateLimitedIsRetriedAfterTheTimePinterestAsks() throws PublishFailure {
        pinterest.stubFor(post("/v5/pins").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 8, \"message\": \"You have exceeded your rate limit. Try again later.\"}")));

        PublishFailure failure = assertFailure(connector, image("hello", null), PublishFailure.Kind.RETRYABLE,
                "You have exceeded your rate limit");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(connector.findPost(image("hello", null))).isEmpty();
        pinterest.verify(0, getRequestedFor(urlPathEqualTo("/v5/boards/" + BOARD + "/pins")));
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        pinterest.stubFor(post("/v5/pins").willReturn(aResponse().withStatus(500)));

        PublishFailure failure = assertFailure(connector, image("hello", null), PublishFailure.Kind.RETRYABLE, "500");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void noAnswerInTimeIsAnUnknownOutcomeToRetry() {
        pinterest.stubFor(post("/v5/pins").willReturn(created().withFixedDelay(3_000)));

        assertFailure(connector, image("hello", null), PublishFailure.Kind.RETRYABLE, "outcome is unknown");
    }

    @Test
    void anExpiredTokenIsRefreshedWithBasicClientAuthAndThePinRepeated() throws PublishFailure {
        connect("pinr_" + UUID.randomUUID());
        String refresh = accounts.find(brand, "pinterest").orElseThrow().credentials().refreshToken();
        pinterest.stubFor(post("/v5/pins").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 2, \"message\": \"Authentication failed.\"}")));
        pinterest.stubFor(post("/v5/oauth/token").willReturn(okJson("""
                {"access_token": "pina_renewed", "refresh_token": "pinr_renewed", "response_type": "refresh_token",
                 "token_type": "bearer", "expires_in": 2592000, "refresh_token_expires_in": 31536000,
                 "scope": "boards:read pins:read pins:write"}""")));
        pinterest.stubFor(post("/v5/pins").withHeader("Authorization", equalTo("Bearer pina_renewed")).willReturn(created()));

        assertThat(connector.publish(image("hello", null)).postId()).isEqualTo(PIN_ID);

        pinterest.verify(1, postRequestedFor(urlEqualTo("/v5/oauth/token"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
                        .encodeToString("1484362:pinterest-secret".getBytes(StandardCharsets.UTF_8))))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refresh)));
        pinterest.verify(2, postRequestedFor(urlEqualTo("/v5/pins")));
        assertThat(accounts.find(brand, "pinterest").orElseThrow().accessToken()).isEqualTo("pina_renewed");
    }

    @Test
    void anExpiredTokenWithoutRefreshAsksForAReconnect() {
        pinterest.stubFor(post("/v5/pins").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 2, \"message\": \"Authentication failed.\"}")));

        assertFailure(connector, image("hello", null), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the pinterest account");
    }

    @Test
    void refusedContentIsPermanentWithPinterestsMessage() {
        pinterest.stubFor(post("/v5/pins").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 1, \"message\": \"Invalid parameters. Board not found.\"}")));

        assertFailure(connector, image("hello", null), PublishFailure.Kind.PERMANENT, "Invalid parameters. Board not found.");
    }

    @Test
    void afterAnUnknownOutcomeTheEarlierPinIsFoundInsteadOfPinningAgain() throws PublishFailure {
        pinterest.stubFor(post("/v5/pins").willReturn(created().withFixedDelay(3_000)));
        PostRequest request = image("Fresh granola\nBaked every morning.", "https://nova.example/granola");
        assertFailure(connector, request, PublishFailure.Kind.RETRYABLE, "outcome is unknown");
        String now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
        pinterest.stubFor(get(urlPathEqualTo("/v5/boards/" + BOARD + "/pins")).willReturn(okJson("""
                {"items": [
                  {"id": "813744226420795000", "created_at": "2020-01-01T20:10:40Z", "board_id": "%1$s",
                   "title": "Fresh granola", "description": "Baked every morning.", "link": "https://nova.example/granola"},
                  {"id": "%2$s", "created_at": "%3$s", "board_id": "%1$s",
                   "title": "Fresh granola", "description": "Baked every morning.", "link": "https://nova.example/granola"}],
                 "bookmark": null}""".formatted(BOARD, PIN_ID, now))));

        Optional<PostReceipt> found = connector.findPost(request);

        assertThat(found).contains(new PostReceipt(PIN_ID, "https://www.pinterest.com/pin/" + PIN_ID + "/"));
        pinterest.verify(1, getRequestedFor(urlEqualTo("/v5/boards/" + BOARD + "/pins?page_size=25"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        pinterest.verify(1, postRequestedFor(urlEqualTo("/v5/pins")));
        assertThat(connector.findPost(request)).isEqualTo(found);
        pinterest.verify(1, getRequestedFor(urlPathEqualTo("/v5/boards/" + BOARD + "/pins")));
    }

    @Test
    void afterAnUnknownOutcomeWithNoPinThereItIsPinnedAgain() throws PublishFailure {
        pinterest.stubFor(post("/v5/pins").willReturn(aResponse().withStatus(503)));
        assertFailure(connector, image("hello", null), PublishFailure.Kind.RETRYABLE, "503");
        pinterest.stubFor(get(urlPathEqualTo("/v5/boards/" + BOARD + "/pins")).willReturn(okJson("{\"items\": []}")));

        assertThat(connector.findPost(image("hello", null))).isEmpty();
        pinterest.stubFor(post("/v5/pins").willReturn(created()));
        assertThat(connector.publish(image("hello", null)).postId()).isEqualTo(PIN_ID);
        pinterest.verify(2, postRequestedFor(urlEqualTo("/v5/pins")));
    }

    @Test
    void servesOnlyBrandsThatConnectedAnAccount() {
        assertThat(connector.serves(brand, "pinterest")).isTrue();
        assertThat(connector.serves(brand, "x")).isFalse();
        assertThat(connector.serves("acme-bank", "pinterest")).isFalse();
    }

    private void registersVideo() {
        pinterest.stubFor(post("/v5/media").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"media_id": "5163745934", "media_type": "video", "upload_url": "%s",
                         "upload_parameters": {"x-amz-date": "20221012T154547Z", "x-amz-signature": "sig",
                          "x-amz-security-token": "tok", "x-amz-algorithm": "AWS4-HMAC-SHA256",
                          "key": "uploads/17/4d/be/2:video:5163745934", "policy": "cG9saWN5",
                          "x-amz-credential": "cred", "Content-Type": "multipart/form-data"}}"""
                        .formatted(PlatformStandIn.url("pinterest", "/s3-upload")))));
        pinterest.stubFor(post("/s3-upload").willReturn(aResponse().withStatus(204)));
    }

    private void connect(String refreshToken) {
        accounts.connect(brand, "pinterest", BOARD, "1484362", null,
                new Credentials(TOKEN, refreshToken, "pinterest-secret", null), null, "root");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"" + PIN_ID + "\", \"board_id\": \"" + BOARD + "\", \"title\": \"t\"}");
    }

    private String key() {
        return brand + ":pinterest:key";
    }

    private PostRequest image(String text, String link) {
        Variant.Media media = new Variant.Media(PlatformStandIn.url("pinterest", "/files/granola.jpg"), sha256(IMAGE),
                "image/jpeg");
        return new PostRequest(brand, "pinterest", key(), new Variant(text, List.of(media), link));
    }

    private PostRequest video(String text) {
        Variant.Media media = new Variant.Media(PlatformStandIn.url("pinterest", "/files/spring.mp4"), sha256(VIDEO),
                "video/mp4");
        return new PostRequest(brand, "pinterest", key(), new Variant(text, List.of(media), null));
    }
}
