package io.clearpost.tenancy;

import io.clearpost.support.Api;
import io.clearpost.support.ProductionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start without the demo profile: no demo user exists, the administrator comes from
 * {@code clearpost.admin.*}, and a later start leaves an existing administrator alone.
 * Not a production start: {@code clearpost.production} stays false, because production refuses the
 * embedded H2 this runs on (EmbeddedDatabaseGuardTest covers that refusal).
 * (The properties are the same as ReadinessTest's, so the two share one application context.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=test",
        "spring.datasource.url=jdbc:h2:mem:clearpost-no-demo;DB_CLOSE_DELAY=-1",
        "clearpost.admin.user=ops-admin",
        "clearpost.admin.password=first-start-password"})
@ExtendWith(OutputCaptureExtension.class)
class StartWithoutDemoProfileTest {

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    InitialAdmin initialAdmin;

    @Autowired
    Users users;

    @Autowired
    ProductionSettings production;

    @Test
    void noDemoUsersButTheConfiguredAdministrator() {
        for (String demo : DemoData.USERS.keySet()) {
            assertThat(identity.createUserQuery().userId(demo).count()).as("demo user %s", demo).isZero();
        }
        assertThat(identity.createUserQuery().memberOfGroup(Users.ADMIN_GROUP).list())
                .extracting(User::getId).containsExactly("ops-admin");
        assertThat(Api.as(port, "sam").get("/api/tasks").status()).isEqualTo(401);
        Api admin = Api.as(port, "ops-admin", "first-start-password");
        assertThat(admin.get("/api/tasks").status()).isEqualTo(200);
        assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void anExistingAdministratorIsNeverChanged() {
        User admin = identity.createUserQuery().userId("ops-admin").singleResult();
        admin.setPassword("changed-by-the-operator");
        identity.saveUser(admin);

        try {
            initialAdmin.create();   // as on the next start, with the same variables still set

            assertThat(identity.checkPassword("ops-admin", "changed-by-the-operator")).isTrue();
            // (no check with the old password: a failed check counts towards the user's lock-out)
            assertThat(identity.createUserQuery().memberOfGroup(Users.ADMIN_GROUP).count()).isEqualTo(1);
        } finally {
            // the context is shared with ReadinessTest, which logs in with the first password
            admin = identity.createUserQuery().userId("ops-admin").singleResult();
            admin.setPassword("first-start-password");
            identity.saveUser(admin);
        }
    }

    /** The operator's recovery: a start with clearpost.admin.recover-password unlocks the administrator and sets it. */
    @Test
    void theRecoverPasswordUnlocksTheAdministratorAndSetsItsPassword(CapturedOutput output) {
        for (int i = 0; i < 10; i++) {
            assertThat(Api.as(port, "ops-admin", "a-guess-" + i).get("/api/tasks").status()).isEqualTo(401);
        }
        assertThat(users.locked("ops-admin")).isTrue();
        try {
            // as on a start with CLEARPOST_ADMIN_RECOVER_PASSWORD set
            new InitialAdmin(identity, new AdminSettings("ops-admin", null, "recovered-password-2026"), production, users)
                    .create();

            assertThat(users.locked("ops-admin")).isFalse();
            assertThat(Api.as(port, "ops-admin", "recovered-password-2026").get("/api/tasks").status()).isEqualTo(200);
            assertThat(output.getOut()).contains("Recovered administrator ops-admin")
                    .doesNotContain("recovered-password-2026");
        } finally {
            users.unlock("ops-admin");
            User admin = identity.createUserQuery().userId("ops-admin").singleResult();
            admin.setPassword("first-start-password");
            identity.saveUser(admin);
        }
    }

    @Test
    void aShortRecoverPasswordStopsTheStart() {
        var recover = new InitialAdmin(identity, new AdminSettings("ops-admin", null, "short"), production, users);
        org.assertj.core.api.Assertions.assertThatThrownBy(recover::create)
                .hasMessageContaining("clearpost.admin.recover-password").hasMessageContaining("12 characters");
        assertThat(Api.as(port, "ops-admin", "first-start-password").get("/api/tasks").status()).isEqualTo(200);
    }
}
