package io.clearpost.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.MailServer;
import io.clearpost.support.MailTestContext;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentities;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/me} and the notification preferences over real HTTP, and {@link Notifications} honouring them. */
@MailTestContext
class PreferencesApiTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Notifications notifications;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void meNamesTheCallerWithAddressZoneBrandsAndRoles() {
        JsonNode cleo = ok(Api.as(port, "cleo").get("/api/me"));
        assertThat(cleo.path("id").asText()).isEqualTo("cleo");
        assertThat(cleo.path("name").asText()).isEqualTo("cleo (demo)");
        assertThat(cleo.path("email").asText()).isEqualTo("cleo@acme-bank.example");
        assertThat(cleo.path("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(cleo.path("admin").asBoolean()).isFalse();
        assertThat(cleo.path("brands").toString()).isEqualTo("[{\"brand\":\"acme-bank\",\"roles\":[\"creative\"]}]");

        JsonNode sam = ok(Api.as(port, "sam").get("/api/me"));
        assertThat(sam.path("email").asText()).isEqualTo("sam@agency.example");
        assertThat(sam.path("brands").toString()).isEqualTo("[{\"brand\":\"acme-bank\",\"roles\":[\"strategist\"]},"
                + "{\"brand\":\"nova-foods\",\"roles\":[\"strategist\"]}]");
        JsonNode felix = ok(Api.as(port, "felix").get("/api/me"));
        assertThat(felix.path("email").asText()).isEqualTo("felix@nova-foods.example");
        assertThat(felix.path("timeZone").asText()).isEqualTo("America/New_York");
        JsonNode omar = ok(Api.as(port, "omar").get("/api/me"));
        assertThat(omar.path("email").asText()).isEqualTo("omar@acme-bank.example");
        assertThat(omar.path("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(omar.path("brands").toString()).isEqualTo("[{\"brand\":\"acme-bank\",\"roles\":[\"communications\"]}]");
        JsonNode root = ok(Api.as(port, "root").get("/api/me"));
        assertThat(root.path("email").asText()).isEqualTo("root@clearpost.example");
        assertThat(root.path("timeZone").asText()).isEqualTo("UTC");
        assertThat(root.path("admin").asBoolean()).isTrue();

        Problem.unauthorized(Api.anonymous(port).get("/api/me"));
    }

    @Test
    void aUserReadsAndChangesTheirPreferencesKindByKind() {
        String user = TestIdentities.of(identity).user("prefs");
        Api api = Api.as(port, user);
        JsonNode defaults = ok(api.get("/api/me/notifications"));
        assertThat(defaults.size()).isEqualTo(NotificationKind.values().length);
        assertThat(defaults.path("TASK_ASSIGNED").asText()).isEqualTo("IMMEDIATE");
        assertThat(defaults.path("POST_PUBLISHED").asText()).isEqualTo("DIGEST");
        assertThat(defaults.path("CRISIS_ALERT").asText()).isEqualTo("IMMEDIATE");
        // an account about to stop publishing cannot wait for the digest
        assertThat(defaults.path("ACCOUNT_NEEDS_ATTENTION").asText()).isEqualTo("IMMEDIATE");

        JsonNode changed = ok(api.put("/api/me/notifications", Map.of("TASK_REMINDER", "DIGEST", "POST_PUBLISHED", "OFF")));
        assertThat(changed.size()).isEqualTo(NotificationKind.values().length);
        assertThat(changed.path("TASK_REMINDER").asText()).isEqualTo("DIGEST");
        assertThat(changed.path("POST_PUBLISHED").asText()).isEqualTo("OFF");
        assertThat(changed.path("TASK_ASSIGNED").asText()).as("untouched").isEqualTo("IMMEDIATE");
        assertThat(ok(api.get("/api/me/notifications"))).isEqualTo(changed);
        assertThat(ok(api.get("/api/users/" + user + "/notifications"))).as("the same through /api/users").isEqualTo(changed);

        JsonNode again = ok(api.put("/api/users/" + user + "/notifications", Map.of("TASK_REMINDER", "IMMEDIATE")));
        assertThat(again.path("TASK_REMINDER").asText()).isEqualTo("IMMEDIATE");
        assertThat(again.path("POST_PUBLISHED").asText()).isEqualTo("OFF");
    }

    @Test
    void badPreferencesAreRefusedNamingTheKindAndChangeNothing() {
        String user = TestIdentities.of(identity).user("bad-prefs");
        Api api = Api.as(port, user);
        JsonNode before = ok(api.get("/api/me/notifications"));

        JsonNode unknown = Problem.invalid(api.put("/api/me/notifications",
                Map.of("TASK_REMINDERZ", "DIGEST", "TASK_ASSIGNED", "OFF")), "TASK_REMINDERZ");
        assertThat(Problem.message(unknown, "TASK_REMINDERZ")).contains("not a notification kind");
        assertThat(Problem.message(Problem.invalid(api.put("/api/me/notifications", Map.of("TASK_ASSIGNED", "LOUD")),
                "TASK_ASSIGNED"), "TASK_ASSIGNED")).contains("IMMEDIATE, DIGEST, OFF");
        Problem.invalid(api.put("/api/me/notifications", "{\"TASK_ASSIGNED\": 5}"), "TASK_ASSIGNED");
        Problem.invalid(api.put("/api/me/notifications", "{\"TASK_ASSIGNED\": null}"), "TASK_ASSIGNED");
        assertThat(Problem.message(Problem.invalid(api.put("/api/me/notifications",
                Map.of("CRISIS_ALERT", "OFF", "TASK_ASSIGNED", "DIGEST")), "CRISIS_ALERT"), "CRISIS_ALERT"))
                .contains("cannot be turned off");
        // a crisis alert calls the cell together at once: tomorrow's digest is too late
        assertThat(Problem.message(Problem.invalid(api.put("/api/me/notifications", Map.of("CRISIS_ALERT", "DIGEST")),
                "CRISIS_ALERT"), "CRISIS_ALERT")).contains("always IMMEDIATE");
        Problem.invalid(api.put("/api/me/notifications", Map.of("TASK_ESCALATED", "OFF")), "TASK_ESCALATED");
        Problem.invalid(api.put("/api/me/notifications", Map.of("DIGEST", "DIGEST")), "DIGEST");
        Problem.of(api.put("/api/me/notifications", "[\"TASK_ASSIGNED\"]"), 400);

        assertThat(ok(api.get("/api/me/notifications"))).as("nothing changed").isEqualTo(before);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_preference WHERE user_id = ?").param(user)
                .query(Long.class).single()).isZero();
    }

    @Test
    void othersPreferencesAreForAdministratorsOnly() {
        TestIdentities identities = TestIdentities.of(identity);
        String owner = identities.user("owner");
        String other = identities.user("other");
        String path = "/api/users/" + owner + "/notifications";

        Problem.of(Api.as(port, other).get(path), 403);
        Problem.of(Api.as(port, other).put(path, Map.of("TASK_ASSIGNED", "OFF")), 403);
        Problem.of(Api.as(port, other).get("/api/users/nobody-at-all/notifications"), 403);
        Problem.unauthorized(Api.anonymous(port).get(path));
        Problem.unauthorized(Api.anonymous(port).put(path, Map.of("TASK_ASSIGNED", "OFF")));
        Problem.unauthorized(Api.anonymous(port).get("/api/me/notifications"));
        Problem.unauthorized(Api.anonymous(port).put("/api/me/notifications", Map.of("TASK_ASSIGNED", "OFF")));
        Problem.of(Api.as(port, "root").get("/api/users/nobody-at-all/notifications"), 404);
        Problem.of(Api.as(port, "root").put("/api/users/nobody-at-all/notifications", Map.of("TASK_ASSIGNED", "OFF")), 404);
        assertThat(ok(Api.as(port, owner).get("/api/me/notifications")).path("TASK_ASSIGNED").asText())
                .as("unchanged by the refused requests").isEqualTo("IMMEDIATE");

        assertThat(ok(Api.as(port, "root").put(path, Map.of("TASK_ASSIGNED", "DIGEST"))).path("TASK_ASSIGNED").asText())
                .isEqualTo("DIGEST");
        assertThat(ok(Api.as(port, owner).get("/api/me/notifications")).path("TASK_ASSIGNED").asText()).isEqualTo("DIGEST");
        assertThat(ok(Api.as(port, "root").get(path)).path("TASK_ASSIGNED").asText()).isEqualTo("DIGEST");
    }

    @Test
    void notifyHonoursOffAndDigestButNeverSilencesAMandatoryKind() {
        MailServer.start();
        String user = TestIdentities.of(identity).user("honoured");
        String address = user + "@test.clearpost.invalid";
        ok(Api.as(port, user).put("/api/me/notifications", Map.of("TASK_REMINDER", "OFF", "WINDOW_EXPIRED", "DIGEST")));

        notify(NotificationKind.TASK_REMINDER, user, "off-1");
        notify(NotificationKind.WINDOW_EXPIRED, user, "digest-1");
        notify(NotificationKind.TASK_ESCALATED, user, "mandatory-1");
        MailServer.await(address, m -> MailServer.subject(m).contains("TASK_ESCALATED"));
        // the sender marks the row SENT once the SMTP server took the mail: a moment after GreenMail has it
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(jdbc.sql("SELECT CONCAT(kind, '/', status) FROM notification_outbox WHERE recipient = ? ORDER BY kind")
                        .param(user).query(String.class).list())
                        .containsExactly("TASK_ESCALATED/SENT", "WINDOW_EXPIRED/DIGEST"));
        dispatcher.sweep();
        assertThat(MailServer.to(address)).extracting(MailServer::subject).containsExactly("acme-bank: TASK_ESCALATED is late and escalated to you");
    }

    @Test
    void aUserWithoutAnAddressGetsNoRow() {
        String user = TestIdentities.of(identity).user("no-address");
        User stored = identity.createUserQuery().userId(user).singleResult();
        stored.setEmail(null);
        identity.saveUser(stored);
        notify(NotificationKind.TASK_ESCALATED, user, "no-address-1");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ?").param(user)
                .query(Long.class).single()).isZero();
    }

    private void notify(NotificationKind kind, String user, String cause) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> notifications.notify(kind, user,
                "acme-bank", cause, Map.of("subject", kind.name(), "message", "About " + cause,
                        "taskName", kind.name(), "taskKey", "legal-review", "whatToDo", "Review it",
                        "apiLink", "/api/tasks/" + cause, "role", "legal", "holder", "lea")));
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
