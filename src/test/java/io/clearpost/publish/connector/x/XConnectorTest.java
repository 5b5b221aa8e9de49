package io.clearpost.publish.connector.x;

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
import java.util.Base64;
import java.util.Date;
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
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.clearpost.support.ConnectorCalls.assertFailure;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of {@link XConnector} against a stand-in replaying https://docs.x.com/x-api/posts/creation-of-a-post,
 * https://docs.x.com/x-api/media/image-or-subtitle-media-upload, https://docs.x.com/x-api/users/get-posts and
 * X's OAuth 2.0 refresh grant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class XConnectorTest {

    private static final String USER_ID = "2244994945";
    private static final String TOKEN = "x-token-" + UUID.randomUUID();
    private static final String POST_ID = "1445880548472328192";
    private static final String DUPLICATE = """
            {"detail": "You are not allowed to create a Tweet with duplicate content.", "type": "about:blank",
             "title": "Forbidden", "status": 403}""";

    @Autowired
    XConnector connector;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    WireMockServer x;
    String brand;

    @BeforeEach
    void account() {
        x = PlatformStandIn.fresh("x");
        brand = TestIdentities.of(identity).brand(brands, "tweets", List.of("x"));
        connect(null, null);
    }

    @Test
    void postsTheTextWithTheLinkAndReturnsThePostsUrl() throws PublishFailure {
        x.stubFor(post("/2/tweets").willReturn(created("Fresh granola. https://t.co/abc")));

        PostReceipt receipt = connector.publish(request("Fresh granola.", "https://nova.example/granola"));

        assertThat(receipt).isEqualTo(new PostReceipt(POST_ID, "https://x.com/i/web/status/" + POST_ID));
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"text\": \"Fresh granola.\\n\\nhttps://nova.example/granola\"}", false, false)));
    }

    @Test
    void uploadsImagesFirstAndAttachesTheirIds() throws PublishFailure {
        byte[] image = "not really a png".getBytes(StandardCharsets.UTF_8);
        x.stubFor(get("/files/granola.png").willReturn(aResponse().withBody(image)));
        x.stubFor(post("/2/media/upload").willReturn(okJson(
                "{\"data\": {\"id\": \"1880028106020515840\", \"media_key\": \"3_1880028106020515840\", \"size\": 16}}")));
        x.stubFor(post("/2/tweets").willReturn(created("Granola! https://t.co/img")));
        Variant.Media media = new Variant.Media(PlatformStandIn.url("x", "/files/granola.png"), sha256(image), "image/png");

        connector.publish(new PostRequest(brand, "x", key(), new Variant("Granola!", List.of(media), null)));

        x.verify(1, postRequestedFor(urlPathEqualTo("/2/media/upload"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", matching("multipart/form-data;.*"))
                .withRequestBodyPart(aMultipart("media").withBody(binaryEqualTo(image)).build())
                .withRequestBodyPart(aMultipart("media_category").withBody(equalTo("tweet_image")).build()));
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets"))
                .withRequestBody(equalToJson("{\"text\": \"Granola!\", \"media\": {\"media_ids\": [\"1880028106020515840\"]}}")));
    }

    @Test
    void aGifIsPostedOnlyOnceXHasProcessedIt() throws PublishFailure {
        byte[] gif = "GIF89a not really".getBytes(StandardCharsets.UTF_8);
        x.stubFor(get("/files/loop.gif").willReturn(aResponse().withBody(gif)));
        x.stubFor(post("/2/media/upload").willReturn(okJson("""
                {"data": {"id": "1880028106020515999", "media_key": "16_1880028106020515999", "size": 17,
                 "processing_info": {"state": "pending", "check_after_secs": 1}}}""")));
        x.stubFor(get(urlPathEqualTo("/2/media/upload")).inScenario("gif").whenScenarioStateIs(STARTED)
                .willReturn(okJson("""
                        {"data": {"id": "1880028106020515999", "processing_info": {"state": "in_progress", "check_after_secs": 1}}}"""))
                .willSetStateTo("done"));
        x.stubFor(get(urlPathEqualTo("/2/media/upload")).inScenario("gif").whenScenarioStateIs("done")
                .willReturn(okJson("""
                        {"data": {"id": "1880028106020515999", "processing_info": {"state": "succeeded", "progress_percent": 100}}}""")));
        x.stubFor(post("/2/tweets").willReturn(created("Loop https://t.co/g")));
        Variant.Media media = new Variant.Media(PlatformStandIn.url("x", "/files/loop.gif"), sha256(gif), "image/gif");

        connector.publish(new PostRequest(brand, "x", key(), new Variant("Loop", List.of(media), null)));

        x.verify(1, postRequestedFor(urlPathEqualTo("/2/media/upload"))
                .withRequestBodyPart(aMultipart("media_category").withBody(equalTo("tweet_gif")).build()));
        x.verify(2, getRequestedFor(urlPathEqualTo("/2/media/upload"))
                .withQueryParam("command", equalTo("STATUS"))
                .withQueryParam("media_id", equalTo("1880028106020515999")));
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets"))
                .withRequestBody(equalToJson("{\"text\": \"Loop\", \"media\": {\"media_ids\": [\"1880028106020515999\"]}}")));
    }

    @Test
    void aGifStillProcessingIsResumedWithoutUploadingAgain() throws PublishFailure {
        byte[] gif = "GIF89a not really".getBytes(StandardCharsets.UTF_8);
        x.stubFor(get("/files/loop.gif").willReturn(aResponse().withBody(gif)));
        x.stubFor(post("/2/media/upload").willReturn(okJson("""
                {"data": {"id": "1880028106020515998", "processing_info": {"state": "pending", "check_after_secs": 1}}}""")));
        x.stubFor(get(urlPathEqualTo("/2/media/upload")).willReturn(okJson("""
                {"data": {"id": "1880028106020515998", "processing_info": {"state": "in_progress", "check_after_secs": 1}}}""")));
        Variant.Media media = new Variant.Media(PlatformStandIn.url("x", "/files/loop.gif"), sha256(gif), "image/gif");
        PostRequest request = new PostRequest(brand, "x", key(), new Variant("Loop", List.of(media), null));

        assertFailure(connector, request, PublishFailure.Kind.PROCESSING, "still processing the image (media 1880028106020515998");
        x.verify(0, postRequestedFor(urlPathEqualTo("/2/tweets")));

        x.stubFor(get(urlPathEqualTo("/2/media/upload")).willReturn(okJson("""
                {"data": {"id": "1880028106020515998", "processing_info": {"state": "succeeded"}}}""")));
        x.stubFor(post("/2/tweets").willReturn(created("Loop https://t.co/g")));
        assertThat(connector.publish(request).postId()).isEqualTo(POST_ID);
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/media/upload")));
    }

    @Test
    void mediaThatIsNotTheApprovedFileIsRefused() {
        byte[] approved = "approved bytes".getBytes(StandardCharsets.UTF_8);
        x.stubFor(get("/files/approved.jpg").willReturn(aResponse().withBody(approved)));
        x.stubFor(get("/files/swapped.jpg").willReturn(aResponse().withBody("other bytes")));
        String swapped = PlatformStandIn.url("x", "/files/swapped.jpg");
        List<Variant.Media> media = List.of(
                new Variant.Media(PlatformStandIn.url("x", "/files/approved.jpg"), sha256(approved), "image/jpeg"),
                new Variant.Media(swapped, sha256(approved), "image/jpeg"));

        assertFailure(connector, new PostRequest(brand, "x", key(), new Variant("x", media, null)),
                PublishFailure.Kind.PERMANENT, "media " + swapped + " differs from the approved file");
        x.verify(0, postRequestedFor(anyUrl())); // not even the first, approved, image is uploaded
    }

    @Test
    void aVideoIsUploadedInChunksAndPostedOnceProcessed() throws PublishFailure {
        byte[] clip = "not really an mp4".getBytes(StandardCharsets.UTF_8);
        initializesVideo(clip);
        x.stubFor(post("/2/media/upload/1880028106020515840/finalize").willReturn(okJson("""
                {"data": {"id": "1880028106020515840", "media_key": "7_1880028106020515840", "size": 17,
                 "expires_after_secs": 86400, "processing_info": {"state": "pending", "check_after_secs": 1}}}""")));
        x.stubFor(get(urlPathEqualTo("/2/media/upload")).willReturn(okJson("""
                {"data": {"id": "1880028106020515840", "processing_info": {"state": "succeeded", "progress_percent": 100}}}""")));
        x.stubFor(post("/2/tweets").willReturn(created("Spring https://t.co/v")));

        connector.publish(new PostRequest(brand, "x", key(), new Variant("Spring", List.of(video(clip)), null)));

        x.verify(1, postRequestedFor(urlPathEqualTo("/2/media/upload/initialize"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"media_type\": \"video/mp4\", \"total_bytes\": 17,"
                        + " \"media_category\": \"tweet_video\"}")));
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/media/upload/1880028106020515840/append"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBodyPart(aMultipart("segment_index").withBody(equalTo("0")).build())
                .withRequestBodyPart(aMultipart("media").withBody(binaryEqualTo(clip)).build()));
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/media/upload/1880028106020515840/finalize"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        x.verify(1, getRequestedFor(urlPathEqualTo("/2/media/upload"))
                .withQueryParam("command", equalTo("STATUS"))
                .withQueryParam("media_id", equalTo("1880028106020515840")));
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets"))
                .withRequestBody(equalToJson("{\"text\": \"Spring\", \"media\": {\"media_ids\": [\"1880028106020515840\"]}}")));
    }

    @Test
    void aVideoStillProcessingIsResumedByTheNextAttemptWithoutUploadingAgain() throws PublishFailure {
        byte[] clip = "not really an mp4".getBytes(StandardCharsets.UTF_8);
        initializesVideo(clip);
        x.stubFor(post("/2/media/upload/1880028106020515840/finalize").willReturn(okJson("""
                {"data": {"id": "1880028106020515840", "processing_info": {"state": "pending", "check_after_secs": 1}}}""")));
        x.stubFor(get(urlPathEqualTo("/2/media/upload")).willReturn(okJson("""
                {"data": {"id": "1880028106020515840", "processing_info": {"state": "in_progress", "check_after_secs": 1}}}""")));
        PostRequest request = new PostRequest(brand, "x", key(), new Variant("Spring", List.of(video(clip)), null));

        PublishFailure failure = assertFailure(connector, request, PublishFailure.Kind.PROCESSING, "still processing");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        x.verify(0, postRequestedFor(urlPathEqualTo("/2/tweets")));

        x.stubFor(get(urlPathEqualTo("/2/media/upload")).willReturn(okJson("""
                {"data": {"id": "1880028106020515840", "processing_info": {"state": "succeeded"}}}""")));
        x.stubFor(post("/2/tweets").willReturn(created("Spring https://t.co/v")));
        assertThat(connector.findPost(request)).isEmpty();
        assertThat(connector.publish(request).postId()).isEqualTo(POST_ID);

        x.verify(1, postRequestedFor(urlPathEqualTo("/2/media/upload/initialize")));
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/media/upload/1880028106020515840/append")));
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
    }

    @Test
    void aVideoXCannotProcessIsPermanent() {
        byte[] clip = "not really an mp4".getBytes(StandardCharsets.UTF_8);
        initializesVideo(clip);
        x.stubFor(post("/2/media/upload/1880028106020515840/finalize").willReturn(okJson("""
                {"data": {"id": "1880028106020515840", "processing_info": {"state": "failed",
                 "error": {"code": 1, "name": "InvalidMedia", "message": "Unsupported video format"}}}}""")));

        assertFailure(connector, new PostRequest(brand, "x", key(), new Variant("Spring", List.of(video(clip)), null)),
                PublishFailure.Kind.PERMANENT, "Unsupported video format");
        x.verify(0, postRequestedFor(urlPathEqualTo("/2/tweets")));
    }

    @Test
    void rateLimitedIsRetriedAfterRetryAfter() {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"title\": \"Too Many Requests\", \"detail\": \"Too Many Requests\", \"status\": 429}")));

        PublishFailure failure = assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "Too Many Requests");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theUsersDailyPostLimitWaitsForIts24HourReset() {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        try {
            x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(429)
                    .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "97")
                    .withHeader("x-rate-limit-reset", Long.toString(now.plusSeconds(600).getEpochSecond()))
                    .withHeader("x-user-limit-24hour-limit", "100").withHeader("x-user-limit-24hour-remaining", "0")
                    .withHeader("x-user-limit-24hour-reset", Long.toString(now.plusSeconds(5 * 3600).getEpochSecond()))
                    .withHeader("x-app-limit-24hour-limit", "10000").withHeader("x-app-limit-24hour-remaining", "9000")
                    .withHeader("x-app-limit-24hour-reset", Long.toString(now.plusSeconds(9 * 3600).getEpochSecond()))
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"title\": \"Too Many Requests\", \"detail\": \"Too Many Requests\", \"status\": 429}")));

            PublishFailure failure = assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE,
                    "Too Many Requests");
            assertThat(failure.retryAfter()).as("the user's 24-hour limit ran out, not the 15-minute window")
                    .isEqualTo(Duration.ofHours(5).plusSeconds(1));
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void rateLimitedWithoutRetryAfterWaitsForTheRateLimitReset() throws PublishFailure {
        long reset = Instant.now().plusSeconds(120).getEpochSecond();
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(reset))
                .withHeader("Content-Type", "application/json")
                .withBody("{\"title\": \"Too Many Requests\", \"detail\": \"Too Many Requests\", \"status\": 429}")));

        PublishFailure failure = assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "Too Many Requests");
        assertThat(failure.retryAfter()).isBetween(Duration.ofSeconds(110), Duration.ofSeconds(121));
        // a rate-limited post was not made: the next attempt posts without looking for it
        assertThat(connector.findPost(request("hello", null))).isEmpty();
        x.verify(0, getRequestedFor(urlPathEqualTo("/2/users/" + USER_ID + "/tweets")));
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"title\": \"Service Unavailable\", \"detail\": \"Service Unavailable\", \"status\": 503}")));

        PublishFailure failure = assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "Service Unavailable");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void anInternalErrorIsRetriedWithBackoff() {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(500)));

        PublishFailure failure = assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "500");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void noAnswerInTimeIsAnUnknownOutcomeToRetry() {
        x.stubFor(post("/2/tweets").willReturn(created("hello").withFixedDelay(3_000)));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "outcome is unknown");
    }

    @Test
    void anExpiredTokenIsRefreshedWithBasicClientAuthAndThePostRepeated() throws PublishFailure {
        connect("refresh-" + UUID.randomUUID(), "x-secret");
        String refresh = accounts.find(brand, "x").orElseThrow().credentials().refreshToken();
        x.stubFor(post("/2/tweets").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"title\": \"Unauthorized\", \"type\": \"about:blank\", \"status\": 401, \"detail\": \"Unauthorized\"}")));
        x.stubFor(post("/2/oauth2/token").willReturn(okJson("""
                {"token_type": "bearer", "expires_in": 7200, "access_token": "renewed-token",
                 "scope": "tweet.read tweet.write users.read media.write offline.access", "refresh_token": "rotated-refresh"}""")));
        x.stubFor(post("/2/tweets").withHeader("Authorization", equalTo("Bearer renewed-token")).willReturn(created("hello")));

        assertThat(connector.publish(request("hello", null)).postId()).isEqualTo(POST_ID);

        x.verify(1, postRequestedFor(urlPathEqualTo("/2/oauth2/token"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
                        .encodeToString("x-client:x-secret".getBytes(StandardCharsets.UTF_8))))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refresh))
                .withFormParam("client_id", equalTo("x-client")));
        x.verify(2, postRequestedFor(urlPathEqualTo("/2/tweets")));
        assertThat(accounts.find(brand, "x").orElseThrow().credentials().refreshToken()).isEqualTo("rotated-refresh");
    }

    @Test
    void aPublicClientRefreshesWithoutBasicAuth() throws PublishFailure {
        connect("refresh-" + UUID.randomUUID(), null);
        x.stubFor(post("/2/tweets").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(401)));
        x.stubFor(post("/2/oauth2/token").willReturn(okJson(
                "{\"token_type\": \"bearer\", \"expires_in\": 7200, \"access_token\": \"renewed-token\"}")));
        x.stubFor(post("/2/tweets").withHeader("Authorization", equalTo("Bearer renewed-token")).willReturn(created("hello")));

        connector.publish(request("hello", null));

        x.verify(1, postRequestedFor(urlPathEqualTo("/2/oauth2/token")).withHeader("Authorization", absent())
                .withFormParam("client_id", equalTo("x-client")));
    }

    @Test
    void anExpiredTokenWithoutRefreshAsksForAReconnect() {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"title\": \"Unauthorized\", \"type\": \"about:blank\", \"status\": 401, \"detail\": \"Unauthorized\"}")));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the x account");
    }

    @Test
    void refusedContentIsPermanentWithXsMessage() {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\": [{\"message\": \"Your media IDs are invalid.\"}], \"title\": \"Invalid Request\","
                        + " \"detail\": \"One or more parameters to your request was invalid.\", \"status\": 400}")));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.PERMANENT, "One or more parameters to your request was invalid.");
    }

    @Test
    void afterAnUnknownOutcomeTheEarlierPostIsFoundInsteadOfPostingAgain() throws PublishFailure {
        x.stubFor(post("/2/tweets").willReturn(created("x").withFixedDelay(3_000)));
        assertFailure(connector, request("Granola & honey", "https://nova.example/granola"), PublishFailure.Kind.RETRYABLE,
                "outcome is unknown");
        x.stubFor(get(urlPathEqualTo("/2/users/" + USER_ID + "/tweets")).willReturn(okJson("""
                {"data": [
                  {"id": "1445880548472328100", "text": "Something else https://t.co/zzz", "created_at": "2026-01-01T10:00:00.000Z"},
                  {"id": "%s", "text": "Granola &amp; honey\\n\\nhttps://t.co/abc", "created_at": "2026-01-01T10:00:00.000Z"}],
                 "meta": {"result_count": 2}}""".formatted(POST_ID))));

        Optional<PostReceipt> found = connector.findPost(request("Granola & honey", "https://nova.example/granola"));

        assertThat(found).contains(new PostReceipt(POST_ID, "https://x.com/i/web/status/" + POST_ID));
        x.verify(1, getRequestedFor(urlPathEqualTo("/2/users/" + USER_ID + "/tweets"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("max_results", equalTo("20"))
                .withQueryParam("exclude", equalTo("replies,retweets"))
                .withQueryParam("tweet.fields", equalTo("created_at"))
                .withQueryParam("start_time", matching("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")));
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
        assertThat(connector.findPost(request("Granola & honey", "https://nova.example/granola"))).isEqualTo(found);
        x.verify(1, getRequestedFor(urlPathEqualTo("/2/users/" + USER_ID + "/tweets")));
    }

    @Test
    void aDuplicateRefusalAnswersWithTheEarlierPost() throws PublishFailure {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json").withBody(DUPLICATE)));
        x.stubFor(get(urlPathEqualTo("/2/users/" + USER_ID + "/tweets")).willReturn(okJson(
                "{\"data\": [{\"id\": \"" + POST_ID + "\", \"text\": \"hello\"}], \"meta\": {\"result_count\": 1}}")));

        PostReceipt receipt = connector.publish(request("hello", null));

        assertThat(receipt.postId()).isEqualTo(POST_ID);
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
        x.verify(1, getRequestedFor(urlPathEqualTo("/2/users/" + USER_ID + "/tweets"))
                .withQueryParam("start_time", absent()));
    }

    @Test
    void aDuplicateOfAPostNoLongerFoundIsPermanent() {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json").withBody(DUPLICATE)));
        x.stubFor(get(urlPathEqualTo("/2/users/" + USER_ID + "/tweets")).willReturn(okJson("{\"meta\": {\"result_count\": 0}}")));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.PERMANENT, "duplicate content");
    }

    @Test
    void afterAnUnknownOutcomeWithNoPostThereItIsPostedAgain() throws PublishFailure {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(502)));
        assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "502");
        x.stubFor(get(urlPathEqualTo("/2/users/" + USER_ID + "/tweets")).willReturn(okJson("{\"meta\": {\"result_count\": 0}}")));

        assertThat(connector.findPost(request("hello", null))).isEmpty();
        x.stubFor(post("/2/tweets").willReturn(created("hello")));
        assertThat(connector.publish(request("hello", null)).postId()).isEqualTo(POST_ID);
        x.verify(2, postRequestedFor(urlPathEqualTo("/2/tweets")));
    }

    @Test
    void servesOnlyBrandsThatConnectedAnAccount() {
        assertThat(connector.serves(brand, "x")).isTrue();
        assertThat(connector.serves(brand, "linkedin")).isFalse();
        assertThat(connector.serves("acme-bank", "x")).isFalse();
    }

    private void initializesVideo(byte[] clip) {
        x.stubFor(get("/files/spring.mp4").willReturn(aResponse().withBody(clip)));
        x.stubFor(post("/2/media/upload/initialize").willReturn(okJson("""
                {"data": {"id": "1880028106020515840", "media_key": "7_1880028106020515840", "expires_after_secs": 86400}}""")));
        x.stubFor(post("/2/media/upload/1880028106020515840/append").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": {\"expires_at\": 1770000000}}")));
    }

    private static Variant.Media video(byte[] clip) {
        return new Variant.Media(PlatformStandIn.url("x", "/files/spring.mp4"), sha256(clip), "video/mp4");
    }

    private void connect(String refreshToken, String clientSecret) {
        accounts.connect(brand, "x", USER_ID, "x-client", null, new Credentials(TOKEN, refreshToken, clientSecret, null),
                null, "root");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String text) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"data\": {\"id\": \"" + POST_ID + "\", \"text\": \"" + text + "\"}}");
    }

    private String key() {
        return brand + ":x:key";
    }

    private PostRequest request(String text, String link) {
        return new PostRequest(brand, "x", key(), new Variant(text, null, link));
    }
}
