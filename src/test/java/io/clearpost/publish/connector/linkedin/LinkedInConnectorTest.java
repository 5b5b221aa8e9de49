package io.clearpost.publish.connector.linkedin;

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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.clearpost.support.ConnectorCalls.assertFailure;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract of {@link LinkedInConnector} against a stand-in replaying the Posts API
 * (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api), the
 * Images API (…/shares/images-api) and LinkedIn's OAuth refresh grant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LinkedInConnectorTest {

    private static final String AUTHOR = "urn:li:organization:5515715";
    private static final String AUTHOR_ENCODED = "urn%3Ali%3Aorganization%3A5515715";
    private static final String TOKEN = "linkedin-token-" + UUID.randomUUID();
    private static final String POST_URN = "urn:li:share:7150000000000000001";
    private static final String VIDEO = "urn:li:video:C5F10AQGKQg_6y2a4sQ";
    private static final String VIDEO_ENCODED = "urn%3Ali%3Avideo%3AC5F10AQGKQg_6y2a4sQ";
    private static final byte[] CLIP = "not really an mp4".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT_ONLY_POST = """
            {"author": "urn:li:organization:5515715", "commentary": "Fresh granola, baked every morning.",
             "visibility": "PUBLIC",
             "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
             "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": false}""";

    @Autowired
    LinkedInConnector connector;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    WireMockServer linkedin;
    String brand;

    @BeforeEach
    void account() {
        linkedin = PlatformStandIn.fresh("linkedin");
        brand = TestIdentities.of(identity).brand(brands, "posts", List.of("linkedin"));
        connect(null);
    }

    @Test
    void postsTheCommentaryAsTheAuthorWithTheVersionHeaders() throws PublishFailure {
        linkedin.stubFor(post("/rest/posts").willReturn(created()));

        PostReceipt receipt = connector.publish(request("Fresh granola, baked every morning.", null));

        assertThat(receipt).isEqualTo(new PostReceipt(POST_URN, "https://www.linkedin.com/feed/update/" + POST_URN));
        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/posts"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("LinkedIn-Version", equalTo("202601"))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(TEXT_ONLY_POST)));
    }

    @Test
    void aLinkIsSharedAsAnArticleAndReservedCharactersStayPlainText() throws PublishFailure {
        linkedin.stubFor(post("/rest/posts").willReturn(created()));

        connector.publish(request("Granola (new recipe) #breakfast\nBaked by @nova", "https://nova.example/granola"));

        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/posts")).withRequestBody(equalToJson("""
                {"author": "urn:li:organization:5515715",
                 "commentary": "Granola \\\\(new recipe\\\\) #breakfast\\nBaked by \\\\@nova",
                 "visibility": "PUBLIC",
                 "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
                 "content": {"article": {"source": "https://nova.example/granola", "title": "Granola (new recipe) #breakfast"}},
                 "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": false}""")));
    }

    @Test
    void uploadsTheApprovedImageThroughTheImagesApiFirst() throws PublishFailure {
        byte[] image = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
        linkedin.stubFor(get("/files/granola.jpg").willReturn(aResponse().withBody(image)));
        linkedin.stubFor(post("/rest/images?action=initializeUpload").willReturn(okJson("""
                {"value": {"uploadUrlExpiresAt": 1650567510704,
                 "uploadUrl": "%s",
                 "image": "urn:li:image:C4E10AQFoyyAjHPMQuQ"}}""".formatted(PlatformStandIn.url("linkedin", "/upload/abc")))));
        linkedin.stubFor(put("/upload/abc").willReturn(aResponse().withStatus(201)));
        linkedin.stubFor(post("/rest/posts").willReturn(created()));
        Variant.Media media = new Variant.Media(PlatformStandIn.url("linkedin", "/files/granola.jpg"), sha256(image),
                "image/jpeg");

        connector.publish(new PostRequest(brand, "linkedin", key(),
                new Variant("Granola!", List.of(media), "https://nova.example/granola")));

        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/images?action=initializeUpload"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("LinkedIn-Version", equalTo("202601"))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
                .withRequestBody(equalToJson("{\"initializeUploadRequest\": {\"owner\": \"" + AUTHOR + "\"}}")));
        linkedin.verify(1, putRequestedFor(urlEqualTo("/upload/abc"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(binaryEqualTo(image)));
        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/posts")).withRequestBody(equalToJson("""
                {"author": "urn:li:organization:5515715", "commentary": "Granola!\\n\\nhttps://nova.example/granola",
                 "visibility": "PUBLIC",
                 "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
                 "content": {"media": {"id": "urn:li:image:C4E10AQFoyyAjHPMQuQ"}},
                 "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": false}""")));
    }

    @Test
    void imagesThatAreNotTheApprovedFilesAreNeverUploaded() {
        byte[] image = "approved image bytes".getBytes(StandardCharsets.UTF_8);
        linkedin.stubFor(get("/files/granola.jpg").willReturn(aResponse().withBody(image)));
        linkedin.stubFor(get("/files/swapped.jpg").willReturn(aResponse().withBody("other bytes")));
        String swapped = PlatformStandIn.url("linkedin", "/files/swapped.jpg");
        List<Variant.Media> media = List.of(
                new Variant.Media(PlatformStandIn.url("linkedin", "/files/granola.jpg"), sha256(image), "image/jpeg"),
                new Variant.Media(swapped, sha256(image), "image/jpeg"));

        assertFailure(connector, new PostRequest(brand, "linkedin", key(), new Variant("Granola!", media, null)),
                PublishFailure.Kind.PERMANENT, "media " + swapped + " differs from the approved file");
        linkedin.verify(0, postRequestedFor(anyUrl()));
        linkedin.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void aVideoIsUploadedInTheAskedPartsAndPostedOnceAvailable() throws PublishFailure {
        uploadsVideo();
        linkedin.stubFor(get(urlEqualTo("/rest/videos/" + VIDEO_ENCODED)).willReturn(okJson(
                "{\"id\": \"" + VIDEO + "\", \"owner\": \"" + AUTHOR + "\", \"status\": \"AVAILABLE\"}")));
        linkedin.stubFor(post("/rest/posts").willReturn(created()));

        connector.publish(video("Spring menu"));

        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/videos?action=initializeUpload"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("LinkedIn-Version", equalTo("202601"))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
                .withRequestBody(equalToJson("""
                        {"initializeUploadRequest": {"owner": "%s", "fileSizeBytes": 17,
                         "uploadCaptions": false, "uploadThumbnail": false}}""".formatted(AUTHOR))));
        linkedin.verify(1, putRequestedFor(urlEqualTo("/video-upload/part-1"))
                .withRequestBody(binaryEqualTo("not really".getBytes(StandardCharsets.UTF_8))));
        linkedin.verify(1, putRequestedFor(urlEqualTo("/video-upload/part-2"))
                .withRequestBody(binaryEqualTo(" an mp4".getBytes(StandardCharsets.UTF_8))));
        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/videos?action=finalizeUpload"))
                .withHeader("LinkedIn-Version", equalTo("202601"))
                .withRequestBody(equalToJson("""
                        {"finalizeUploadRequest": {"video": "%s", "uploadToken": "",
                         "uploadedPartIds": ["/ambry-video/part-1-etag", "/ambry-video/part-2-etag"]}}""".formatted(VIDEO))));
        linkedin.verify(1, getRequestedFor(urlEqualTo("/rest/videos/" + VIDEO_ENCODED))
                .withHeader("LinkedIn-Version", equalTo("202601")));
        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/posts")).withRequestBody(equalToJson("""
                {"author": "urn:li:organization:5515715", "commentary": "Spring menu", "visibility": "PUBLIC",
                 "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
                 "content": {"media": {"id": "%s"}},
                 "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": false}""".formatted(VIDEO))));
    }

    @Test
    void aVideoStillProcessingIsResumedByTheNextAttemptWithoutUploadingAgain() throws PublishFailure {
        uploadsVideo();
        linkedin.stubFor(get(urlEqualTo("/rest/videos/" + VIDEO_ENCODED)).willReturn(okJson(
                "{\"id\": \"" + VIDEO + "\", \"status\": \"PROCESSING\"}")));

        PublishFailure failure = assertFailure(connector, video("Spring menu"), PublishFailure.Kind.PROCESSING, "still processing");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        linkedin.verify(0, postRequestedFor(urlEqualTo("/rest/posts")));

        linkedin.stubFor(get(urlEqualTo("/rest/videos/" + VIDEO_ENCODED)).willReturn(okJson(
                "{\"id\": \"" + VIDEO + "\", \"status\": \"AVAILABLE\"}")));
        linkedin.stubFor(post("/rest/posts").willReturn(created()));
        assertThat(connector.findPost(video("Spring menu"))).isEmpty();
        assertThat(connector.publish(video("Spring menu")).postId()).isEqualTo(POST_URN);

        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/videos?action=initializeUpload")));
        linkedin.verify(1, putRequestedFor(urlEqualTo("/video-upload/part-1")));
        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/posts")));
    }

    @Test
    void aVideoLinkedInCannotProcessIsPermanent() throws PublishFailure {
        uploadsVideo();
        linkedin.stubFor(get(urlEqualTo("/rest/videos/" + VIDEO_ENCODED)).willReturn(okJson(
                "{\"id\": \"" + VIDEO + "\", \"status\": \"PROCESSING_FAILED\"}")));

        assertFailure(connector, video("Spring menu"), PublishFailure.Kind.PERMANENT, "could not process the video");
        linkedin.verify(0, postRequestedFor(urlEqualTo("/rest/posts")));

        // the failed video is forgotten: a person's retry uploads the file afresh instead of reusing it
        linkedin.stubFor(get(urlEqualTo("/rest/videos/" + VIDEO_ENCODED)).willReturn(okJson(
                "{\"id\": \"" + VIDEO + "\", \"status\": \"AVAILABLE\"}")));
        linkedin.stubFor(post("/rest/posts").willReturn(created()));
        assertThat(connector.publish(video("Spring menu")).postId()).isEqualTo(POST_URN);
        linkedin.verify(2, postRequestedFor(urlEqualTo("/rest/videos?action=initializeUpload")));
    }

    @Test
    void rateLimitedIsRetriedAfterTheTimeLinkedInAsks() throws PublishFailure {
        linkedin.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\": 429, \"message\": \"Resource level throttle limit reached\"}")));

        PublishFailure failure = assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE,
                "Resource level throttle limit reached");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        // a throttled post was not made: the next attempt posts without looking for it
        assertThat(connector.findPost(request("hello", null))).isEmpty();
        linkedin.verify(0, getRequestedFor(urlPathEqualTo("/rest/posts")));
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        linkedin.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(500)));

        PublishFailure failure = assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "500");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void noAnswerInTimeIsAnUnknownOutcomeToRetry() {
        linkedin.stubFor(post("/rest/posts").willReturn(created().withFixedDelay(3_000)));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "outcome is unknown");
    }

    @Test
    void anExpiredTokenIsRefreshedAndThePostRepeated() throws PublishFailure {
        connect("refresh-" + UUID.randomUUID());
        String refresh = accounts.find(brand, "linkedin").orElseThrow().credentials().refreshToken();
        linkedin.stubFor(post("/rest/posts").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\": 401, \"serviceErrorCode\": 65601, \"message\": \"The token used in the request has expired\"}")));
        linkedin.stubFor(post("/oauth/v2/accessToken").willReturn(okJson(
                "{\"access_token\": \"renewed-token\", \"expires_in\": 5184000, \"refresh_token\": \"renewed-refresh\","
                        + " \"refresh_token_expires_in\": 31536000}")));
        linkedin.stubFor(post("/rest/posts").withHeader("Authorization", equalTo("Bearer renewed-token"))
                .willReturn(created()));

        PostReceipt receipt = connector.publish(request("hello", null));

        assertThat(receipt.postId()).isEqualTo(POST_URN);
        linkedin.verify(1, postRequestedFor(urlEqualTo("/oauth/v2/accessToken"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refresh))
                .withFormParam("client_id", equalTo("linkedin-client"))
                .withFormParam("client_secret", equalTo("linkedin-secret")));
        linkedin.verify(2, postRequestedFor(urlEqualTo("/rest/posts")));
        assertThat(accounts.find(brand, "linkedin").orElseThrow().accessToken()).isEqualTo("renewed-token");
    }

    @Test
    void anExpiredTokenWithoutRefreshAsksForAReconnect() {
        linkedin.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\": 401, \"serviceErrorCode\": 65600, \"message\": \"Invalid access token\"}")));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.AUTH_EXPIRED, "reconnect the linkedin account");
    }

    @Test
    void refusedContentIsPermanentWithLinkedInsMessage() {
        linkedin.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\": 422, \"message\": \"ERROR :: /commentary :: length 3104 exceeds 3000\"}")));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.PERMANENT, "/commentary :: length 3104 exceeds 3000");
    }

    @Test
    void aSunsetVersionIsRefusedWithLinkedInsMessage() {
        linkedin.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(426)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\": 426, \"code\": \"NONEXISTENT_VERSION\","
                        + " \"message\": \"Requested version 20240101 is not active\"}")));

        assertFailure(connector, request("hello", null), PublishFailure.Kind.PERMANENT,
                "426 to POST /rest/posts: Requested version 20240101 is not active");
    }

    @Test
    void afterAnUnknownOutcomeTheEarlierPostIsFoundInsteadOfPostingAgain() throws PublishFailure {
        linkedin.stubFor(post("/rest/posts").willReturn(created().withFixedDelay(3_000)));
        assertFailure(connector, request("Granola (new recipe)", null), PublishFailure.Kind.RETRYABLE, "outcome is unknown");
        linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).willReturn(okJson("""
                {"elements": [
                  {"id": "urn:li:share:7149999999999999999", "author": "%1$s", "commentary": "Granola \\\\(new recipe\\\\)",
                   "createdAt": %2$d},
                  {"id": "urn:li:share:7150000000000000001", "author": "%1$s", "commentary": "Granola \\\\(new recipe\\\\)",
                   "createdAt": %3$d}],
                 "paging": {"start": 0, "count": 20}}""".formatted(AUTHOR,
                Instant.now().minus(Duration.ofDays(3)).toEpochMilli(), Instant.now().toEpochMilli()))));

        Optional<PostReceipt> found = connector.findPost(request("Granola (new recipe)", null));

        assertThat(found).contains(new PostReceipt(POST_URN, "https://www.linkedin.com/feed/update/" + POST_URN));
        linkedin.verify(1, getRequestedFor(urlEqualTo("/rest/posts?author=" + AUTHOR_ENCODED
                + "&q=author&count=20&sortBy=CREATED"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("LinkedIn-Version", equalTo("202601"))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
                .withHeader("X-RestLi-Method", equalTo("FINDER")));
        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/posts")));
        // once found, it is remembered: asking again needs no lookup
        assertThat(connector.findPost(request("Granola (new recipe)", null))).isEqualTo(found);
        linkedin.verify(1, getRequestedFor(urlPathEqualTo("/rest/posts")));
    }

    @Test
    void afterAnUnknownOutcomeWithNoPostThereItIsPostedAgain() throws PublishFailure {
        linkedin.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(504)));
        assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "504");
        linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).willReturn(okJson("{\"elements\": []}")));

        assertThat(connector.findPost(request("hello", null))).isEmpty();
        linkedin.stubFor(post("/rest/posts").willReturn(created()));
        assertThat(connector.publish(request("hello", null)).postId()).isEqualTo(POST_URN);
        linkedin.verify(2, postRequestedFor(urlEqualTo("/rest/posts")));
    }

    @Test
    void whenTheEarlierPostCannotBeLookedUpAPersonChecks() {
        linkedin.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(502)));
        assertFailure(connector, request("hello", null), PublishFailure.Kind.RETRYABLE, "502");
        linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\": 403, \"message\": \"Not enough permissions to access: partnerApiPostsExternal.FINDER-author\"}")));

        assertThatThrownBy(() -> connector.findPost(request("hello", null))).isInstanceOfSatisfying(PublishFailure.class,
                f -> {
                    assertThat(f.kind()).isEqualTo(PublishFailure.Kind.PERMANENT);
                    assertThat(f.getMessage()).contains("Not enough permissions").contains("check the feed");
                });
        linkedin.verify(1, postRequestedFor(urlEqualTo("/rest/posts")));
    }

    @Test
    void aPostMadeIsFoundWithoutAskingLinkedIn() throws PublishFailure {
        linkedin.stubFor(post("/rest/posts").willReturn(created()));
        PostReceipt posted = connector.publish(request("hello", null));

        assertThat(connector.findPost(request("hello", null))).contains(posted);
        linkedin.verify(0, getRequestedFor(urlPathEqualTo("/rest/posts")));
    }

    @Test
    void servesOnlyBrandsThatConnectedAnAccount() {
        assertThat(connector.serves(brand, "linkedin")).isTrue();
        assertThat(connector.serves(brand, "x")).isFalse();
        assertThat(connector.serves("acme-bank", "linkedin")).isFalse();
    }

    /** LinkedIn asks for the 17 bytes in two parts (10 + 7), each answered with its ETag. */
    private void uploadsVideo() {
        linkedin.stubFor(get("/files/spring.mp4").willReturn(aResponse().withBody(CLIP)));
        linkedin.stubFor(post("/rest/videos?action=initializeUpload").willReturn(okJson("""
                {"value": {"uploadUrlsExpireAt": 1650567510704, "video": "%s", "uploadToken": "",
                 "uploadInstructions": [
                   {"uploadUrl": "%s", "firstByte": 0, "lastByte": 9},
                   {"uploadUrl": "%s", "firstByte": 10, "lastByte": 16}]}}""".formatted(VIDEO,
                PlatformStandIn.url("linkedin", "/video-upload/part-1"), PlatformStandIn.url("linkedin", "/video-upload/part-2")))));
        linkedin.stubFor(put("/video-upload/part-1").willReturn(aResponse().withStatus(200)
                .withHeader("etag", "/ambry-video/part-1-etag")));
        linkedin.stubFor(put("/video-upload/part-2").willReturn(aResponse().withStatus(200)
                .withHeader("etag", "/ambry-video/part-2-etag")));
        linkedin.stubFor(post("/rest/videos?action=finalizeUpload").willReturn(aResponse().withStatus(200)));
    }

    private PostRequest video(String text) {
        Variant.Media clip = new Variant.Media(PlatformStandIn.url("linkedin", "/files/spring.mp4"), sha256(CLIP),
                "video/mp4");
        return new PostRequest(brand, "linkedin", key(), new Variant(text, List.of(clip), null));
    }

    private void connect(String refreshToken) {
        accounts.connect(brand, "linkedin", AUTHOR, "linkedin-client", null,
                new Credentials(TOKEN, refreshToken, "linkedin-secret", null), null, "root");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("x-restli-id", POST_URN);
    }

    private String key() {
        return brand + ":linkedin:key";
    }

    private PostRequest request(String text, String link) {
        return new PostRequest(brand, "linkedin", key(), new Variant(text, null, link));
    }
}
