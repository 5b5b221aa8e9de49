package io.clearpost.publish.connector.youtube;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.clearpost.content.Variant;
import io.clearpost.publish.account.Credentials;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import io.clearpost.support.PlatformStandIn;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.clearpost.support.ConnectorCalls.assertFailure;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of {@link YouTubeConnector} against a stand-in replaying
 * https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol,
 * https://developers.google.com/youtube/v3/docs/videos/insert and https://developers.google.com/youtube/v3/docs/errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class YouTubeConnectorTest {

    private static final String TOKEN = "ya29.youtube-" + UUID.randomUUID();
    private static final byte[] VIDEO = "not really an mp4, just some bytes".getBytes(StandardCharsets.UTF_8);
    private static final String VIDEOS = "/upload/youtube/v3/videos";
    private static final String VIDEO_RESOURCE = "{\"kind\": \"youtube#video\", \"id\": \"dQw4w9WgXcQ\","
            + " \"status\": {\"uploadStatus\": \"uploaded\", \"privacyStatus\": \"public\"}}";

    @Autowired
    YouTubeConnector connector;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    WireMockServer youtube;
    String brand;
    String uploadId;

    @BeforeEach
    void account() {
        youtube = PlatformStandIn.fresh("youtube");
        brand = TestIdentities.of(identity).brand(brands, "tube", List.of("youtube"));
        accounts.connect(brand, "youtube", "UCnovafoods", "123.apps.googleusercontent.com", null,
                new Credentials(TOKEN, null, null, null), null, "root");
        uploadId = "AEnB2U" + UUID.randomUUID();
        youtube.stubFor(get("/media/launch.mp4").willReturn(aResponse().withBody(VIDEO)));
    }

    @AfterEach
    void today() {
        ClockUtil.reset();
    }

    @Test
    void opensAResumableSessionThenPutsTheApprovedBytes() throws PublishFailure {
        sessionOpens(TOKEN);
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(uploadId))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(VIDEO_RESOURCE)));

        PostReceipt receipt = connector.publish(request("Our granola launch\nBaked every morning.\nSee you there!",
                "https://nova.example/granola"));

        assertThat(receipt).isEqualTo(new PostReceipt("dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"));
        youtube.verify(1, postRequestedFor(urlPathEqualTo(VIDEOS))
                .withQueryParam("uploadType", equalTo("resumable"))
                .withQueryParam("part", equalTo("snippet,status"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withHeader("X-Upload-Content-Length", equalTo(Integer.toString(VIDEO.length)))
                .withHeader("X-Upload-Content-Type", equalTo("video/mp4"))
                .withRequestBody(equalToJson("""
                        {"snippet": {"title": "Our granola launch",
                                     "description": "Baked every morning.\\nSee you there!\\n\\nhttps://nova.example/granola"},
                         "status": {"privacyStatus": "public", "selfDeclaredMadeForKids": false}}""")));
        youtube.verify(1, putRequestedFor(urlPathEqualTo(VIDEOS))
                .withQueryParam("upload_id", equalTo(uploadId))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("video/mp4"))
                .withHeader("Content-Range", absent())
                .withRequestBody(binaryEqualTo(VIDEO)));
    }

    @Test
    void thePrivacyChosenForThePostIsAskedFor() throws PublishFailure {
        sessionOpens(TOKEN);
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(uploadId))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(VIDEO_RESOURCE)));
        Variant.Media video = new Variant.Media(PlatformStandIn.url("youtube", "/media/launch.mp4"), sha256(VIDEO), "video/mp4");

        connector.publish(new PostRequest(brand, "youtube", brand + ":youtube:key",
                new Variant("Launch", List.of(video), null, "unlisted", null, null, null)));

        youtube.verify(1, postRequestedFor(urlPathEqualTo(VIDEOS))
                .withRequestBody(matchingJsonPath("$.status.privacyStatus", equalTo("unlisted"))));
    }

    @Test
    void anUploadAnsweredTooLateIsFoundByAskingTheRecordedSession() throws PublishFailure {
        sessionOpens(TOKEN);
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(uploadId))
                .willReturn(okJson(VIDEO_RESOURCE).withFixedDelay(3_000)));
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(uploadId))
                .withHeader("Content-Range", equalTo("bytes */" + VIDEO.length))
                .willReturn(okJson(VIDEO_RESOURCE)));
        PostRequest request = request("Launch", null);

        assertFailure(connector, request, PublishFailure.Kind.RETRYABLE, "outcome is unknown");
        PostReceipt found = connector.findPost(request).orElseThrow();

        assertThat(found).isEqualTo(new PostReceipt("dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"));
        assertThat(connector.publish(request)).as("a repeated publish answers the recorded video").isEqualTo(found);
        youtube.verify(1, postRequestedFor(urlPathEqualTo(VIDEOS)));
        youtube.verify(1, putRequestedFor(urlPathEqualTo(VIDEOS)).withHeader("Content-Range", absent()));
        youtube.verify(1, putRequestedFor(urlPathEqualTo(VIDEOS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Range", equalTo("bytes */" + VIDEO.length)));
    }

    @Test
    void anInterruptedUploadResumesAfterTheBytesYouTubeHas() throws PublishFailure {
        sessionOpens(TOKEN);
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(uploadId))
                .withHeader("Content-Range", absent())
                .willReturn(aResponse().withStatus(503)));
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(uploadId))
                .withHeader("Content-Range", equalTo("bytes */" + VIDEO.length))
                .willReturn(aResponse().withStatus(308).withHeader("Range", "bytes=0-9")));
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(uploadId))
                .withHeader("Content-Range", equalTo("bytes 10-" + (VIDEO.length - 1) + "/" + VIDEO.length))
                .willReturn(okJson(VIDEO_RESOURCE)));
        PostRequest request = request("Launch", null);

        PublishFailure outage = assertFailure(connector, request, PublishFailure.Kind.RETRYABLE, "503");
        assertThat(outage.retryAfter()).isNull();
        assertThat(connector.findPost(request)).as("an incomplete upload is no video yet").isEmpty();
        PostReceipt receipt = connector.publish(request);

        assertThat(receipt.postId()).isEqualTo("dQw4w9WgXcQ");
        youtube.verify(1, postRequestedFor(urlPathEqualTo(VIDEOS)));
        youtube.verify(1, putRequestedFor(urlPathEqualTo(VIDEOS))
                .withHeader("Content-Range", equalTo("bytes 10-" + (VIDEO.length - 1) + "/" + VIDEO.length))
                .withRequestBody(binaryEqualTo(Arrays.copyOfRange(VIDEO, 10, VIDEO.length))));
    }

    @Test
    void anExpiredSessionIsReplacedByANewOne() throws PublishFailure {
        String expired = "expired-" + uploadId;
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).willReturn(aResponse().withStatus(200)
                .withHeader("Location", sessionUrl(expired))));
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(expired))
                .willReturn(aResponse().withStatus(502)));
        PostRequest request = request("Launch", null);
        assertFailure(connector, request, PublishFailure.Kind.RETRYABLE, "502");
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(expired))
                .willReturn(aResponse().withStatus(404)));
        sessionOpens(TOKEN);
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(uploadId)).willReturn(okJson(VIDEO_RESOURCE)));

        PostReceipt receipt = connector.publish(request);

        assertThat(receipt.postId()).isEqualTo("dQw4w9WgXcQ");
        youtube.verify(2, postRequestedFor(urlPathEqualTo(VIDEOS)));
        youtube.verify(1, putRequestedFor(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(uploadId))
                .withRequestBody(binaryEqualTo(VIDEO)));
    }

    @Test
    void anExhaustedDailyQuotaIsRetriedAtTheNextMidnightPacificTime() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T20:00:00Z"))); // noon in Los Angeles (PST)
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).willReturn(googleError(403, "quotaExceeded",
                "The request cannot be completed because you have exceeded your quota.").withHeader("Retry-After", "180")));

        PublishFailure failure = assertFailure(connector, request("Launch", null), PublishFailure.Kind.RETRYABLE,
                "you have exceeded your quota. (quotaExceeded)");
        assertThat(failure.retryAfter()).as("not in 3 minutes: the quota resets at midnight Pacific time")
                .isEqualTo(Duration.ofHours(12).plusSeconds(1));
        assertThat(failure.getMessage()).contains("resets at 2026-12-01T08:00:00Z");
    }

    @Test
    void theDailyUploadLimitIsA400RetriedAtTheNextMidnightPacificTime() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-07-01T12:00:00Z"))); // 5 a.m. in Los Angeles (PDT)
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).willReturn(googleError(400, "uploadLimitExceeded",
                "The user has exceeded the number of videos they may upload.")));

        PublishFailure failure = assertFailure(connector, request("Launch", null), PublishFailure.Kind.RETRYABLE,
                "(uploadLimitExceeded)");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofHours(19).plusSeconds(1));
    }

    @Test
    void aShortTermRateLimitIn403IsRetriedAfterTheTimeGoogleAsks() {
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).willReturn(googleError(403, "userRateLimitExceeded",
                "The request cannot be completed because you have exceeded your quota.").withHeader("Retry-After", "20")));

        PublishFailure failure = assertFailure(connector, request("Launch", null), PublishFailure.Kind.RETRYABLE,
                "(userRateLimitExceeded)");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void anotherForbiddenReasonIsPermanent() {
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).willReturn(googleError(403, "forbidden",
                "Access forbidden. The request may not be properly authorized.")));

        assertFailure(connector, request("Launch", null), PublishFailure.Kind.PERMANENT, "Access forbidden");
    }

    @Test
    void rateLimitedIsRetriedAfterTheTimeGoogleAsks() {
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).willReturn(googleError(429, "rateLimitExceeded",
                "The request cannot be completed because you have exceeded your quota.").withHeader("Retry-After", "30")));

        PublishFailure failure = assertFailure(connector, request("Launch", null), PublishFailure.Kind.RETRYABLE, "429");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).willReturn(googleError(500, "backendError", "Backend Error")));

        PublishFailure failure = assertFailure(connector, request("Launch", null), PublishFailure.Kind.RETRYABLE, "Backend Error");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void refusedContentIsPermanentWithGooglesMessage() {
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).willReturn(googleError(400, "invalidTitle",
                "The request metadata specifies an invalid video title.")));

        assertFailure(connector, request("Launch", null), PublishFailure.Kind.PERMANENT,
                "The request metadata specifies an invalid video title.");
        youtube.verify(0, putRequestedFor(urlPathEqualTo(VIDEOS)));
    }

    @Test
    void anExpiredTokenIsRefreshedAtGooglesTokenEndpointAndTheCallRepeated() throws PublishFailure {
        accounts.connect(brand, "youtube", "UCnovafoods", "123.apps.googleusercontent.com", null,
                new Credentials(TOKEN, "1//refresh", "GOCSPX-secret", null), null, "root");
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(googleError(401, "authError", "Invalid Credentials")));
        sessionOpens("ya29.renewed");
        youtube.stubFor(post("/token").willReturn(okJson("{\"access_token\": \"ya29.renewed\", \"expires_in\": 3599,"
                + " \"scope\": \"https://www.googleapis.com/auth/youtube.upload\", \"token_type\": \"Bearer\"}")));
        youtube.stubFor(put(urlPathEqualTo(VIDEOS)).withQueryParam("upload_id", equalTo(uploadId))
                .withHeader("Authorization", equalTo("Bearer ya29.renewed")).willReturn(okJson(VIDEO_RESOURCE)));

        PostReceipt receipt = connector.publish(request("Launch", null));

        assertThat(receipt.postId()).isEqualTo("dQw4w9WgXcQ");
        youtube.verify(1, postRequestedFor(urlPathEqualTo("/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo("1//refresh"))
                .withFormParam("client_id", equalTo("123.apps.googleusercontent.com"))
                .withFormParam("client_secret", equalTo("GOCSPX-secret")));
        assertThat(accounts.find(brand, "youtube").orElseThrow().credentials())
                .as("Google keeps the refresh token; the new access token is stored")
                .extracting(Credentials::accessToken, Credentials::refreshToken).containsExactly("ya29.renewed", "1//refresh");
    }

    @Test
    void anExpiredTokenWithoutRefreshAsksForAReconnect() {
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).willReturn(googleError(401, "authError", "Invalid Credentials")));

        assertFailure(connector, request("Launch", null), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the youtube account");
        youtube.verify(0, postRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void aVideoThatIsNotTheApprovedFileIsNeverUploaded() {
        youtube.stubFor(get("/media/swapped.mp4").willReturn(aResponse().withBody("other bytes")));
        Variant.Media swapped = new Variant.Media(PlatformStandIn.url("youtube", "/media/swapped.mp4"), sha256(VIDEO),
                "video/mp4");

        assertFailure(connector, new PostRequest(brand, "youtube", brand + ":youtube:key", new Variant("Launch", List.of(swapped), null)),
                PublishFailure.Kind.PERMANENT, "media " + swapped.url() + " differs from the approved file");
        youtube.verify(0, postRequestedFor(anyUrl()));
        youtube.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void servesOnlyBrandsThatConnectedAnAccount() {
        assertThat(connector.serves(brand, "youtube")).isTrue();
        assertThat(connector.serves(brand, "tiktok")).isFalse();
        assertThat(connector.serves("acme-bank", "youtube")).isFalse();
    }

    private void sessionOpens(String token) {
        youtube.stubFor(post(urlPathEqualTo(VIDEOS)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(200).withHeader("Location", sessionUrl(uploadId))));
    }

    private static String sessionUrl(String uploadId) {
        return PlatformStandIn.url("youtube", VIDEOS + "?uploadType=resumable&upload_id=" + uploadId);
    }

    /** Google's error shape: https://developers.google.com/youtube/v3/docs/errors */
    private static ResponseDefinitionBuilder googleError(int status, String reason, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"code": %d, "message": "%s",
                           "errors": [{"message": "%s", "domain": "youtube.quota", "reason": "%s"}]}}"""
                .formatted(status, message, message, reason));
    }

    private PostRequest request(String text, String link) {
        Variant.Media video = new Variant.Media(PlatformStandIn.url("youtube", "/media/launch.mp4"), sha256(VIDEO), "video/mp4");
        return new PostRequest(brand, "youtube", brand + ":youtube:key",
                new Variant(text, List.of(video), link, "public", null, null, null));
    }
}
