package io.clearpost.notify;

import io.clearpost.engine.EngineClock;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends the outbox's pending rows: each right after the transaction that wrote it commits ({@link #nudge}), and
 * every row still due by a sweep every {@code clearpost.mail.sweep-interval} (rows whose nudge never ran because
 * the node stopped, rows waiting for another attempt, rows whose sender died holding them). A row is claimed
 * with a lease first, so two threads or nodes never send it at once. Without {@code spring.mail.host} there is no
 * {@link JavaMailSender}: the mail is written to the log (recipient, subject, Message-ID, never the body, whose
 * links may carry tokens) and counts as sent.
 */
@Component
class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 100;

    private final Outbox outbox;
    private final ObjectProvider<JavaMailSender> senders;
    private final MailSettings settings;
    private final MailMetrics metrics;
    /** This node's name on the rows it claims. */
    private final String node = "node-" + UUID.randomUUID();
    private final ExecutorService afterCommit = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "mail-dispatch");
        thread.setDaemon(true);
        return thread;
    });

    MailDispatcher(Outbox outbox, ObjectProvider<JavaMailSender> senders, MailSettings settings, MailMetrics metrics) {
        this.outbox = outbox;
        this.senders = senders;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Sends the row soon, off the committing thread; should that never happen, the sweep sends it. */
    void nudge(String id) {
        try {
            afterCommit.execute(() -> dispatch(id));
        } catch (RejectedExecutionException e) {
            log.debug("Notification {} left to the sweep: the dispatcher is shutting down", id);
        }
    }

    @Scheduled(fixedDelayString = "${clearpost.mail.sweep-interval:PT30S}",
            initialDelayString = "${clearpost.mail.sweep-interval:PT30S}")
    void scheduledSweep() {
        sweep();
    }

    /** Sends every due row nobody holds; returns how many this call sent (or logged). */
    int sweep() {
        int sent = 0;
        List<String> due;
        do {
            due = outbox.due(EngineClock.now(), BATCH);
            int before = sent;
            for (String id : due) {
                if (dispatch(id)) {
                    sent++;
                }
            }
            if (sent == before) {
                return sent; // nothing went out in this batch (failures or lost claims): try at the next sweep
            }
        } while (due.size() == BATCH);
        return sent;
    }

    /** Claims, sends and records one row; false when another holder has it, it is not due, or the send failed. */
    boolean dispatch(String id) {
        Instant now = EngineClock.now();
        if (!outbox.claim(id, node, now, now.plus(settings.lease()))) {
            return false;
        }
        Outbox.Row row = outbox.load(id).orElseThrow();
        JavaMailSender sender = senders.getIfAvailable();
        try {
            if (sender == null) {
                log.info("Mail not sent (spring.mail.host is not set), logged instead: {} to {} <{}>, subject \"{}\", "
                        + "Message-ID {}", row.kind(), row.recipient(), row.email(), row.subject(), row.messageId());
            } else {
                sender.send(message(sender, row));
            }
        } catch (RuntimeException | MessagingException | UnsupportedEncodingException e) {
            failed(row, e);
            return false;
        }
        outbox.sent(id, node, EngineClock.now());
        metrics.sent(row.kind(), sender == null ? MailMetrics.LOGGED : MailMetrics.SENT);
        return true;
    }

    private void failed(Outbox.Row row, Exception e) {
        int attempts = row.attempts() + 1;
        boolean giveUp = attempts >= settings.retry().maxAttempts();
        Instant next = EngineClock.now().plus(settings.retry().backoff(attempts));
        String error = describe(e);
        outbox.attemptFailed(row.id(), node, error, next, giveUp);
        if (giveUp) {
            metrics.sent(row.kind(), MailMetrics.FAILED);
            log.error("Notification {} ({} to {}) FAILED after {} attempts, no more retries: {}", row.id(), row.kind(),
                    row.recipient(), attempts, error);
        } else {
            metrics.sent(row.kind(), MailMetrics.RETRY);
            log.warn("Notification {} ({} to {}) not sent, attempt {} of {}; next attempt at {}: {}", row.id(),
                    row.kind(), row.recipient(), attempts, settings.retry().maxAttempts(), next, error);
        }
    }

    /** The exception chain's types and messages (the SMTP server's answers), never more than the column holds. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 1000; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().replaceAll("\\s+", " "));
            }
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text.toString();
    }

    /** multipart/alternative (text, then HTML) with the row's own Message-ID on every attempt. */
    private MimeMessage message(JavaMailSender sender, Outbox.Row row)
            throws MessagingException, UnsupportedEncodingException {
        Session session = sender instanceof JavaMailSenderImpl impl ? impl.getSession()
                : Session.getInstance(new Properties());
        MimeMessage message = new StableIdMessage(session, row.messageId());
        message.setFrom(new InternetAddress(settings.from(), true));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(row.email(), true));
        message.setSubject(row.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(EngineClock.now()));
        // a machine wrote this: auto-responders and vacation replies stay quiet (RFC 3834)
        message.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(row.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(row.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }

    /** Jakarta Mail would give every attempt a new Message-ID; a repeated delivery must be recognisable as one. */
    private static final class StableIdMessage extends MimeMessage {

        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        afterCommit.shutdown();
        afterCommit.awaitTermination(10, TimeUnit.SECONDS);
    }
}
