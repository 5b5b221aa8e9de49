package io.clearpost.publish.connector.tiktok;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.clearpost.content.Variant;
import io.clearpost.publish.account.Credentials;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
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
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.clearpost.support.ConnectorCalls.assertFailure;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of {@link TikTokConnector} against a stand-in replaying the Content Posting API:
 * https://developers.tiktok.com/doc/content-posting-api-reference-direct-post,
 * https://developers.tiktok.com/doc/content-posting-api-reference-photo-post,
 * https://developers.tiktok.com/doc/content-posting-api-reference-query-creator-info,
 * https://developers.tiktok.com/doc/content-posting-api-reference-get-video-status,
 * https://developers.tiktok.com/doc/tiktok-api-v2-error-handling and
 * https://developers.tiktok.com/doc/oauth-user-access-token-management.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TikTokConnectorTest {

    private static final String TOKEN = "act.tiktok-" + UUID.randomUUID();
    private static final String JSON_UTF8 = "application/json; charset=UTF-8";
    private static final byte[] CLIP = "not really an mp4".getBytes(StandardCharsets.UTF_8);
    private static final String CREATOR = "/v2/post/publish/creator_info/query/";
    private static final String VIDEO_INIT = "/v2/post/publish/video/init/";
    private static final String PHOTO_INIT = "/v2/post/publish/content/init/";
    private static final String STATUS = "/v2/post/publish/status/fetch/";

    @Autowired
    TikTokConnector connector;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    PlatformHttp http;

    @Autowired
    ConnectorAttempts attempts;

    @Autowired
    MediaFetcher media;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    WireMockServer tiktok;
    String brand;

    @BeforeEach
    void account() {
        tiktok = PlatformStandIn.fresh("tiktok");
        brand = TestIdentities.of(identity).brand(brands, "clips", List.of("tiktok"));
        accounts.connect(brand, "tiktok", "novafoods", "aw-client-key", null,
                new Credentials(TOKEN, null, null, null), null, "root");
        tiktok.stubFor(get("/media/clip.mp4").willReturn(aResponse().withBody(CLIP)));
    }

    @Test
    void postsTheVideoForTikTokToPullThenReportsThePublicPost() throws PublishFailure {
        creatorInfo("[\"MUTUAL_FOLLOW_FRIENDS\", \"PUBLIC_TO_EVERYONE\", \"SELF_ONLY\"]", true);
        tiktok.stubFor(post(VIDEO_INIT).willReturn(ok("{\"publish_id\": \"v_pub_url~v2.123456789\"}")));
        tiktok.stubFor(post(STATUS).willReturn(ok("{\"status\": \"PUBLISH_COMPLETE\","
                + " \"publicaly_available_post_id\": [7401234567890123456]}")));

        PostReceipt receipt = connector.publish(video("Granola, baked every morning #breakfast", "https://nova.example/granola"));

        assertThat(receipt).isEqualTo(new PostReceipt("7401234567890123456",
                "https://www.tiktok.com/@novafoods/video/7401234567890123456"));
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(CREATOR))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo(JSON_UTF8)));
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(VIDEO_INIT))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo(JSON_UTF8))
                .withRequestBody(equalToJson("""
                        {"post_info": {"title": "Granola, baked every morning #breakfast\\n\\nhttps://nova.example/granola",
                                       "privacy_level": "PUBLIC_TO_EVERYONE",
                                       "disable_comment": true, "disable_duet": false, "disable_stitch": false},
                         "source_info": {"source": "PULL_FROM_URL", "video_url": "%s"}}"""
                        .formatted(clipUrl()))));
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(STATUS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo(JSON_UTF8))
                .withRequestBody(equalToJson("{\"publish_id\": \"v_pub_url~v2.123456789\"}")));
    }

    @Test
    void postsPhotosWithTheChosenPrivacyLevel() throws PublishFailure {
        byte[] photo = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
        tiktok.stubFor(get("/media/one.jpg").willReturn(aResponse().withBody(photo)));
        tiktok.stubFor(get("/media/two.jpg").willReturn(aResponse().withBody(photo)));
        creatorInfo("[\"FOLLOWER_OF_CREATOR\", \"MUTUAL_FOLLOW_FRIENDS\", \"SELF_ONLY\"]", false);
        tiktok.stubFor(post(PHOTO_INIT).willReturn(ok("{\"publish_id\": \"p_pub_url~v2.42\"}")));
        tiktok.stubFor(post(STATUS).willReturn(ok("{\"status\": \"PUBLISH_COMPLETE\", \"publicaly_available_post_id\": []}")));
        List<Variant.Media> photos = List.of(
                new Variant.Media(PlatformStandIn.url("tiktok", "/media/one.jpg"), sha256(photo), "image/jpeg"),
                new Variant.Media(PlatformStandIn.url("tiktok", "/media/two.jpg"), sha256(photo), "image/jpeg"));

        PostReceipt receipt = connector.publish(new PostRequest(brand, "tiktok", key(),
                new Variant("Two bowls", photos, null, "FOLLOWER_OF_CREATOR", false, null, null)));

        assertThat(receipt).as("a post kept private has no public id: the publish id stands for it")
                .isEqualTo(new PostReceipt("p_pub_url~v2.42", null));
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(PHOTO_INIT))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo(JSON_UTF8))
                .withRequestBody(equalToJson("""
                        {"post_info": {"description": "Two bowls", "privacy_level": "FOLLOWER_OF_CREATOR",
                                       "disable_comment": false, "auto_add_music": true},
                         "source_info": {"source": "PULL_FROM_URL", "photo_cover_index": 0,
                                         "photo_images": ["%s", "%s"]},
                         "post_mode": "DIRECT_POST", "media_type": "PHOTO"}"""
                        .formatted(photos.get(0).url(), photos.get(1).url()))));
        tiktok.verify(0, postRequestedFor(urlPathEqualTo(VIDEO_INIT)));
    }

    @Test
    void stillProcessingComesBackSoonAndTheNextAttemptPollsTheSamePublish() throws PublishFailure {
        creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", false);
        tiktok.stubFor(post(VIDEO_INIT).willReturn(ok("{\"publish_id\": \"v_pub_url~v2.777\"}")));
        tiktok.stubFor(post(STATUS).inScenario("moderation").whenScenarioStateIs(STARTED)
                .willReturn(ok("{\"status\": \"PROCESSING_DOWNLOAD\", \"publicaly_available_post_id\": []}"))
                .willSetStateTo("moderated"));
        tiktok.stubFor(post(STATUS).inScenario("moderation").whenScenarioStateIs("moderated")
                .willReturn(ok("{\"status\": \"PUBLISH_COMPLETE\", \"publicaly_available_post_id\": [7400000000000000777]}")));
        PostRequest request = video("Fresh granola", null);

        PublishFailure processing = assertFailure(connector, request, PublishFailure.Kind.PROCESSING, "still processing");
        assertThat(processing.retryAfter()).isEqualTo(TikTokConnector.STILL_PROCESSING);
        PostReceipt receipt = connector.publish(request);

        assertThat(receipt.postId()).isEqualTo("7400000000000000777");
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(VIDEO_INIT)));
        tiktok.verify(2, postRequestedFor(urlPathEqualTo(STATUS))
                .withRequestBody(equalToJson("{\"publish_id\": \"v_pub_url~v2.777\"}")));
    }

    @Test
    void anAnswerTooLateForUsIsFoundByPollingTheRecordedPublishNotByPostingAgain() throws PublishFailure {
        creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", false);
        tiktok.stubFor(post(VIDEO_INIT).willReturn(ok("{\"publish_id\": \"v_pub_url~v2.888\"}")));
        tiktok.stubFor(post(STATUS).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(ok("{\"status\": \"PUBLISH_COMPLETE\", \"publicaly_available_post_id\": [7400000000000000888]}")
                        .withFixedDelay(3_000))
                .willSetStateTo("answered"));
        tiktok.stubFor(post(STATUS).inScenario("slow").whenScenarioStateIs("answered")
                .willReturn(ok("{\"status\": \"PUBLISH_COMPLETE\", \"publicaly_available_post_id\": [7400000000000000888]}")));
        PostRequest request = video("Fresh granola", null);

        assertFailure(connector, request, PublishFailure.Kind.RETRYABLE, "outcome is unknown");
        PostReceipt found = connector.findPost(request).orElseThrow();

        assertThat(found).isEqualTo(new PostReceipt("7400000000000000888",
                "https://www.tiktok.com/@novafoods/video/7400000000000000888"));
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(VIDEO_INIT)));
    }

    @Test
    void nothingToFindBeforeAPublishWasStarted() throws PublishFailure {
        assertThat(connector.findPost(video("Fresh granola", null))).isEmpty();
        assertThat(tiktok.getAllServeEvents()).isEmpty();
    }

    @Test
    void aFailedPublishIsPermanentWithTikToksReasonAndARetryStartsAnew() throws PublishFailure {
        creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", false);
        tiktok.stubFor(post(VIDEO_INIT).inScenario("init").whenScenarioStateIs(STARTED)
                .willReturn(ok("{\"publish_id\": \"v_pub_url~v2.1\"}")).willSetStateTo("second"));
        tiktok.stubFor(post(VIDEO_INIT).inScenario("init").whenScenarioStateIs("second")
                .willReturn(ok("{\"publish_id\": \"v_pub_url~v2.2\"}")));
        tiktok.stubFor(post(STATUS).withRequestBody(equalToJson("{\"publish_id\": \"v_pub_url~v2.1\"}"))
                .willReturn(ok("{\"status\": \"FAILED\", \"fail_reason\": \"frame_rate_check_failed\"}")));
        tiktok.stubFor(post(STATUS).withRequestBody(equalToJson("{\"publish_id\": \"v_pub_url~v2.2\"}"))
                .willReturn(ok("{\"status\": \"PUBLISH_COMPLETE\", \"publicaly_available_post_id\": [7400000000000000002]}")));
        PostRequest request = video("Fresh granola", null);

        assertFailure(connector, request, PublishFailure.Kind.PERMANENT, "frame_rate_check_failed");
        assertThat(connector.findPost(request)).as("a failed publish is no post").isEmpty();
        PostReceipt retried = connector.publish(request);

        assertThat(retried.postId()).isEqualTo("7400000000000000002");
        tiktok.verify(2, postRequestedFor(urlPathEqualTo(VIDEO_INIT)));
    }

    @Test
    void rateLimitedIsRetriedAfterTheTimeTikTokAsks() {
        creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", false);
        tiktok.stubFor(post(VIDEO_INIT).willReturn(error(429, "rate_limit_exceeded",
                "API rate limit exceeded, please retry later.").withHeader("Retry-After", "60")));

        PublishFailure failure = assertFailure(connector, video("hello", null), PublishFailure.Kind.RETRYABLE, "rate_limit_exceeded");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anErrorInAnOkAnswerIsTypedByItsCode() {
        tiktok.stubFor(post(CREATOR).willReturn(okJson("{\"data\": {}, \"error\": {\"code\": \"rate_limit_exceeded\","
                + " \"message\": \"API rate limit exceeded\", \"log_id\": \"20241011\"}}")));

        assertFailure(connector, video("hello", null), PublishFailure.Kind.RETRYABLE, "answered 200 to POST " + CREATOR
                + ": rate_limit_exceeded (API rate limit exceeded)");
        tiktok.verify(0, postRequestedFor(urlPathEqualTo(VIDEO_INIT)));
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", false);
        tiktok.stubFor(post(VIDEO_INIT).willReturn(error(500, "internal_error", "Something went wrong")));

        PublishFailure failure = assertFailure(connector, video("hello", null), PublishFailure.Kind.RETRYABLE, "internal_error");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void refusedContentIsPermanentWithTikToksMessage() {
        creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", false);
        tiktok.stubFor(post(VIDEO_INIT).willReturn(error(403, "spam_risk_too_many_posts",
                "The daily post cap from the API is reached for the current user.")));

        assertFailure(connector, video("hello", null), PublishFailure.Kind.PERMANENT,
                "spam_risk_too_many_posts (The daily post cap from the API is reached for the current user.)");
    }

    @Test
    void anExpiredTokenIsRefreshedWithTheClientKeyAndTheCallRepeated() throws PublishFailure {
        accounts.connect(brand, "tiktok", "novafoods", "aw-client-key", null,
                new Credentials(TOKEN, "rft.old", "client-secret-1", null), null, "root");
        tiktok.stubFor(post(CREATOR).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(error(401, "access_token_invalid", "The access token is invalid or not found in the request.")));
        creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", false, "act.renewed");
        tiktok.stubFor(post("/v2/oauth/token/").willReturn(okJson("{\"access_token\": \"act.renewed\", \"expires_in\": 86400,"
                + " \"open_id\": \"open-1\", \"refresh_token\": \"rft.new\", \"refresh_expires_in\": 31536000,"
                + " \"scope\": \"video.publish\", \"token_type\": \"Bearer\"}")));
        tiktok.stubFor(post(VIDEO_INIT).willReturn(ok("{\"publish_id\": \"v_pub_url~v2.9\"}")));
        tiktok.stubFor(post(STATUS).willReturn(ok("{\"status\": \"PUBLISH_COMPLETE\", \"publicaly_available_post_id\": [1]}")));

        connector.publish(video("hello", null));

        tiktok.verify(1, postRequestedFor(urlPathEqualTo("/v2/oauth/token/"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("client_key", equalTo("aw-client-key"))
                .withFormParam("client_secret", equalTo("client-secret-1"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo("rft.old")));
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(VIDEO_INIT)).withHeader("Authorization", equalTo("Bearer act.renewed")));
        assertThat(accounts.find(brand, "tiktok").orElseThrow().credentials())
                .as("TikTok rotates refresh tokens: the new one is kept")
                .extracting(Credentials::accessToken, Credentials::refreshToken).containsExactly("act.renewed", "rft.new");
    }

    @Test
    void aPrivacyLevelTheCreatorDoesNotOfferIsRefusedBeforeTheInit() {
        creatorInfo("[\"FOLLOWER_OF_CREATOR\", \"SELF_ONLY\"]", false);

        assertFailure(connector, video("hello", null), PublishFailure.Kind.PERMANENT,
                "does not offer the privacy level PUBLIC_TO_EVERYONE (it offers [FOLLOWER_OF_CREATOR, SELF_ONLY])");
        tiktok.verify(0, postRequestedFor(urlPathEqualTo(VIDEO_INIT)));
    }

    @Test
    void anInteractionTheCreatorTurnedOffMustBeOffInThePost() {
        tiktok.stubFor(post(CREATOR).willReturn(ok("""
                {"creator_username": "novafoods", "privacy_level_options": ["PUBLIC_TO_EVERYONE", "SELF_ONLY"],
                 "comment_disabled": false, "duet_disabled": true, "stitch_disabled": true,
                 "max_video_post_duration_sec": 300}""")));
        PostRequest allowsDuets = new PostRequest(brand, "tiktok", key(), new Variant("hello",
                List.of(new Variant.Media(clipUrl(), sha256(CLIP), "video/mp4")), null, "PUBLIC_TO_EVERYONE", false, false, true));

        assertFailure(connector, allowsDuets, PublishFailure.Kind.PERMANENT,
                "the creator turned duets off on TikTok, but this post allows them");
        tiktok.verify(0, postRequestedFor(urlPathEqualTo(VIDEO_INIT)));
    }

    @Test
    void theChosenInteractionSettingsAreSentAsChosen() throws PublishFailure {
        creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", false);
        tiktok.stubFor(post(VIDEO_INIT).willReturn(ok("{\"publish_id\": \"v_pub_url~v2.77\"}")));
        tiktok.stubFor(post(STATUS).willReturn(ok("{\"status\": \"PUBLISH_COMPLETE\", \"publicaly_available_post_id\": [77]}")));

        connector.publish(new PostRequest(brand, "tiktok", key(), new Variant("hello",
                List.of(new Variant.Media(clipUrl(), sha256(CLIP), "video/mp4")), null, "PUBLIC_TO_EVERYONE", false, true, false)));

        tiktok.verify(1, postRequestedFor(urlPathEqualTo(VIDEO_INIT)).withRequestBody(equalToJson("""
                {"post_info": {"title": "hello", "privacy_level": "PUBLIC_TO_EVERYONE",
                               "disable_comment": false, "disable_duet": true, "disable_stitch": false},
                 "source_info": {"source": "PULL_FROM_URL", "video_url": "%s"}}""".formatted(clipUrl()))));
    }

    @Test
    void anUnauditedAppMayOnlyPostPrivately() throws PublishFailure {
        TikTokConnector unaudited = new TikTokConnector(accounts, http, attempts, media, new TikTokSettings(false));
        creatorInfo("[\"PUBLIC_TO_EVERYONE\", \"SELF_ONLY\"]", false);

        assertFailure(unaudited, video("hello", null), PublishFailure.Kind.PERMANENT,
                "TikTok has not audited this app (clearpost.connectors.tiktok.audited=false), so it may only post"
                        + " SELF_ONLY, not PUBLIC_TO_EVERYONE");
        assertThat(tiktok.getAllServeEvents()).as("nothing sent to TikTok")
                .noneMatch(e -> e.getRequest().getUrl().startsWith("/v2/"));

        tiktok.stubFor(post(VIDEO_INIT).willReturn(ok("{\"publish_id\": \"v_pub_url~v2.78\"}")));
        tiktok.stubFor(post(STATUS).willReturn(ok("{\"status\": \"PUBLISH_COMPLETE\", \"publicaly_available_post_id\": []}")));
        unaudited.publish(new PostRequest(brand, "tiktok", key(), new Variant("hello",
                List.of(new Variant.Media(clipUrl(), sha256(CLIP), "video/mp4")), null, "SELF_ONLY", false, false, false)));
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(VIDEO_INIT))
                .withRequestBody(matchingJsonPath("$.post_info.privacy_level", equalTo("SELF_ONLY"))));
    }

    @Test
    void aPostWithoutAChosenPrivacyIsRefused() {
        assertFailure(connector, new PostRequest(brand, "tiktok", key(), new Variant("hello",
                        List.of(new Variant.Media(clipUrl(), sha256(CLIP), "video/mp4")), null)),
                PublishFailure.Kind.PERMANENT, "no privacy level was chosen for this TikTok post");
        assertThat(tiktok.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().startsWith("/v2/"));
    }

    @Test
    void aMissingScopeIsPermanentAndNoRefreshIsTried() {
        accounts.connect(brand, "tiktok", "novafoods", "aw-client-key", null,
                new Credentials(TOKEN, "rft.old", "client-secret-1", null), null, "root");
        tiktok.stubFor(post(CREATOR).willReturn(error(401, "scope_not_authorized",
                "The user did not authorize the scope required for completing this request.")));

        assertFailure(connector, video("hello", null), PublishFailure.Kind.PERMANENT,
                "scope_not_authorized (The user did not authorize the scope required for completing this request.);"
                        + " the account was connected without the scope video.publish: reconnect it granting that scope");
        tiktok.verify(0, postRequestedFor(urlPathEqualTo("/v2/oauth/token/")));
        tiktok.verify(1, postRequestedFor(urlPathEqualTo(CREATOR)));
    }

    @Test
    void aPublicPhotoPostGetsAPhotoUrl() throws PublishFailure {
        byte[] photo = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
        tiktok.stubFor(get("/media/one.jpg").willReturn(aResponse().withBody(photo)));
        creatorInfo("[\"PUBLIC_TO_EVERYONE\"]", false);
        tiktok.stubFor(post(PHOTO_INIT).willReturn(ok("{\"publish_id\": \"p_pub_url~v2.43\"}")));
        tiktok.stubFor(post(STATUS).willReturn(ok("{\"status\": \"PUBLISH_COMPLETE\","
                + " \"publicaly_available_post_id\": [7401234567890000043]}")));
        List<Variant.Media> photos = List.of(
                new Variant.Media(PlatformStandIn.url("tiktok", "/media/one.jpg"), sha256(photo), "image/jpeg"));

        PostReceipt receipt = connector.publish(new PostRequest(brand, "tiktok", key(),
                new Variant("A bowl", photos, null, "PUBLIC_TO_EVERYONE", false, null, null)));

        assertThat(receipt).isEqualTo(new PostReceipt("7401234567890000043",
                "https://www.tiktok.com/@novafoods/photo/7401234567890000043"));
    }

    @Test
    void anExpiredTokenWithoutRefreshAsksForAReconnect() {
        tiktok.stubFor(post(CREATOR).willReturn(error(401, "access_token_invalid",
                "The access token is invalid or not found in the request.")));

        assertFailure(connector, video("hello", null), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the tiktok account");
        tiktok.verify(0, postRequestedFor(urlPathEqualTo("/v2/oauth/token/")));
    }

    @Test
    void mediaThatIsNotTheApprovedFileIsNeverOffered() {
        tiktok.stubFor(get("/media/swapped.mp4").willReturn(aResponse().withBody("other bytes")));
        Variant.Media swapped = new Variant.Media(PlatformStandIn.url("tiktok", "/media/swapped.mp4"), sha256(CLIP),
                "video/mp4");

        assertFailure(connector, new PostRequest(brand, "tiktok", key(),
                        new Variant("hello", List.of(swapped), null, "SELF_ONLY", false, false, false)),
                PublishFailure.Kind.PERMANENT, "media " + swapped.url() + " differs from the approved file");
        tiktok.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void servesOnlyBrandsThatConnectedAnAccount() {
        assertThat(connector.serves(brand, "tiktok")).isTrue();
        assertThat(connector.serves(brand, "youtube")).isFalse();
        assertThat(connector.serves("acme-bank", "tiktok")).isFalse();
    }

    private void creatorInfo(String privacyLevels, boolean commentDisabled) {
        creatorInfo(privacyLevels, commentDisabled, TOKEN);
    }

    private void creatorInfo(String privacyLevels, boolean commentDisabled, String token) {
        tiktok.stubFor(post(CREATOR).withHeader("Authorization", equalTo("Bearer " + token)).willReturn(ok("""
                {"creator_avatar_url": "https://p16.tiktokcdn.example/avatar.jpeg", "creator_username": "novafoods",
                 "creator_nickname": "Nova Foods", "privacy_level_options": %s, "comment_disabled": %s,
                 "duet_disabled": false, "stitch_disabled": false, "max_video_post_duration_sec": 300}"""
                .formatted(privacyLevels, commentDisabled))));
    }

    /** TikTok's success envelope: the data, and an error whose code is "ok". */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String data) {
        return okJson("{\"data\": " + data + ", \"error\": {\"code\": \"ok\", \"message\": \"\", \"log_id\": \"202410112248442CB9319E1FB30C1073F3\"}}");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": \"" + code + "\", \"message\": \"" + message
                        + "\", \"log_id\": \"202410112248442CB9319E1FB30C1073F3\"}}");
    }

    private PostRequest video(String text, String link) {
        return new PostRequest(brand, "tiktok", key(),
                new Variant(text, List.of(new Variant.Media(clipUrl(), sha256(CLIP), "video/mp4")), link,
                        "PUBLIC_TO_EVERYONE", true, false, false));
    }

    private String key() {
        return brand + ":tiktok:key";
    }

    private static String clipUrl() {
        return PlatformStandIn.url("tiktok", "/media/clip.mp4");
    }
}
