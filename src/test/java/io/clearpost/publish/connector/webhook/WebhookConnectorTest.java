package io.clearpost.publish.connector.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.clearpost.content.Variant;
import io.clearpost.publish.account.Credentials;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import io.clearpost.support.ConnectorCalls;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.clearpost.support.ConnectorCalls.hmacSha256Hex;
import static io.clearpost.support.ConnectorCalls.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/** The signed webhook as a receiver sees it: a JSON POST it can verify, with an idempotency key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookConnectorTest {

    private static final String SECRET = "whsec-7f3a9c1e5b2d4f60";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A medium the receiver stand-in serves, and the approved SHA-256 of its bytes. */
    private static final byte[] FILE = "approved media bytes".getBytes(StandardCharsets.UTF_8);

    @Autowired
    WebhookConnector connector;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    WireMockServer receiver;
    String brand;

    @BeforeEach
    void account() {
        receiver = PlatformStandIn.fresh("webhook");
        receiver.stubFor(get(urlPathMatching("/cdn/.+")).willReturn(aResponse().withBody(FILE)));
        brand = TestIdentities.of(identity).brand(brands, "hooks", List.of("webhook"));
        accounts.connect(brand, "webhook", null, null, PlatformStandIn.url("webhook", "/hooks/clearpost"),
                new Credentials(null, null, null, SECRET), null, "root");
    }

    @Test
    void postsTheContentSignedOverTimestampAndBody() throws Exception {
        receiver.stubFor(post("/hooks/clearpost").willReturn(okJson("{\"id\": \"msg-42\", \"url\": \"https://intranet.example/news/42\"}")));
        Variant.Media media = new Variant.Media(PlatformStandIn.url("webhook", "/cdn/a.png"), sha256(FILE), "image/png");

        PostReceipt receipt = connector.publish(new PostRequest(brand, "webhook", "content-1:webhook:abc",
                new Variant("Our new savings account", List.of(media), "https://acme.example/savings")));

        assertThat(receipt).isEqualTo(new PostReceipt("msg-42", "https://intranet.example/news/42"));
        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/clearpost")));
        assertThat(received).hasSize(1);
        LoggedRequest request = received.get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("content-1:webhook:abc");
        String timestamp = request.getHeader("X-Clearpost-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(10L));
        // what a receiver does: recompute the HMAC over the raw body with the shared secret
        assertThat(request.getHeader("X-Clearpost-Signature"))
                .isEqualTo("v1=" + hmacSha256Hex(SECRET, timestamp + "." + request.getBodyAsString()));
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.path("id").asText()).isEqualTo("content-1:webhook:abc");
        assertThat(body.path("brand").asText()).isEqualTo(brand);
        assertThat(body.path("text").asText()).isEqualTo("Our new savings account");
        assertThat(body.path("link").asText()).isEqualTo("https://acme.example/savings");
        assertThat(body.path("media").get(0).path("sha256").asText()).isEqualTo(sha256(FILE));
    }

    @Test
    void aForgedOrAlteredBodyDoesNotMatchTheSignature() throws Exception {
        receiver.stubFor(post("/hooks/clearpost").willReturn(aResponse().withStatus(204)));

        PostReceipt receipt = connector.publish(new PostRequest(brand, "webhook", "k-2", new Variant("Pay 10 EUR", null, null)));

        assertThat(receipt.postId()).as("no id in the answer: the key names the post").isEqualTo("k-2");
        LoggedRequest request = receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/clearpost"))).get(0);
        String timestamp = request.getHeader("X-Clearpost-Timestamp");
        String altered = request.getBodyAsString().replace("10 EUR", "1000 EUR");
        assertThat(request.getHeader("X-Clearpost-Signature"))
                .isNotEqualTo("v1=" + hmacSha256Hex(SECRET, timestamp + "." + altered))
                .isNotEqualTo("v1=" + hmacSha256Hex("another-secret-0000", timestamp + "." + request.getBodyAsString()))
                .isNotEqualTo("v1=" + hmacSha256Hex(SECRET, (Long.parseLong(timestamp) - 600) + "." + request.getBodyAsString()));
    }

    @Test
    void aBusyReceiverIsRetriedWhenItAsks() {
        receiver.stubFor(post("/hooks/clearpost").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));

        PublishFailure failure = assertFailure(PublishFailure.Kind.RETRYABLE, "503");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aReceiverRejectingTheSignatureAsksForAReconnect() {
        receiver.stubFor(post("/hooks/clearpost").willReturn(aResponse().withStatus(401)));

        assertFailure(PublishFailure.Kind.AUTH_EXPIRED, "reconnect the webhook account");
    }

    @Test
    void aReceiverRefusingThePostIsPermanent() {
        receiver.stubFor(post("/hooks/clearpost").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"unknown channel\"}")));

        assertFailure(PublishFailure.Kind.PERMANENT, "unknown channel");
    }

    @Test
    void aReceiverTooSlowToAnswerIsAnUnknownOutcome() {
        receiver.stubFor(post("/hooks/clearpost").willReturn(aResponse().withStatus(204).withFixedDelay(3_000)));

        assertFailure(PublishFailure.Kind.RETRYABLE, "outcome is unknown");
    }

    @Test
    void mediaThatIsNotTheApprovedFileIsNeverPosted() {
        receiver.stubFor(get("/cdn/swapped.png").willReturn(aResponse().withBody("other bytes")));
        String swapped = PlatformStandIn.url("webhook", "/cdn/swapped.png");
        Variant variant = new Variant("Our new savings account", List.of(
                new Variant.Media(PlatformStandIn.url("webhook", "/cdn/a.png"), sha256(FILE), "image/png"),
                new Variant.Media(swapped, sha256(FILE), "image/png")), null);

        ConnectorCalls.assertFailure(connector, new PostRequest(brand, "webhook", "k-swapped", variant),
                PublishFailure.Kind.PERMANENT, "media " + swapped + " differs from the approved file");
        receiver.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void anEndpointOnAPrivateAddressIsRefusedWithoutConnecting() {
        // the cloud's metadata service: link-local, and not in clearpost.connectors.allowed-hosts
        accounts.connect(brand, "webhook", null, null, "http://169.254.169.254/latest/meta-data/iam",
                new Credentials(null, null, null, SECRET), null, "root");

        PublishFailure failure = assertFailure(PublishFailure.Kind.PERMANENT,
                "refused the webhook POST to http://169.254.169.254: 169.254.169.254 is a link-local address");
        assertThat(failure.getMessage()).as("the path may be a secret").doesNotContain("meta-data");
    }

    @Test
    void anEndpointThatIsNoHttpUrlIsRefused() {
        accounts.connect(brand, "webhook", null, null, "file:///etc/passwd",
                new Credentials(null, null, null, SECRET), null, "root");

        assertFailure(PublishFailure.Kind.PERMANENT, "refused the webhook POST");
    }

    /** Publishing fails in the given way, and the message never shows the signing secret. */
    private PublishFailure assertFailure(PublishFailure.Kind kind, String message) {
        PublishFailure failure = ConnectorCalls.assertFailure(connector,
                new PostRequest(brand, "webhook", "k", new Variant("hi", null, null)), kind, message);
        assertThat(failure.getMessage()).doesNotContain(SECRET);
        return failure;
    }
}
