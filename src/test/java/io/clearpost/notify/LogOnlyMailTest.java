package io.clearpost.notify;

import io.clearpost.support.TestIdentities;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without {@code spring.mail.host} (the embedded default and the demo) mails are written to the log, recipient,
 * subject and Message-ID but never the body, and count as sent. The default test context, shared with the API tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LogOnlyMailTest {

    @Autowired
    Notifications notifications;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry registry;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    org.springframework.beans.factory.ObjectProvider<JavaMailSender> senders;

    @Test
    void withoutAnSmtpHostMailsAreLoggedWithoutTheirBodyAndMarkedSent(CapturedOutput output) {
        assertThat(senders.getIfAvailable()).as("no SMTP host, no sender").isNull();
        String user = TestIdentities.of(identity).user("logged");
        double loggedBefore = registry.get(MailMetrics.SENT_TOTAL).tag("kind", "POSTS_HELD").tag("outcome", "logged")
                .counter().count();

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> notifications.notify(
                NotificationKind.POSTS_HELD, user, "acme-bank", "logged-1",
                Map.of("subject", "Posts held", "message", "Confirm with https://example.test/confirm?token=s3cr3t-t0ken")));

        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(jdbc.sql(
                "SELECT status FROM notification_outbox WHERE recipient = ?").param(user).query(String.class).single()));
        String id = jdbc.sql("SELECT id FROM notification_outbox WHERE recipient = ?").param(user).query(String.class).single();
        assertThat(output.getAll()).contains("logged instead: POSTS_HELD to " + user + " <" + user
                + "@test.clearpost.invalid>, subject \"acme-bank: Posts held\", Message-ID <" + id + "@clearpost>");
        assertThat(output.getAll()).doesNotContain("s3cr3t-t0ken");
        assertThat(registry.get(MailMetrics.SENT_TOTAL).tag("kind", "POSTS_HELD").tag("outcome", "logged").counter().count())
                .isEqualTo(loggedBefore + 1);
    }
}
