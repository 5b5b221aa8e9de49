package io.clearpost.tenancy;

import io.clearpost.support.Api;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.impl.digest.Sha512HashDigest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login policy over real HTTP: BCrypt hashes (older SHA-512 ones upgraded at login), growing and bounded
 * lock-outs after failed logins, the administrator's unlock, the failure metric and log, the password change.
 * Each test uses users of its own: a lock-out of a demo user would fail other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LoginPolicyApiTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;

    private String user() {
        return TestIdentities.of(identity).user("login-policy");
    }

    private String storedHash(String user) {
        return identity.createUserQuery().userId(user).singleResult().getPassword();
    }

    @Test
    void passwordsAreStoredWithBCryptAndAnOlderHashIsUpgradedAtTheNextLogin() {
        String user = user();
        assertThat(storedHash(user)).startsWith("{bcrypt}$2");

        // as an earlier version stored it: the engine's salted SHA-512
        String salt = "c2FsdHNhbHRzYWx0c2FsdA==";
        jdbc.sql("UPDATE ACT_ID_USER SET PWD_ = ?, SALT_ = ? WHERE ID_ = ?")
                .params("{SHA-512}" + new Sha512HashDigest().encrypt(user + salt), salt, user).update();
        assertThat(storedHash(user)).startsWith("{SHA-512}");

        assertThat(Api.as(port, user).get("/api/me").status()).isEqualTo(200);
        assertThat(storedHash(user)).startsWith("{bcrypt}$2");
        assertThat(Api.as(port, user).get("/api/me").status()).isEqualTo(200);
        assertThat(Api.as(port, user, user + "-wrong").get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void tenFailuresLockTheUserUntilAnAdministratorUnlocks(CapturedOutput output) {
        String user = user();
        double before = failures("bad_credentials");
        double lockedBefore = failures("locked");
        for (int i = 0; i < 9; i++) {
            Problem.unauthorized(Api.as(port, user, "wrong-password-" + i).get("/api/me"));
        }
        // a success starts the count again
        assertThat(Api.as(port, user).get("/api/me").status()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            Problem.unauthorized(Api.as(port, user, "wrong-password-" + i).get("/api/me"));
        }
        Problem.unauthorized(Api.as(port, user).get("/api/me"));   // the right password, but locked
        assertThat(lockedFor(user)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(failures("bad_credentials") - before).isGreaterThanOrEqualTo(19);
        assertThat(failures("locked") - lockedBefore).isGreaterThanOrEqualTo(1);
        assertThat(output.getOut()).contains("Login failed for user " + user).doesNotContain("wrong-password-");

        Problem.of(Api.as(port, "sam").post("/api/admin/users/" + user + "/unlock"), 403);
        Problem.unauthorized(Api.as(port, user).get("/api/me"));
        Problem.of(Api.as(port, "root").post("/api/admin/users/nobody-" + user + "/unlock"), 404);
        assertThat(Api.as(port, "root").post("/api/admin/users/" + user + "/unlock").status()).isEqualTo(204);
        assertThat(Api.as(port, user).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void aLockEndsAndTheNextOneIsTwiceAsLongNeverForEver() {
        String user = user();
        for (int i = 0; i < 10; i++) {
            Problem.unauthorized(Api.as(port, user, "wrong-" + i).get("/api/me"));
        }
        assertThat(lockedFor(user)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        expireLock(user);
        for (int i = 0; i < 10; i++) {
            Problem.unauthorized(Api.as(port, user, "wrong-" + i).get("/api/me"));
        }
        assertThat(lockedFor(user)).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
        Problem.unauthorized(Api.as(port, user).get("/api/me"));
        // 20 failures: the engine's own permanent lock (after 10 by default) does not apply
        expireLock(user);
        assertThat(Api.as(port, user).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void aUserChangesTheirPasswordGivenTheCurrentOne() {
        String user = user();
        Api api = Api.as(port, user);
        Problem.invalid(api.put("/api/me/password", Map.of("currentPassword", "not-the-password", "newPassword",
                "a-long-new-password")), "currentPassword");
        Problem.invalid(api.put("/api/me/password", Map.of("currentPassword", user, "newPassword", "too-short")),
                "newPassword");
        Problem.invalid(api.put("/api/me/password", Map.of("newPassword", "a-long-new-password")), "currentPassword");
        Problem.invalid(api.put("/api/me/password", Map.of("currentPassword", user)), "newPassword");
        Problem.invalid(api.put("/api/me/password", "{\"currentPassword\": \"" + user + "\", \"newPassword\": 123456789012}"),
                "newPassword");
        assertThat(api.get("/api/me").status()).as("unchanged").isEqualTo(200);

        assertThat(api.put("/api/me/password", Map.of("currentPassword", user, "newPassword", "a-long-new-password"))
                .status()).isEqualTo(204);
        Problem.unauthorized(api.get("/api/me"));
        assertThat(Api.as(port, user, "a-long-new-password").get("/api/me").status()).isEqualTo(200);
        assertThat(storedHash(user)).startsWith("{bcrypt}");
    }

    private Duration lockedFor(String user) {
        Timestamp until = jdbc.sql("SELECT locked_until FROM login_lock WHERE user_id = ?").param(user)
                .query(Timestamp.class).single();
        return Duration.between(Instant.now(), until.toInstant());
    }

    /** As if the lock's time had passed. */
    private void expireLock(String user) {
        jdbc.sql("UPDATE login_lock SET locked_until = ? WHERE user_id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), user).update();
    }

    private double failures(String reason) {
        Api.Response scrape = Api.as(port, "root").get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        Matcher m = Pattern.compile("^clearpost_login_failures_total\\{[^}]*reason=\"" + reason + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(scrape.text());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
