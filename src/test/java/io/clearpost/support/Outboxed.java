package io.clearpost.support;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/** The notifications written to the outbox for one user (kind and subject), read straight from the table. */
public final class Outboxed {

    private final JdbcClient jdbc;

    public Outboxed(ApplicationContext context) {
        this.jdbc = context.getBean(JdbcClient.class);
    }

    /** The subjects of the user's notifications of this kind that mention the text (a brief title, a platform…). */
    public List<String> subjects(String kind, String recipient, String mentioning) {
        return jdbc.sql("SELECT subject, text_body FROM notification_outbox WHERE kind = ? AND recipient = ? ORDER BY created_at")
                .params(kind, recipient)
                .query((rs, row) -> rs.getString(2).contains(mentioning) ? rs.getString(1) : null)
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }
}
