package io.clearpost.notify;

import io.clearpost.support.Api;
import io.clearpost.support.MailServer;
import io.clearpost.support.MailTestContext;
import io.clearpost.support.TestIdentities;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox against a real SMTP server (GreenMail): nothing lost in an outage, nothing sent twice, a row whose
 * sender died sent once by the next sweep with its own Message-ID, readiness unaffected by SMTP, and the metrics.
 */
@MailTestContext
class MailOutboxTest {

    @LocalServerPort
    int port;
    @Autowired
    Notifications notifications;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityService identity;
    @Autowired
    MeterRegistry registry;
    @Autowired
    PlatformTransactionManager transactionManager;

    @AfterEach
    void smtpBack() {
        MailServer.start();
    }

    @Test
    void anSmtpOutageLosesNothingAndEveryMailGoesOutExactlyOnceAfterwards() {
        MailServer.stop();
        String user = TestIdentities.of(identity).user("outage");
        String address = user + "@test.clearpost.invalid";
        double retriesBefore = count("POSTS_HELD", "retry");
        double sentBefore = count("POSTS_HELD", "sent");

        for (int i = 0; i < 50; i++) {
            int n = i;
            inTransaction(() -> notifications.notify(NotificationKind.POSTS_HELD, user, "acme-bank",
                    "outage-" + n, Map.of("subject", "Reminder " + n, "message", "Task " + n + " is still open")));
        }

        // each row's first attempt (right after its commit) failed: kept pending for another attempt, error recorded
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(user, "attempts >= 1") == 50);
        assertThat(rows(user, "status = 'PENDING'")).isEqualTo(50);
        assertThat(jdbc.sql("SELECT last_error FROM notification_outbox WHERE recipient = ?").param(user)
                .query(String.class).list()).allSatisfy(error -> assertThat(error).contains("MailSendException"));
        assertThat(count("POSTS_HELD", "retry") - retriesBefore).isEqualTo(50);
        long pending = allPending();
        assertThat(pending).isGreaterThanOrEqualTo(50);
        assertThat(registry.get(MailMetrics.PENDING).gauge().value()).isEqualTo((double) pending);
        assertThat(prometheus()).contains("clearpost_mail_outbox_pending{application=\"clearpost\"} " + pending + ".0");

        MailServer.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            dispatcher.sweep();
            return rows(user, "status = 'SENT'") == 50;
        });
        dispatcher.sweep();
        dispatcher.sweep();

        List<MimeMessage> received = MailServer.to(address);
        assertThat(received).hasSize(50);
        List<String> ids = received.stream().map(MailServer::messageId).toList();
        assertThat(ids).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(jdbc.sql("SELECT message_id FROM notification_outbox WHERE recipient = ?")
                        .param(user).query(String.class).list());
        assertThat(received.stream().map(MailServer::subject).toList()).contains("acme-bank: Reminder 0", "acme-bank: Reminder 49");
        assertThat(count("POSTS_HELD", "sent") - sentBefore).isEqualTo(50);
        assertThat(registry.get(MailMetrics.PENDING).gauge().value()).isEqualTo((double) (pending - 50));
        assertThat(prometheus()).contains("clearpost_mail_sent_total{application=\"clearpost\",kind=\"POSTS_HELD\",outcome=\"sent\"} "
                + (sentBefore + 50));
    }

    @Test
    void aRowWhoseSenderDiedIsSentOnceByTheNextSweepWithItsMessageId() {
        MailServer.start();
        String user = TestIdentities.of(identity).user("crash");
        String address = user + "@test.clearpost.invalid";
        // the row commits while a node that is about to die holds it: the after-commit attempt must leave it alone
        inTransaction(() -> {
            notifications.notify(NotificationKind.POSTS_HELD, user, "acme-bank", "crash-1",
                    Map.of("subject", "Window expired", "message", "The window of a post passed"));
            jdbc.sql("UPDATE notification_outbox SET claimed_by = 'node-that-died', lease_until = ? WHERE recipient = ?")
                    .params(Timestamp.from(Instant.now().plus(Duration.ofMinutes(10))), user).update();
        });
        String id = jdbc.sql("SELECT id FROM notification_outbox WHERE recipient = ?").param(user).query(String.class).single();

        assertThat(dispatcher.sweep()).as("a running lease is respected").isZero();
        assertThat(dispatcher.dispatch(id)).isFalse();
        assertThat(MailServer.to(address)).isEmpty();

        // the node died: its lease runs out
        jdbc.sql("UPDATE notification_outbox SET lease_until = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), id).update();
        // the test's sweep or the scheduled one (whichever claims it first) sends it
        dispatcher.sweep();
        MailServer.await(address, m -> true);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(
                jdbc.sql("SELECT status FROM notification_outbox WHERE id = ?").param(id).query(String.class).single()));
        dispatcher.sweep();

        List<MimeMessage> received = MailServer.to(address);
        assertThat(received).as("sent once, whoever swept").hasSize(1);
        assertThat(MailServer.messageId(received.get(0))).isEqualTo("<" + id + "@clearpost>");
        assertThat(MailServer.subject(received.get(0))).isEqualTo("acme-bank: Window expired");
        assertThat(jdbc.sql("SELECT status FROM notification_outbox WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("SENT");
    }

    @Test
    void theSameCauseWritesOneRowPerRecipient() {
        MailServer.start();
        String user = TestIdentities.of(identity).user("dedupe");
        for (int i = 0; i < 3; i++) {
            inTransaction(() -> notifications.notify(NotificationKind.POSTS_HELD, user, "acme-bank", "held-42",
                    Map.of("subject", "Posts held", "message", "Two posts wait for the freeze to end")));
        }
        MailServer.await(user + "@test.clearpost.invalid", m -> true);
        dispatcher.sweep();
        assertThat(rows(user, "1 = 1")).isEqualTo(1);
        assertThat(MailServer.to(user + "@test.clearpost.invalid")).hasSize(1);
    }

    @Test
    void anSmtpOutageLeavesClearpostReadyAndHealthy() {
        MailServer.stop();
        Api anonymous = Api.anonymous(port);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        Api.Response health = Api.as(port, "root").get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("components").has("mail")).as("no mail health indicator").isFalse();
    }

    @Test
    void notifyNeedsTheCallersTransaction() {
        String user = TestIdentities.of(identity).user("no-tx");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> notifications.notify(NotificationKind.POSTS_HELD, user,
                        "acme-bank", "no-tx", Map.of("subject", "s", "message", "m")))
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
        assertThat(rows(user, "1 = 1")).isZero();
    }

    private double count(String kind, String outcome) {
        return registry.get(MailMetrics.SENT_TOTAL).tag("kind", kind).tag("outcome", outcome).counter().count();
    }

    private long rows(String user, String condition) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND " + condition).param(user)
                .query(Long.class).single();
    }

    private long allPending() {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE status = 'PENDING'").query(Long.class).single();
    }

    private String prometheus() {
        Api.Response scrape = Api.as(port, "root").get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        return scrape.text();
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
    }
}
