package io.clearpost.notify;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code notification_outbox} table. A row moves PENDING → SENT (or FAILED after the last attempt), or
 * DIGEST → DIGESTED when the recipient's digest collects it. Sending claims a row first with a conditional
 * UPDATE that only one node or thread can win: the row is PENDING, due, and nobody else's lease on it runs.
 */
@Repository
class Outbox {

    static final String PENDING = "PENDING";
    static final String DIGEST = "DIGEST";
    static final String SENT = "SENT";
    static final String DIGESTED = "DIGESTED";
    static final String FAILED = "FAILED";

    record Row(String id, NotificationKind kind, String recipient, String email, String subject, String text,
               String html, String messageId, String brand, String taskId, int attempts) {
    }

    record Collected(String id, NotificationKind kind, String subject, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String recipient, String dedupeKey) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND dedupe_key = ?")
                .params(recipient, dedupeKey).query(Long.class).single() > 0;
    }

    void insert(String id, NotificationKind kind, String recipient, String email, MailTemplates.Rendered mail,
                String messageId, String brand, String taskId, String dedupeKey, String status, Instant now) {
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, kind, recipient, email, subject, text_body, html_body,
                            message_id, brand, task_id, dedupe_key, status, attempts, next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(id, kind.name(), recipient, email, mail.subject(), mail.text(), mail.html(), messageId, brand,
                        taskId, dedupeKey, status, ts(now), ts(now))
                .update();
    }

    /** Ids of due PENDING rows nobody holds a running lease on, oldest first. */
    List<String> due(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id FROM notification_outbox
                        WHERE status = 'PENDING' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                        ORDER BY next_attempt_at, id LIMIT ?""")
                .params(ts(now), ts(now), limit)
                .query(String.class).list();
    }

    /** Takes the row for {@code node} until {@code leaseUntil}; false when it is not due, not pending or held by another. */
    boolean claim(String id, String node, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        UPDATE notification_outbox SET claimed_by = ?, lease_until = ?
                        WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ?
                          AND (lease_until IS NULL OR lease_until < ?)""")
                .params(node, ts(leaseUntil), id, ts(now), ts(now))
                .update() == 1;
    }

    Optional<Row> load(String id) {
        return jdbc.sql("""
                        SELECT id, kind, recipient, email, subject, text_body, html_body, message_id, brand, task_id, attempts
                        FROM notification_outbox WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new Row(rs.getString(1), NotificationKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getInt(11)))
                .optional();
    }

    /** Marks the row sent, if {@code node} still holds it. */
    boolean sent(String id, String node, Instant now) {
        return jdbc.sql("""
                        UPDATE notification_outbox SET status = 'SENT', sent_at = ?, attempts = attempts + 1,
                            claimed_by = NULL, lease_until = NULL, last_error = NULL
                        WHERE id = ? AND claimed_by = ?""")
                .params(ts(now), id, node).update() == 1;
    }

    /** Keeps the row pending for another attempt at {@code next}, or marks it FAILED when {@code failed}. */
    void attemptFailed(String id, String node, String error, Instant next, boolean failed) {
        jdbc.sql("""
                        UPDATE notification_outbox SET status = ?, attempts = attempts + 1, next_attempt_at = ?,
                            last_error = ?, claimed_by = NULL, lease_until = NULL
                        WHERE id = ? AND claimed_by = ?""")
                .params(failed ? FAILED : PENDING, ts(next), error, id, node).update();
    }

    long pending() {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE status = 'PENDING'").query(Long.class).single();
    }

    /** The recipient's rows kept for the digest, oldest first. */
    List<Collected> collected(String recipient) {
        return jdbc.sql("""
                        SELECT id, kind, subject, created_at FROM notification_outbox
                        WHERE recipient = ? AND status = 'DIGEST' ORDER BY created_at, id""")
                .param(recipient)
                .query((rs, n) -> new Collected(rs.getString(1), NotificationKind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
    }

    void digested(List<String> ids, Instant now) {
        for (String id : ids) {
            jdbc.sql("UPDATE notification_outbox SET status = 'DIGESTED', sent_at = ? WHERE id = ? AND status = 'DIGEST'")
                    .params(ts(now), id).update();
        }
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
