package io.clearpost.publish.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.clearpost.publish.account.Credentials;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.support.Api;
import io.clearpost.support.PlatformStandIn;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link TokenRenewal} against stand-ins replaying each platform's documented token renewal:
 * Threads' https://developers.facebook.com/docs/threads/get-started/long-lived-tokens/ ({@code th_refresh_token}),
 * LinkedIn's …/linkedin/shared/authentication/programmatic-refresh-tokens, TikTok's
 * https://developers.tiktok.com/doc/oauth-user-access-token-management, Pinterest's
 * https://developers.pinterest.com/docs/api/v5/oauth-token and Google's
 * https://developers.google.com/identity/protocols/oauth2/web-server#offline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TokenRenewalTest {

    @LocalServerPort
    int port;

    @Autowired
    TokenRenewal renewal;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    BrandRepository brands;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<AccountConnector> connectors;

    String brand;
    String strategist;
    final String token = "old-access-" + UUID.randomUUID();
    final String refresh = "old-refresh-" + UUID.randomUUID();
    final String secret = "client-secret-" + UUID.randomUUID();

    @BeforeEach
    void brand() {
        TestIdentities ids = TestIdentities.of(identity);
        brand = ids.brand(brands, "renew", List.of("threads", "linkedin", "tiktok", "pinterest", "youtube", "x"));
        strategist = ids.user("renew-strategist", brand + ":strategist");
    }

    @Test
    void threadsRenewsItsLongLivedTokenWhileItIsStillValid() {
        WireMockServer threads = PlatformStandIn.fresh("threads");
        threads.stubFor(get(urlPathEqualTo("/refresh_access_token"))
                .withQueryParam("access_token", equalTo(token))
                .willReturn(okJson("{\"access_token\": \"THAA-renewed\", \"token_type\": \"bearer\", \"expires_in\": 5183944}")));
        connect("threads", null, Instant.now().plus(Duration.ofDays(3)));

        renewal.renewDue();

        threads.verify(1, getRequestedFor(urlPathEqualTo("/refresh_access_token"))
                .withQueryParam("grant_type", equalTo("th_refresh_token"))
                .withQueryParam("access_token", equalTo(token)));
        PlatformAccount renewed = account("threads");
        assertThat(renewed.accessToken()).isEqualTo("THAA-renewed");
        assertThat(renewed.tokenExpiresAt()).isCloseTo(Instant.now().plusSeconds(5183944), within(Duration.ofMinutes(1)));
        assertThat(renewed.lastRenewedAt()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(renewed.refreshTokenExpiresAt()).isNull();
        assertThat(sealedCredentials("threads")).doesNotContain("THAA-renewed").startsWith("v1:");
    }

    @Test
    void anExpiredThreadsTokenIsNotRenewedButReported() {
        WireMockServer threads = PlatformStandIn.fresh("threads");
        connect("threads", null, Instant.now().minus(Duration.ofHours(1)));

        renewal.renewDue();

        threads.verify(0, getRequestedFor(urlPathEqualTo("/refresh_access_token")).withQueryParam("access_token", equalTo(token)));
        assertThat(attentionMails()).singleElement().asString().contains("threads account of " + brand);
        JsonNode view = view("threads");
        assertThat(view.path("health").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void linkedInRenewsByTheRefreshGrantAndKeepsTheNewRefreshTokenAndItsExpiry() {
        WireMockServer linkedin = PlatformStandIn.fresh("linkedin");
        linkedin.stubFor(post("/oauth/v2/accessToken").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(refresh))
                .willReturn(okJson("{\"access_token\": \"li-renewed\", \"expires_in\": 5184000, \"refresh_token\": \"li-refresh-2\","
                        + " \"refresh_token_expires_in\": 31536000, \"scope\": \"w_member_social\"}")));
        connect("linkedin", refresh, Instant.now().plus(Duration.ofDays(2)));

        renewal.renewDue();

        linkedin.verify(1, postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refresh))
                .withFormParam("client_id", equalTo("client-linkedin"))
                .withFormParam("client_secret", equalTo(secret)));
        PlatformAccount renewed = account("linkedin");
        assertThat(renewed.accessToken()).isEqualTo("li-renewed");
        assertThat(renewed.credentials().refreshToken()).isEqualTo("li-refresh-2");
        assertThat(renewed.tokenExpiresAt()).isCloseTo(Instant.now().plusSeconds(5184000), within(Duration.ofMinutes(1)));
        assertThat(renewed.refreshTokenExpiresAt()).isCloseTo(Instant.now().plusSeconds(31536000), within(Duration.ofMinutes(1)));
        assertThat(attentionMails()).isEmpty();
    }

    @Test
    void tikTokNamesTheClientClientKeyAndTellsTheRefreshTokensLifetime() {
        WireMockServer tiktok = PlatformStandIn.fresh("tiktok");
        tiktok.stubFor(post("/v2/oauth/token/").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(refresh))
                .willReturn(okJson("{\"access_token\": \"act.renewed\", \"expires_in\": 86400, \"open_id\": \"o-1\","
                        + " \"refresh_expires_in\": 31536000, \"refresh_token\": \"rft.2\", \"scope\": \"video.publish\","
                        + " \"token_type\": \"Bearer\"}")));
        connect("tiktok", refresh, Instant.now().plus(Duration.ofHours(5)));

        renewal.renewDue();

        tiktok.verify(1, postRequestedFor(urlPathEqualTo("/v2/oauth/token/"))
                .withFormParam("client_key", equalTo("client-tiktok"))
                .withFormParam("client_secret", equalTo(secret))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refresh)));
        PlatformAccount renewed = account("tiktok");
        assertThat(renewed.accessToken()).isEqualTo("act.renewed");
        assertThat(renewed.credentials().refreshToken()).isEqualTo("rft.2");
        assertThat(renewed.tokenExpiresAt()).isCloseTo(Instant.now().plusSeconds(86400), within(Duration.ofMinutes(1)));
        assertThat(renewed.refreshTokenExpiresAt()).isCloseTo(Instant.now().plusSeconds(31536000), within(Duration.ofMinutes(1)));

        // a day-long token is renewed at half its life, not at every run although it is within the lead time
        renewal.renewDue();
        tiktok.verify(0, postRequestedFor(urlPathEqualTo("/v2/oauth/token/")).withFormParam("refresh_token", equalTo("rft.2")));
    }

    @Test
    void pinterestSendsTheClientAsBasicCredentials() {
        WireMockServer pinterest = PlatformStandIn.fresh("pinterest");
        pinterest.stubFor(post("/v5/oauth/token").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(refresh))
                .willReturn(okJson("{\"access_token\": \"pina_renewed\", \"expires_in\": 2592000, \"refresh_token\": \"pinr_2\","
                        + " \"refresh_token_expires_in\": 5184000, \"response_type\": \"refresh_token\","
                        + " \"scope\": \"boards:read,pins:write\", \"token_type\": \"bearer\"}")));
        connect("pinterest", refresh, Instant.now().plus(Duration.ofDays(6)));

        renewal.renewDue();

        String basic = "Basic " + Base64.getEncoder().encodeToString(("client-pinterest:" + secret).getBytes(StandardCharsets.UTF_8));
        pinterest.verify(1, postRequestedFor(urlPathEqualTo("/v5/oauth/token"))
                .withHeader("Authorization", equalTo(basic))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refresh)));
        PlatformAccount renewed = account("pinterest");
        assertThat(renewed.accessToken()).isEqualTo("pina_renewed");
        assertThat(renewed.tokenExpiresAt()).isCloseTo(Instant.now().plusSeconds(2592000), within(Duration.ofMinutes(1)));
        assertThat(renewed.refreshTokenExpiresAt()).isCloseTo(Instant.now().plusSeconds(5184000), within(Duration.ofMinutes(1)));
    }

    @Test
    void youTubeRenewsByGooglesRefreshGrantAndKeepsItsRefreshToken() {
        WireMockServer youtube = PlatformStandIn.fresh("youtube");
        youtube.stubFor(post("/token").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(refresh))
                .willReturn(okJson("{\"access_token\": \"ya29.renewed\", \"expires_in\": 3599,"
                        + " \"scope\": \"https://www.googleapis.com/auth/youtube.upload\", \"token_type\": \"Bearer\"}")));
        connect("youtube", refresh, Instant.now().plus(Duration.ofMinutes(20)));

        renewal.renewDue();

        youtube.verify(1, postRequestedFor(urlPathEqualTo("/token"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refresh))
                .withFormParam("client_id", equalTo("client-youtube"))
                .withFormParam("client_secret", equalTo(secret)));
        PlatformAccount renewed = account("youtube");
        assertThat(renewed.accessToken()).isEqualTo("ya29.renewed");
        assertThat(renewed.credentials().refreshToken()).isEqualTo(refresh);
        assertThat(renewed.tokenExpiresAt()).isCloseTo(Instant.now().plusSeconds(3599), within(Duration.ofMinutes(1)));
        assertThat(view("youtube").path("health").asText()).isEqualTo("OK");
    }

    @Test
    void xRenewsItsTwoHourTokenByTheRefreshGrantAndKeepsTheNewRefreshToken() {
        WireMockServer x = PlatformStandIn.fresh("x");
        x.stubFor(post("/2/oauth2/token").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(refresh))
                .willReturn(okJson("{\"token_type\": \"bearer\", \"expires_in\": 7200, \"access_token\": \"x-renewed\","
                        + " \"scope\": \"tweet.write users.read offline.access\", \"refresh_token\": \"x-refresh-2\"}")));
        connect("x", refresh, Instant.now().plus(Duration.ofMinutes(30)));

        renewal.renewDue();

        String basic = "Basic " + Base64.getEncoder().encodeToString(("client-x:" + secret).getBytes(StandardCharsets.UTF_8));
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/oauth2/token"))
                .withHeader("Authorization", equalTo(basic))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refresh))
                .withFormParam("client_id", equalTo("client-x")));
        PlatformAccount renewed = account("x");
        assertThat(renewed.accessToken()).isEqualTo("x-renewed");
        assertThat(renewed.credentials().refreshToken()).as("X replaces the refresh token on every refresh")
                .isEqualTo("x-refresh-2");
        assertThat(renewed.tokenExpiresAt()).isCloseTo(Instant.now().plusSeconds(7200), within(Duration.ofMinutes(1)));
    }

    @Test
    void twoRenewalsAtOnceAskThePlatformOnceAndKeepTheRotatedRefreshToken() throws Exception {
        WireMockServer tiktok = PlatformStandIn.fresh("tiktok");
        // TikTok rotates the refresh token: the old one is honoured once, slowly enough for the second renewal to overlap
        tiktok.stubFor(post("/v2/oauth/token/").inScenario("rotate").whenScenarioStateIs(STARTED)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(refresh))
                .willReturn(okJson("{\"access_token\": \"act.once\", \"expires_in\": 86400, \"open_id\": \"o-1\","
                        + " \"refresh_expires_in\": 31536000, \"refresh_token\": \"rft.rotated\", \"scope\": \"video.publish\","
                        + " \"token_type\": \"Bearer\"}").withFixedDelay(1_500))
                .willSetStateTo("rotated"));
        tiktok.stubFor(post("/v2/oauth/token/").inScenario("rotate").whenScenarioStateIs("rotated")
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(refresh))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.badRequest()
                        .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"refresh token used\"}")));
        connect("tiktok", refresh, Instant.now().plus(Duration.ofHours(5)));
        PlatformAccount seen = account("tiktok");
        AccountConnector connector = connectors.stream().filter(c -> c.platform().equals("tiktok")).findFirst().orElseThrow();

        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> connector.renewNow(seen));
            var second = pool.submit(() -> connector.renewNow(seen));
            assertThat(first.get().accessToken()).isEqualTo("act.once");
            assertThat(second.get().accessToken()).as("the second renewal takes the first one's token").isEqualTo("act.once");
        } finally {
            pool.shutdown();
        }

        tiktok.verify(1, postRequestedFor(urlPathEqualTo("/v2/oauth/token/")).withFormParam("refresh_token", equalTo(refresh)));
        PlatformAccount stored = account("tiktok");
        assertThat(stored.credentials().refreshToken()).isEqualTo("rft.rotated");
        assertThat(stored.renewalError()).isNull();
    }

    @Test
    void anAccountNotYetDueIsLeftAlone() {
        WireMockServer linkedin = PlatformStandIn.fresh("linkedin");
        linkedin.stubFor(post("/oauth/v2/accessToken").willReturn(okJson("{\"access_token\": \"must-not\", \"expires_in\": 5184000}")));
        connect("linkedin", refresh, Instant.now().plus(Duration.ofDays(30)));

        renewal.renewDue();

        linkedin.verify(0, postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken")).withFormParam("refresh_token", equalTo(refresh)));
        PlatformAccount account = account("linkedin");
        assertThat(account.accessToken()).isEqualTo(token);
        assertThat(account.lastRenewedAt()).isNull();
        JsonNode view = view("linkedin");
        assertThat(view.path("health").asText()).isEqualTo("OK");
        assertThat(view.path("lastRenewedAt").isNull()).isTrue();
        assertThat(Instant.parse(view.path("tokenExpiresAt").asText())).isAfter(Instant.now().plus(Duration.ofDays(29)));
    }

    @Test
    void aFailedRenewalIsShownAndTellsTheStrategistsOnceADayWithoutASecret(CapturedOutput output) {
        WireMockServer linkedin = PlatformStandIn.fresh("linkedin");
        // the platform echoing the refresh token back must not carry it into the API, the audit trail, a mail or a log
        linkedin.stubFor(post("/oauth/v2/accessToken").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(refresh))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"The token " + refresh + " was revoked\"}")));
        connect("linkedin", refresh, Instant.now().plus(Duration.ofDays(2)));

        renewal.renewDue();
        renewal.renewDue();

        linkedin.verify(2, postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken")).withFormParam("refresh_token", equalTo(refresh)));
        assertThat(account("linkedin").accessToken()).isEqualTo(token);
        List<String> mails = attentionMails();
        assertThat(mails).singleElement().asString()
                .contains("linkedin account of " + brand)
                .contains("/api/brands/" + brand + "/accounts")
                .contains("was revoked")
                .doesNotContain(refresh, token, secret);
        List<String> events = jdbc.sql("SELECT payload FROM audit_event WHERE brand = ? AND type = 'ACCOUNT_NEEDS_ATTENTION'")
                .param(brand).query(String.class).list();
        assertThat(events).singleElement().asString().contains("\"platform\":\"linkedin\"").contains("was revoked")
                .doesNotContain(refresh);

        Api.Response listed = Api.as(port, strategist).get("/api/brands/" + brand + "/accounts");
        JsonNode view = listed.json().get(0);
        assertThat(view.path("health").asText()).isEqualTo("RENEWAL_FAILED");
        assertThat(view.path("renewalError").asText()).contains("was revoked").contains("[redacted]");
        assertThat(listed.toString() + listed.json()).doesNotContain(refresh, token, secret);
        assertThat(output.getAll()).contains("renewing the linkedin access token of " + brand + " failed")
                .doesNotContain(refresh, token, secret);
    }

    @Test
    void aRefreshTokenNearingItsExpiryTellsTheStrategists() {
        WireMockServer linkedin = PlatformStandIn.fresh("linkedin");
        linkedin.stubFor(post("/oauth/v2/accessToken").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(refresh))
                .willReturn(okJson("{\"access_token\": \"li-renewed\", \"expires_in\": 5184000,"
                        + " \"refresh_token_expires_in\": 259200}")));
        connect("linkedin", refresh, Instant.now().plus(Duration.ofDays(1)));

        renewal.renewDue();

        PlatformAccount renewed = account("linkedin");
        assertThat(renewed.accessToken()).isEqualTo("li-renewed");
        assertThat(renewed.refreshTokenExpiresAt()).isCloseTo(Instant.now().plus(Duration.ofDays(3)), within(Duration.ofMinutes(1)));
        assertThat(attentionMails()).singleElement().asString().contains("refresh token expires");
        JsonNode view = view("linkedin");
        assertThat(view.path("health").asText()).isEqualTo("EXPIRING");
        assertThat(Instant.parse(view.path("refreshTokenExpiresAt").asText())).isBefore(Instant.now().plus(Duration.ofDays(4)));
        assertThat(view.path("lastRenewedAt").isNull()).isFalse();
    }

    private void connect(String platform, String refreshToken, Instant expiresAt) {
        accounts.connect(brand, platform, "acct-" + platform, "client-" + platform, null,
                new Credentials(token, refreshToken, secret, null), expiresAt, "root");
    }

    private PlatformAccount account(String platform) {
        return accounts.find(brand, platform).orElseThrow();
    }

    private String sealedCredentials(String platform) {
        return jdbc.sql("SELECT credentials FROM platform_account WHERE brand = ? AND platform = ?")
                .params(brand, platform).query(String.class).single();
    }

    /** The strategist's ACCOUNT_NEEDS_ATTENTION rows: subject, text and html. */
    private List<String> attentionMails() {
        return jdbc.sql("SELECT subject, text_body, html_body FROM notification_outbox WHERE kind = ? AND recipient = ?")
                .params("ACCOUNT_NEEDS_ATTENTION", strategist)
                .query((rs, n) -> rs.getString(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3)).list();
    }

    private JsonNode view(String platform) {
        Api.Response listed = Api.as(port, strategist).get("/api/brands/" + brand + "/accounts");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        for (JsonNode account : listed.json()) {
            if (platform.equals(account.path("platform").asText())) {
                assertThat(account.toString()).doesNotContain(token, refresh, secret);
                return account;
            }
        }
        throw new AssertionError("no " + platform + " account in " + listed.json());
    }
}
