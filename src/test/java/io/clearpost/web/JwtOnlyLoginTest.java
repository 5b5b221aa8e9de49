package io.clearpost.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

import static io.clearpost.web.JwtLoginTest.brands;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens only: HTTP Basic switched off ({@code clearpost.security.basic.enabled=false}), the user named by the
 * token's {@code email} claim, and the roles taken from its {@code groups} claim instead of the memberships: only
 * values naming an existing brand and a known role (or {@code admin}) count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtOnlyLoginTest {

    static final TestIdentityProvider PROVIDER = TestIdentityProvider.start();

    @DynamicPropertySource
    static void jwtOnly(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", PROVIDER::jwkSetUri);
        registry.add("clearpost.security.jwt.issuer", PROVIDER::issuer);
        registry.add("clearpost.security.jwt.audience", () -> TestIdentityProvider.AUDIENCE);
        registry.add("clearpost.security.jwt.user-claim", () -> "email");
        registry.add("clearpost.security.jwt.groups-claim", () -> "groups");
        registry.add("clearpost.security.basic.enabled", () -> "false");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @LocalServerPort
    int port;

    /** A token for the user with this e-mail (its {@code sub} is the provider's own id, unknown to Clearpost). */
    private Api as(String email, List<String> groups) {
        return Api.bearer(port, PROVIDER.token("f3a9c1e0-provider-id", Map.of("email", email, "groups", groups)));
    }

    @Test
    void theGroupsClaimGivesExactlyItsRoles() {
        // sam is strategist of both brands by membership; the token says legal of acme-bank
        Api sam = as("sam@agency.example", List.of("acme-bank:legal"));

        JsonNode me = sam.get("/api/me").json();
        assertThat(me.path("id").asText()).isEqualTo("sam");
        assertThat(me.path("admin").asBoolean()).isFalse();
        assertThat(brands(me)).isEqualTo(Map.of("acme-bank", List.of("legal")));
        assertThat(sam.get("/api/briefs?brand=acme-bank").status()).isEqualTo(200);
        Problem.of(sam.get("/api/briefs?brand=nova-foods"), 404);
        Problem.of(sam.post("/api/briefs", Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo")), 403);
    }

    @Test
    void unknownBrandsRolesAndShapesAreIgnored() {
        Api lea = as("lea@acme-bank.example", List.of("acme-bank:legal", "acme-bank:compliance", "no-such-brand:legal",
                "acme-bank:wizard", "nova-foods", "nova-foods:", ":legal", "ADMIN", "acme-bank:legal:x"));
        assertThat(brands(lea.get("/api/me").json())).isEqualTo(Map.of("acme-bank", List.of("legal", "compliance")));
    }

    @Test
    void noGroupsClaimMeansNoRoles() {
        Api lea = Api.bearer(port, PROVIDER.token("f3a9c1e0-provider-id", Map.of("email", "lea@acme-bank.example")));
        JsonNode me = lea.get("/api/me").json();
        assertThat(me.path("id").asText()).isEqualTo("lea");
        assertThat(brands(me)).isEmpty();
        Problem.of(lea.get("/api/briefs?brand=acme-bank"), 404);
    }

    @Test
    void theAdminGroupMakesAnAdministrator() {
        Api root = as("root@clearpost.example", List.of("admin"));
        JsonNode me = root.get("/api/me").json();
        assertThat(me.path("admin").asBoolean()).isTrue();
        assertThat(brands(me)).containsKeys("acme-bank", "nova-foods");
        assertThat(root.get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void basicCredentialsAre401WhileTokensWork() {
        Problem.unauthorized(Api.as(port, "sam").get("/api/me"));
        Problem.unauthorized(Api.as(port, "root").get("/actuator/metrics"));
        assertThat(as("sam@agency.example", List.of("nova-foods:strategist")).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDescriptionOffersTokensOnly() {
        JsonNode doc = Api.anonymous(port).get("/v3/api-docs").json();
        assertThat(doc.path("components").path("securitySchemes").fieldNames()).toIterable().containsExactly("bearer");
        assertThat(doc.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
    }

    @Test
    void aTokenWithoutAKnownEmailIs401() {
        Problem.unauthorized(as("nobody@nowhere.example", List.of("acme-bank:legal")).get("/api/me"));
        // the sub is a user id, but the configured claim is the e-mail
        Problem.unauthorized(Api.bearer(port, PROVIDER.token("lea")).get("/api/me"));
    }
}
