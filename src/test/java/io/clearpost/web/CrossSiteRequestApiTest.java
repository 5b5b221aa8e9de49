package io.clearpost.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.support.Api;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.Role;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page on another site can make a browser send (a form post: url-encoded, multipart or text/plain; a
 * body-less POST or DELETE) changes nothing, even with the browser's credentials; the same request with a JSON
 * body or the {@code X-Requested-With} header goes through. And no 401 asks a browser for Basic credentials.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossSiteRequestApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    BrandRepository brands;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCrossSiteFormCannotFreezeABrandOrChangeAPassword() {
        TestIdentities identities = TestIdentities.of(identity);
        String brand = identities.brand(brands, "csrf", List.of("linkedin"));
        String strategist = identities.user("csrf-strategist", Role.STRATEGIST.groupOf(brand));
        String freeze = "/api/brands/" + brand + "/freeze";
        String hash = identity.createUserQuery().userId(strategist).singleResult().getPassword();

        refused(send("POST", freeze, strategist, "application/x-www-form-urlencoded", "reason=x", null), 415);
        refused(send("POST", freeze, strategist, "multipart/form-data; boundary=b", "--b--", null), 415);
        refused(send("POST", freeze, strategist, "text/plain", "{}", null), 415);
        refused(send("POST", freeze, strategist, null, null, null), 403);
        refused(send("PUT", "/api/me/password", strategist, "text/plain",
                "{\"currentPassword\": \"" + strategist + "\", \"newPassword\": \"chosen-by-the-attacker\"}", null), 415);
        refused(send("DELETE", "/api/brands/" + brand + "/accounts/linkedin", strategist, null, null, null), 403);
        assertThat(frozen(brand)).isFalse();
        assertThat(identity.createUserQuery().userId(strategist).singleResult().getPassword()).isEqualTo(hash);

        // the API's own clients: the header, or a JSON body
        assertThat(send("POST", freeze, strategist, null, null, "XMLHttpRequest").statusCode()).isEqualTo(204);
        assertThat(frozen(brand)).isTrue();
        assertThat(send("POST", "/api/brands/" + brand + "/unfreeze", strategist, "application/json", "{}", null)
                .statusCode()).isEqualTo(204);
        assertThat(frozen(brand)).isFalse();
    }

    @Test
    void noAnswerAsksABrowserForBasicCredentials() {
        Problem.unauthorized(Api.anonymous(port).get("/api/me"));
        Problem.unauthorized(Api.anonymous(port).post("/api/brands/acme-bank/freeze"));
        Problem.unauthorized(Api.as(port, "nobody-at-all", "wrong-password-x").get("/api/me"));
    }

    private void refused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        try {
            JsonNode problem = new ObjectMapper().readTree(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("detail").asText()).contains("X-Requested-With");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean frozen(String brand) {
        return jdbc.sql("SELECT frozen FROM brand WHERE id = ?").param(brand).query(Boolean.class).single();
    }

    private HttpResponse<String> send(String method, String path, String user, String contentType, String body,
                                      String requestedWith) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (requestedWith != null) {
            request.header("X-Requested-With", requestedWith);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
