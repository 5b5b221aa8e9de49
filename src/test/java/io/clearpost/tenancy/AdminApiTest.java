package io.clearpost.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Problem;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration API over real HTTP: users (with invitations), memberships and brands, each answer with its
 * status and problem+json, and nothing changed by a refused request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminApiTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;

    private Api root() {
        return Api.as(port, "root");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> newUser(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", "Ines Martin");
        body.put("email", id + "@tide.example");
        body.put("timeZone", "Europe/Paris");
        return body;
    }

    // ---- users ----------------------------------------------------------------------------------

    @Test
    void anAdministratorCreatesReadsListsAndChangesUsers() {
        String id = unique("ines");
        Api.Response created = root().post("/api/admin/users", newUser(id));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/admin/users/" + id);
        JsonNode user = created.json();
        assertThat(user.path("id").asText()).isEqualTo(id);
        assertThat(user.path("name").asText()).isEqualTo("Ines Martin");
        assertThat(user.path("email").asText()).isEqualTo(id + "@tide.example");
        assertThat(user.path("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(user.path("enabled").asBoolean()).isTrue();
        assertThat(user.path("invitationPending").asBoolean()).isTrue();
        assertThat(user.path("brands").size()).isZero();
        // the invitation is mailed through the outbox, in the same transaction
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND kind = 'INVITATION'")
                .param(id).query(Long.class).single()).isEqualTo(1);

        Api.Response read = root().get("/api/admin/users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(user);
        Api.Response list = root().get("/api/admin/users");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("id")).contains(id, "root", "sam");

        Api.Response changed = root().put("/api/admin/users/" + id,
                Map.of("name", "Ines Martin-Roux", "email", "ines.roux@tide.example", "timeZone", "America/New_York"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("name").asText()).isEqualTo("Ines Martin-Roux");
        assertThat(changed.json().path("email").asText()).isEqualTo("ines.roux@tide.example");
        assertThat(changed.json().path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(changed.json().path("enabled").asBoolean()).isTrue();
    }

    @Test
    void badUsersAreRefusedNamingTheFieldAndNothingIsCreated() {
        String id = unique("bad");
        Map<String, Object> body = newUser(id);
        body.put("email", "not-an-address");
        body.put("timeZone", "Europe/Atlantis");
        Problem.invalid(root().post("/api/admin/users", body), "email", "timeZone");
        Map<String, Object> badId = newUser("Not An Id!");
        Problem.invalid(root().post("/api/admin/users", badId), "id");
        Map<String, Object> noName = newUser(id);
        noName.remove("name");
        Problem.invalid(root().post("/api/admin/users", noName), "name");
        assertThat(identity.createUserQuery().userId(id).count()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM invitation WHERE user_id = ?").param(id).query(Long.class).single())
                .isZero();

        // an existing id: 409, the existing user unchanged
        Problem.of(root().post("/api/admin/users", newUser("sam")), 409);
        assertThat(identity.createUserQuery().userId("sam").singleResult().getEmail()).isEqualTo("sam@agency.example");

        String existing = unique("change");
        assertThat(root().post("/api/admin/users", newUser(existing)).status()).isEqualTo(201);
        Problem.invalid(root().put("/api/admin/users/" + existing, Map.of("email", "nope", "timeZone", "+02:00")),
                "email", "timeZone");
        assertThat(root().get("/api/admin/users/" + existing).json().path("email").asText())
                .isEqualTo(existing + "@tide.example");
        // an administrator does not lock themselves out
        Problem.of(root().put("/api/admin/users/root", Map.of("enabled", false)), 409);
    }

    @Test
    void onlyAdministratorsManageUsers() {
        String id = unique("nobody");
        Problem.unauthorized(Api.anonymous(port).post("/api/admin/users", newUser(id)));
        Problem.unauthorized(Api.anonymous(port).get("/api/admin/users"));
        Problem.of(Api.as(port, "sam").post("/api/admin/users", newUser(id)), 403);
        Problem.of(Api.as(port, "sam").get("/api/admin/users"), 403);
        Problem.of(Api.as(port, "sam").get("/api/admin/users/cleo"), 403);
        Problem.of(Api.as(port, "sam").put("/api/admin/users/cleo", Map.of("enabled", false)), 403);
        Problem.of(Api.as(port, "sam").post("/api/admin/users/cleo/reset", Map.of()), 403);
        assertThat(identity.createUserQuery().userId(id).count()).isZero();

        Problem.of(root().get("/api/admin/users/" + id), 404);
        Problem.of(root().put("/api/admin/users/" + id, Map.of("name", "X")), 404);
        Problem.of(root().post("/api/admin/users/" + id + "/reset", Map.of()), 404);
    }

    @Test
    void anInvitationIsTheOnlyApiWithoutCredentialsAndStillNeedsJson() {
        Problem.of(Api.anonymous(port).post("/api/invitations/" + "A".repeat(43), Map.of("password", "long enough pw")), 404);
        Problem.invalid(Api.anonymous(port).post("/api/invitations/" + "A".repeat(43), "{\"password\": 5}"), "password");
    }
}
