package io.clearpost.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.MailServer;
import io.clearpost.support.MailTestContext;
import io.clearpost.support.Problem;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invitations end to end: the administrator creates a user, GreenMail receives the mail, the link's token sets the
 * password once, within 72 hours of the engine clock; a reset voids the older link; a disabled user cannot log in.
 */
@MailTestContext
class InvitationMailTest {

    private static final Pattern LINK = Pattern.compile("https://clearpost\\.test/api/invitations/([A-Za-z0-9_-]{43})");
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void smtp() {
        MailServer.start();
    }

    @AfterEach
    void clock() {
        ClockUtil.reset();
    }

    @Test
    void theInvitedUserSetsTheirPasswordOnceThroughTheMailedLink() {
        String user = invite("ines");
        MimeMessage mail = MailServer.await(user + "@tide.example", m -> true);
        assertThat(MailServer.subject(mail)).contains(user).contains("password");
        String token = token(MailServer.text(mail));
        assertThat(MailServer.body(mail, true)).contains("/api/invitations/" + token);
        // only the token's SHA-256 is stored
        assertThat(jdbc.sql("SELECT token_hash FROM invitation WHERE user_id = ?").param(user).query(String.class).single())
                .isEqualTo(Invitations.hash(token)).isNotEqualTo(token);

        // no usable password before the invitation is accepted
        Problem.unauthorized(Api.as(port, user, PASSWORD).get("/api/me"));
        // a weak password is refused and does not use the invitation up
        Problem.invalid(Api.anonymous(port).post("/api/invitations/" + token, Map.of("password", "short")), "password");

        assertThat(Api.anonymous(port).post("/api/invitations/" + token, Map.of("password", PASSWORD)).status())
                .isEqualTo(204);
        Api.Response me = Api.as(port, user, PASSWORD).get("/api/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("email").asText()).isEqualTo(user + "@tide.example");
        assertThat(me.json().path("timeZone").asText()).isEqualTo("Europe/Paris");

        // used once: a second use is refused and changes nothing
        JsonNode reused = Problem.of(Api.anonymous(port).post("/api/invitations/" + token,
                Map.of("password", "another long password")), 410);
        assertThat(reused.path("detail").asText()).contains("used");
        assertThat(Api.as(port, user, PASSWORD).get("/api/me").status()).isEqualTo(200);
        Problem.unauthorized(Api.as(port, user, "another long password").get("/api/me"));

        // unknown tokens
        Problem.of(Api.anonymous(port).post("/api/invitations/" + "A".repeat(43), Map.of("password", PASSWORD)), 404);
        Problem.of(Api.anonymous(port).post("/api/invitations/nonsense", Map.of("password", PASSWORD)), 404);
    }

    @Test
    void anInvitationExpiresAfter72HoursOfTheEngineClock() {
        String user = invite("late");
        String token = token(MailServer.text(MailServer.await(user + "@tide.example", m -> true)));

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(72)).plusSeconds(60)));
        JsonNode expired = Problem.of(Api.anonymous(port).post("/api/invitations/" + token,
                Map.of("password", PASSWORD)), 410);
        assertThat(expired.path("detail").asText()).contains("expired");
        ClockUtil.reset();
        Problem.unauthorized(Api.as(port, user, PASSWORD).get("/api/me"));

        // within the 72 hours it still works
        String other = invite("in-time");
        String inTime = token(MailServer.text(MailServer.await(other + "@tide.example", m -> true)));
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(71))));
        assertThat(Api.anonymous(port).post("/api/invitations/" + inTime, Map.of("password", PASSWORD)).status())
                .isEqualTo(204);
    }

    @Test
    void aResetVoidsTheOlderLinkAndThePassword() {
        String user = invite("forgetful");
        String first = token(MailServer.text(MailServer.await(user + "@tide.example", m -> true)));
        assertThat(Api.anonymous(port).post("/api/invitations/" + first, Map.of("password", PASSWORD)).status())
                .isEqualTo(204);
        assertThat(Api.as(port, user, PASSWORD).get("/api/me").status()).isEqualTo(200);

        // two resets: only the latest link works
        assertThat(Api.as(port, "root").post("/api/admin/users/" + user + "/reset", Map.of()).status()).isEqualTo(204);
        List<MimeMessage> afterOne = awaitMails(user, 2);
        String second = token(MailServer.text(afterOne.get(1)));
        assertThat(Api.as(port, "root").post("/api/admin/users/" + user + "/reset", Map.of()).status()).isEqualTo(204);
        String third = token(MailServer.text(awaitMails(user, 3).get(2)));
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
        // the reset voided the password
        Problem.unauthorized(Api.as(port, user, PASSWORD).get("/api/me"));

        JsonNode voided = Problem.of(Api.anonymous(port).post("/api/invitations/" + second,
                Map.of("password", "a second long password")), 410);
        assertThat(voided.path("detail").asText()).contains("replaced");
        assertThat(Api.anonymous(port).post("/api/invitations/" + third, Map.of("password", "a third long password"))
                .status()).isEqualTo(204);
        assertThat(Api.as(port, user, "a third long password").get("/api/me").status()).isEqualTo(200);
        Problem.unauthorized(Api.as(port, user, "a second long password").get("/api/me"));
    }

    @Test
    void aDisabledUserCannotLogInUntilEnabledAgain() {
        String user = invite("leaver");
        String token = token(MailServer.text(MailServer.await(user + "@tide.example", m -> true)));
        assertThat(Api.anonymous(port).post("/api/invitations/" + token, Map.of("password", PASSWORD)).status())
                .isEqualTo(204);
        assertThat(Api.as(port, user, PASSWORD).get("/api/me").status()).isEqualTo(200);

        Api.Response disabled = Api.as(port, "root").put("/api/admin/users/" + user, Map.of("enabled", false));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        Problem.unauthorized(Api.as(port, user, PASSWORD).get("/api/me"));

        assertThat(Api.as(port, "root").put("/api/admin/users/" + user, Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(Api.as(port, user, PASSWORD).get("/api/me").status()).isEqualTo(200);
    }

    private String invite(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = Api.as(port, "root").post("/api/admin/users",
                Map.of("id", id, "name", "Ines " + prefix, "email", id + "@tide.example", "timeZone", "Europe/Paris"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private static List<MimeMessage> awaitMails(String user, int count) {
        MailServer.await(user + "@tide.example", m -> MailServer.to(user + "@tide.example").size() >= count);
        return MailServer.to(user + "@tide.example");
    }

    private static String token(String text) {
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as("an invitation link in %s", text).isTrue();
        return m.group(1);
    }
}
