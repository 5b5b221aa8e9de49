package io.clearpost.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentities;
import io.clearpost.support.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single sign-on with JWT bearer tokens, over real HTTP: tokens signed with a real RSA key whose JWK set a stand-in
 * provider in this JVM serves ({@code jwk-set-uri}, issuer from {@code clearpost.security.jwt.issuer}). A valid
 * token makes its {@code sub} the caller with their Clearpost memberships, exactly as HTTP Basic does (which stays
 * on); every flawed token answers 401 problem+json without a Basic challenge, and the refusal is logged without
 * the token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class JwtLoginTest {

    static final TestIdentityProvider PROVIDER = TestIdentityProvider.start();

    @DynamicPropertySource
    static void jwtLogin(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", PROVIDER::jwkSetUri);
        registry.add("clearpost.security.jwt.issuer", PROVIDER::issuer);
        registry.add("clearpost.security.jwt.audience", () -> TestIdentityProvider.AUDIENCE);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    private Api bearer(String token) {
        return Api.bearer(port, token);
    }

    @Test
    void leasTokenMakesHerTheCallerWithHerRoles() {
        Api lea = bearer(PROVIDER.token("lea"));

        JsonNode me = lea.get("/api/me").json();
        assertThat(me.path("id").asText()).isEqualTo("lea");
        assertThat(me.path("admin").asBoolean()).isFalse();
        assertThat(brands(me)).isEqualTo(Map.of("acme-bank", List.of("legal")));

        Api.Response briefs = lea.get("/api/briefs?brand=acme-bank");
        assertThat(briefs.status()).as("%s", briefs).isEqualTo(200);
        assertThat(briefs.json().isArray()).isTrue();
        // brand isolation and role checks are the same as for Basic: another brand does not exist for her,
        // and legal may not submit a brief
        Problem.of(lea.get("/api/briefs?brand=nova-foods"), 404);
        Problem.of(lea.post("/api/briefs", Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo")), 403);
    }

    @Test
    void samsTokenSeesSamsBrands() {
        Api sam = bearer(PROVIDER.token("sam"));

        assertThat(brands(sam.get("/api/me").json())).isEqualTo(Map.of(
                "acme-bank", List.of("strategist"), "nova-foods", List.of("strategist")));
        assertThat(sam.get("/api/briefs?brand=nova-foods").status()).isEqualTo(200);
        assertThat(sam.get("/api/tasks?brand=acme-bank").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorsTokenGivesAdministratorRights() {
        assertThat(bearer(PROVIDER.token("root")).get("/api/me").json().path("admin").asBoolean()).isTrue();
        assertThat(bearer(PROVIDER.token("root")).get("/actuator/metrics").status()).isEqualTo(200);
        Problem.of(bearer(PROVIDER.token("lea")).get("/actuator/metrics"), 403);
    }

    @Test
    void aSubjectWithAnAtSignIsMatchedByEmail() {
        JsonNode me = bearer(PROVIDER.token("lea@acme-bank.example")).get("/api/me").json();
        assertThat(me.path("id").asText()).isEqualTo("lea");
        assertThat(brands(me)).isEqualTo(Map.of("acme-bank", List.of("legal")));
    }

    @Test
    void aTestUsersEmailFindsThemAndAnEmailTwoUsersShareFindsNone() {
        TestIdentities identities = TestIdentities.of(identity);
        String creative = identities.user("jwt-creative", "acme-bank:creative");
        JsonNode me = bearer(PROVIDER.token(creative + "@test.clearpost.invalid")).get("/api/me").json();
        assertThat(me.path("id").asText()).isEqualTo(creative);
        assertThat(brands(me)).isEqualTo(Map.of("acme-bank", List.of("creative")));

        String shared = identities.user("jwt-shared") + "@shared.clearpost.invalid";
        for (String id : List.of(identities.user("jwt-twin"), identities.user("jwt-twin"))) {
            User user = identity.createUserQuery().userId(id).singleResult();
            user.setEmail(shared);
            identity.saveUser(user);
        }
        refused(PROVIDER.token(shared));
    }

    @Test
    void aDisabledUsersTokenIs401UntilTheAdministratorEnablesThemAgain() {
        String creative = TestIdentities.of(identity).user("jwt-leaver", "acme-bank:creative");
        assertThat(bearer(PROVIDER.token(creative)).get("/api/me").status()).isEqualTo(200);

        Api root = Api.as(port, "root");
        assertThat(root.put("/api/admin/users/" + creative, Map.of("enabled", false)).status()).isEqualTo(200);
        refused(PROVIDER.token(creative));
        refused(PROVIDER.token(creative + "@test.clearpost.invalid"));

        assertThat(root.put("/api/admin/users/" + creative, Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(bearer(PROVIDER.token(creative)).get("/api/me").status()).isEqualTo(200);
    }

    /** Ids and e-mails are compared exactly, on H2 and on MariaDB's case-insensitive collation alike. */
    @Test
    void anotherSpellingOfAUserIs401() {
        refused(PROVIDER.token("LEA"));
        refused(PROVIDER.token("Lea@acme-bank.example"));
    }

    /** The cross-site guard applies to bearer calls too: a JSON body passes it, a body-less write without the header does not. */
    @Test
    void aWriteWithABearerTokenAndAJsonBodyIsAccepted() throws Exception {
        String token = PROVIDER.token("sam");
        String body = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo"));

        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/briefs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/api/briefs/"));

        HttpResponse<String> bodyless = send(HttpRequest.newBuilder(uri("/api/brands/acme-bank/freeze"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(bodyless.statusCode()).isEqualTo(403);
        assertThat(bodyless.body()).contains("X-Requested-With");
    }

    @Test
    void basicStaysOnBesideTokens() {
        assertThat(Api.as(port, "lea").get("/api/me").json().path("id").asText()).isEqualTo("lea");
        Problem.unauthorized(Api.anonymous(port).get("/api/me"));
    }

    @Test
    void theOpenApiDescriptionOffersBothLogins() {
        JsonNode doc = Api.anonymous(port).get("/v3/api-docs").json();
        assertThat(doc.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/bearer/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(doc.path("security").toString()).isEqualTo("[{\"basic\":[]},{\"bearer\":[]}]");
    }

    @Test
    void anExpiredTokenIs401(CapturedOutput output) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String token = PROVIDER.sign(PROVIDER.claims("lea")
                .issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))).build());

        refused(token);
        assertThat(output.getOut()).contains("Bearer token refused").containsIgnoringCase("expired");
        assertThat(output.getOut()).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
    }

    @Test
    void aTokenOfAnotherIssuerIs401(CapturedOutput output) {
        refused(PROVIDER.sign(PROVIDER.claims("lea").issuer("https://login.other.example/realms/x").build()));
        assertThat(output.getOut()).contains("Bearer token refused").contains("iss");
    }

    @Test
    void aTokenForAnotherAudienceIs401(CapturedOutput output) {
        refused(PROVIDER.sign(PROVIDER.claims("lea").audience("another-app").build()));
        refused(PROVIDER.sign(PROVIDER.claims("lea").audience(List.of()).build()));
        assertThat(output.getOut()).contains("Bearer token refused").contains("aud");
    }

    @Test
    void aTokenOfAnUnknownUserIs401(CapturedOutput output) {
        refused(PROVIDER.token("nobody-such"));
        refused(PROVIDER.token("nobody@nowhere.example"));
        refused(PROVIDER.sign(PROVIDER.claims(null).build()));
        assertThat(output.getOut()).contains("No Clearpost user matches the token's sub claim nobody-such");
    }

    @Test
    void aTokenSignedByAnotherKeyIs401(CapturedOutput output) {
        String token = PROVIDER.signAsStranger(PROVIDER.claims("lea").build());
        refused(token);
        assertThat(output.getOut()).contains("Bearer token refused").doesNotContain(token.split("\\.")[2]);
    }

    @Test
    void aTokenThatIsNoJwtIs401() {
        refused("not-a-jwt");
        refused(PROVIDER.token("lea") + "x");
    }

    @Test
    void startRefusedWithoutAudienceOrIssuer() {
        OAuth2ResourceServerProperties jwkSetOnly = new OAuth2ResourceServerProperties();
        jwkSetOnly.getJwt().setJwkSetUri("https://login.example/jwks");
        BearerTokenLogin login = new BearerTokenLogin();

        assertThatThrownBy(() -> login.clearpostTokenClaims(settings(null, "https://login.example"), jwkSetOnly))
                .hasMessageContaining("clearpost.security.jwt.audience is required");
        assertThatThrownBy(() -> login.clearpostTokenClaims(settings("clearpost", null), jwkSetOnly))
                .hasMessageContaining("clearpost.security.jwt.issuer is required");

        OAuth2ResourceServerProperties withIssuerUri = new OAuth2ResourceServerProperties();
        withIssuerUri.getJwt().setIssuerUri("https://login.example");
        assertThat(login.clearpostTokenClaims(settings("clearpost", null), withIssuerUri)).isNotNull();
        assertThatThrownBy(() -> login.clearpostTokenClaims(settings("clearpost", "https://other.example"), withIssuerUri))
                .hasMessageContaining("differs");
    }

    private static SecuritySettings settings(String audience, String issuer) {
        return new SecuritySettings(new SecuritySettings.Basic(true),
                new SecuritySettings.Jwt(audience, issuer, "sub", null));
    }

    /** 401 problem+json with Clearpost's challenge (never Basic). */
    private void refused(String token) {
        JsonNode problem = Problem.unauthorized(bearer(token).get("/api/me"));
        assertThat(problem.path("detail").asText()).isEqualTo("The bearer token is not valid");
    }

    static Map<String, List<String>> brands(JsonNode me) {
        Map<String, List<String>> brands = new java.util.TreeMap<>();
        me.path("brands").forEach(b -> {
            List<String> roles = new java.util.ArrayList<>();
            b.path("roles").forEach(r -> roles.add(r.asText()));
            brands.put(b.path("brand").asText(), roles);
        });
        return brands;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
