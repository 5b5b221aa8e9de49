package io.clearpost.notify;

import io.clearpost.support.Api;
import io.clearpost.support.Briefs;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.MailServer;
import io.clearpost.support.MailTestContext;
import io.clearpost.support.TestIdentities;
import io.clearpost.tenancy.Role;
import io.clearpost.tenancy.Users;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily digest at 08:00 in each user's zone, driven by the engine clock: a Paris user's comes six hours before
 * a New York user's, each once a day, with the user's open tasks and the notifications their preferences kept for
 * it; a user with nothing to hear about gets none.
 */
@MailTestContext
class DailyDigestTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @LocalServerPort
    int port;
    @Autowired
    DailyDigest digest;
    @Autowired
    IdentityService identity;
    @Autowired
    Users users;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void eachUserGetsOneDigestAtEightInTheirOwnZoneAndOnlyWithSomethingToSay() {
        MailServer.start();
        TestIdentities identities = TestIdentities.of(identity);
        String paris = identities.user("digest-paris", Role.CREATIVE.groupOf("acme-bank"));
        String newYork = identities.user("digest-ny", Role.CREATIVE.groupOf("nova-foods"));
        String quiet = identities.user("digest-quiet", Role.AUDITOR.groupOf("acme-bank"));
        users.setTimeZone(paris, PARIS);
        users.setTimeZone(newYork, NEW_YORK);
        users.setTimeZone(quiet, PARIS);
        // the Paris creative hears of new assignments in the digest only
        assertThat(Api.as(port, paris).put("/api/me/notifications", Map.of("TASK_ASSIGNED", "DIGEST")).status()).isEqualTo(200);

        Lifecycle flow = Lifecycle.on(port);
        var request = Briefs.request("acme-bank", "standard", List.of("linkedin"), paris);
        String parisTitle = (String) request.get("title");
        String parisTask = flow.task(paris, "create-content", flow.submit("sam", request).contentId()).path("id").asText();
        String nyTask = flow.task(newYork, "create-content", flow.novaBriefSignedOff(newYork, "instagram").contentId())
                .path("id").asText();
        MailServer.await(newYork + "@test.clearpost.invalid", m -> MailServer.text(m).contains(nyTask));
        assertThat(kinds(paris)).containsExactly("TASK_ASSIGNED/DIGEST");

        LocalDate day = LocalDate.now(PARIS).plusDays(2);
        at(day, LocalTime.of(7, 59), PARIS);
        digest.run();
        assertThat(digests(paris)).isZero();

        at(day, LocalTime.of(8, 0), PARIS);
        digest.run();
        at(day, LocalTime.of(8, 20), PARIS);
        digest.run();
        assertThat(digests(paris)).isEqualTo(1);
        assertThat(digests(newYork)).as("02:00 in New York").isZero();
        MimeMessage parisDigest = MailServer.await(paris + "@test.clearpost.invalid",
                m -> MailServer.subject(m).startsWith("Clearpost digest"));
        assertThat(MailServer.subject(parisDigest)).startsWith("Clearpost digest for " + day + ": 1 open task");
        assertThat(MailServer.text(parisDigest))
                .contains("your Clearpost digest for " + day + " (Europe/Paris)", "Open tasks (1):",
                        "acme-bank: Create the content (create-content), brief \"" + parisTitle + "\"",
                        "assigned to you", "https://clearpost.test/api/tasks/" + parisTask,
                        "Since your last digest (1):", "acme-bank: Create the content is yours");
        assertThat(kinds(paris)).as("the collected assignment is digested")
                .filteredOn(k -> k.startsWith("TASK_ASSIGNED")).containsExactly("TASK_ASSIGNED/DIGESTED");

        at(day, LocalTime.of(8, 0), NEW_YORK);
        digest.run();
        at(day, LocalTime.of(9, 0), NEW_YORK);
        digest.run();
        assertThat(digests(newYork)).isEqualTo(1);
        assertThat(digests(paris)).as("one a day").isEqualTo(1);
        MimeMessage nyDigest = MailServer.await(newYork + "@test.clearpost.invalid",
                m -> MailServer.subject(m).startsWith("Clearpost digest"));
        assertThat(MailServer.text(nyDigest)).contains("(America/New_York)", "nova-foods: Create the content",
                "https://clearpost.test/api/tasks/" + nyTask).doesNotContain("Since your last digest");

        assertThat(digests(quiet)).as("nothing to say").isZero();
        assertThat(MailServer.to(quiet + "@test.clearpost.invalid")).isEmpty();

        at(day.plusDays(1), LocalTime.of(8, 0), PARIS);
        digest.run();
        assertThat(digests(paris)).as("the next day's").isEqualTo(2);
    }

    private static void at(LocalDate day, LocalTime time, ZoneId zone) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(time).atZone(zone).toInstant()));
    }

    private long digests(String user) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND kind = 'DIGEST'").param(user)
                .query(Long.class).single();
    }

    private List<String> kinds(String user) {
        return jdbc.sql("SELECT CONCAT(kind, '/', status) FROM notification_outbox WHERE recipient = ? ORDER BY created_at")
                .param(user).query(String.class).list();
    }
}
