package io.clearpost.publish.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Problem;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/brands/{brand}/accounts}: a strategist connects the brand's platform accounts; the
 * secrets go in and never come out, not in answers, not in logs, not as plaintext in the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AccountApiTest {

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    BrandRepository brands;

    @Autowired
    PlatformAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    String brand;
    String strategist;
    String token;
    String refreshToken;
    String clientSecret;

    @BeforeEach
    void brand() {
        TestIdentities ids = TestIdentities.of(identity);
        brand = ids.brand(brands, "accounts", List.of("mastodon", "linkedin", "webhook"));
        strategist = ids.user("strategist", brand + ":strategist");
        token = "tok-" + UUID.randomUUID();
        refreshToken = "ref-" + UUID.randomUUID();
        clientSecret = "cs-" + UUID.randomUUID();
    }

    @Test
    void connectingAnAccountKeepsItsSecretsToItself(CapturedOutput output) {
        Api.Response connected = Api.as(port, strategist).put(path("linkedin"), Map.of(
                "accountId", "urn:li:organization:5515715", "accessToken", token, "refreshToken", refreshToken,
                "clientId", "86abc", "clientSecret", clientSecret, "tokenExpiresAt", "2027-01-01T00:00:00Z"));

        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        JsonNode view = connected.json();
        assertThat(view.path("platform").asText()).isEqualTo("linkedin");
        assertThat(view.path("accountId").asText()).isEqualTo("urn:li:organization:5515715");
        assertThat(view.path("clientId").asText()).isEqualTo("86abc");
        assertThat(view.path("hasAccessToken").asBoolean()).isTrue();
        assertThat(view.path("hasRefreshToken").asBoolean()).isTrue();
        assertThat(view.path("hasClientSecret").asBoolean()).isTrue();
        assertThat(view.path("connectedBy").asText()).isEqualTo(strategist);
        assertNoSecretIn(connected.text());

        Api.Response listed = Api.as(port, strategist).get(path(""));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).extracting(a -> a.path("platform").asText()).containsExactly("linkedin");
        assertNoSecretIn(listed.text());

        // at rest: one AES-GCM sealed value, no plaintext
        String stored = jdbc.sql("SELECT credentials FROM platform_account WHERE brand = ? AND platform = 'linkedin'")
                .param(brand).query(String.class).single();
        assertThat(stored).startsWith("v1:");
        assertNoSecretIn(stored);
        assertThat(accounts.find(brand, "linkedin").orElseThrow().credentials())
                .isEqualTo(new Credentials(token, refreshToken, clientSecret, null));
        // nor in the audit trail or the logs
        List<String> audited = jdbc.sql("SELECT payload FROM audit_event WHERE brand = ?").param(brand)
                .query(String.class).list();
        assertThat(audited).singleElement().satisfies(payload -> {
            assertThat(payload).contains("urn:li:organization:5515715");
            assertNoSecretIn(payload);
        });
        assertNoSecretIn(output.getAll());
    }

    @Test
    void reconnectingReplacesTheCredentials() {
        Api.as(port, strategist).put(path("mastodon"), Map.of("accessToken", token));
        String newToken = "tok-" + UUID.randomUUID();

        Api.Response again = Api.as(port, "root").put(path("mastodon"), Map.of("accessToken", newToken));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("connectedBy").asText()).isEqualTo("root");
        assertThat(accounts.find(brand, "mastodon").orElseThrow().accessToken()).isEqualTo(newToken);
        assertThat(accounts.ofBrand(brand)).hasSize(1);
    }

    @Test
    void aWebhookNeedsAnEndpointAndASigningSecret() {
        Problem.invalid(Api.as(port, strategist).put(path("webhook"), Map.of("endpoint", "ftp://files.example")),
                "endpoint", "webhookSecret");

        Api.Response ok = Api.as(port, strategist).put(path("webhook"),
                Map.of("endpoint", "https://hooks.example/clearpost", "webhookSecret", clientSecret));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("endpoint").asText()).isEqualTo("https://hooks.example/clearpost");
        assertThat(ok.json().path("hasWebhookSecret").asBoolean()).isTrue();
        assertNoSecretIn(ok.text());
    }

    @Test
    void badInputNamesTheFieldAndStoresNothing() {
        Api api = Api.as(port, strategist);
        Problem.invalid(api.put(path("myspace"), Map.of("accessToken", token)), "platform");
        Problem.invalid(api.put(path("x"), Map.of("accountId", "1", "accessToken", token)), "platform");
        Problem.invalid(api.put(path("linkedin"), Map.of("accountId", "urn:li:person:1")), "accessToken");
        Problem.invalid(api.put(path("linkedin"), Map.of("accessToken", token)), "accountId");
        Problem.invalid(api.put(path("linkedin"), Map.of("accountId", "urn:li:person:1", "accessToken", token,
                "refreshToken", refreshToken)), "clientId");
        Map<String, Object> tooLong = new HashMap<>(Map.of("accessToken", "t".repeat(4001)));
        Problem.invalid(api.put(path("mastodon"), tooLong), "accessToken");
        Problem.of(api.put(path("mastodon"), "{\"accessToken\": "), 400);
        Problem.of(api.put(path("mastodon"), Map.of("accessToken", token, "password", "x")), 400);

        assertThat(accounts.ofBrand(brand)).isEmpty();
    }

    @Test
    void onlyTheBrandsStrategistsAndAdminsManageAccounts() {
        TestIdentities ids = TestIdentities.of(identity);
        Map<String, Object> body = Map.of("accessToken", token);

        Problem.unauthorized(Api.anonymous(port).put(path("mastodon"), body));
        Problem.unauthorized(Api.anonymous(port).get(path("")));
        for (String role : List.of("creative", "legal", "compliance", "brand-manager", "auditor")) {
            String user = ids.user(role, brand + ":" + role);
            Problem.of(Api.as(port, user).put(path("mastodon"), body), 403);
            Problem.of(Api.as(port, user).get(path("")), 403);
            Problem.of(Api.as(port, user).delete(path("mastodon")), 403);
        }
        // sam is a strategist, but of other brands: this one does not exist for him
        Problem.of(Api.as(port, "sam").put(path("mastodon"), body), 404);
        Problem.of(Api.as(port, "sam").get(path("")), 404);
        Problem.of(Api.as(port, "root").get("/api/brands/no-such-brand/accounts"), 404);
        assertThat(accounts.ofBrand(brand)).isEmpty();
    }

    @Test
    void disconnectingFallsBackToTheSandbox() {
        Api.as(port, strategist).put(path("mastodon"), Map.of("accessToken", token));

        assertThat(Api.as(port, strategist).delete(path("mastodon")).status()).isEqualTo(204);

        assertThat(accounts.find(brand, "mastodon")).isEmpty();
        Problem.of(Api.as(port, strategist).delete(path("mastodon")), 404);
    }

    private String path(String platform) {
        return "/api/brands/" + brand + "/accounts" + (platform.isEmpty() ? "" : "/" + platform);
    }

    private void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(token).doesNotContain(refreshToken).doesNotContain(clientSecret);
    }
}
