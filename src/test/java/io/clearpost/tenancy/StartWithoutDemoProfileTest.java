package io.clearpost.tenancy;

import io.clearpost.support.Api;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
class StartWithoutDemoProfileTest {

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    InitialAdmin initialAdmin;

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
            // (no check with the old password: a failed check makes the engine delay that user's next login)
            assertThat(identity.createUserQuery().memberOfGroup(Users.ADMIN_GROUP).count()).isEqualTo(1);
        } finally {
            // the context is shared with ReadinessTest, which logs in with the first password
            admin = identity.createUserQuery().userId("ops-admin").singleResult();
            admin.setPassword("first-start-password");
            identity.saveUser(admin);
        }
    }
}
