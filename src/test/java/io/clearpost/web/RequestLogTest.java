package io.clearpost.web;

import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.BrandRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One line per request with user, brand and outcome; never a password, an Authorization header or a token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RequestLogTest {

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    BrandRepository brands;

    @Test
    void aDemoFlowIsLoggedWithoutItsSecrets(CapturedOutput output) {
        String brand = TestIdentities.of(identity).brand(brands, "logs", List.of("mastodon"));
        String strategist = "logs-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        User user = identity.newUser(strategist);
        user.setPassword(password);
        identity.saveUser(user);
        identity.createMembership(strategist, brand + ":strategist");
        String token = "tok-" + UUID.randomUUID();
        String wrongPassword = "wrong-" + UUID.randomUUID();
        Api api = Api.as(port, strategist, password);

        Api.Response connected = api.put("/api/brands/" + brand + "/accounts/mastodon",
                Map.of("accountId", "109876", "accessToken", token));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        Api.Response submitted = api.post("/api/briefs", Briefs.request(brand, "standard", List.of("mastodon"), null));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        assertThat(api.get("/api/tasks?brand=" + brand).status()).isEqualTo(200);
        assertThat(Api.as(port, strategist, wrongPassword).get("/api/tasks").status()).isEqualTo(401);

        String logs = output.getAll();
        assertThat(logs).contains(
                "PUT /api/brands/" + brand + "/accounts/mastodon 200 ",
                "POST /api/briefs 201 ",
                "GET /api/tasks 200 ",
                "GET /api/tasks 401 ");
        assertThat(logs).containsPattern("PUT /api/brands/" + brand + "/accounts/mastodon 200 \\d+ms user=" + strategist
                + " brand=" + brand);
        assertThat(logs).containsPattern("GET /api/tasks 200 \\d+ms user=" + strategist + " brand=" + brand);
        assertThat(logs).containsPattern("GET /api/tasks 401 \\d+ms user=-");
        String basic = Base64.getEncoder().encodeToString((strategist + ":" + password).getBytes(StandardCharsets.UTF_8));
        String wrongBasic = Base64.getEncoder().encodeToString((strategist + ":" + wrongPassword).getBytes(StandardCharsets.UTF_8));
        assertThat(logs).doesNotContain(password, wrongPassword, token, basic, wrongBasic, "Basic ");
        assertThat(logs).as("no Authorization header").doesNotContainPattern("(?i)authorization\\s*[:=]");
    }

    @Test
    void onlyABrandIdIsTakenFromThePathOrQuery() {
        assertThat(RequestLog.brand("/api/brands/acme-bank/freeze", null)).isEqualTo("acme-bank");
        assertThat(RequestLog.brand("/api/calendar", "from=x&brand=nova-foods")).isEqualTo("nova-foods");
        assertThat(RequestLog.brand("/api/tasks", "key=x")).isNull();
        assertThat(RequestLog.brand("/api/content", "brand=%0Afake%20line")).isNull();
    }
}
