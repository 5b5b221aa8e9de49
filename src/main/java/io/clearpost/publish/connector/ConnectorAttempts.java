package io.clearpost.publish.connector;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * What a connector learned from the platform during an attempt (a media container id, an upload
 * session, a publish id), kept under the idempotency key in its own transaction, so it survives
 * the publishing job failing afterwards. The next attempt reconciles with the platform from there
 * instead of starting a second post.
 */
@Component
public class ConnectorAttempts {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    ConnectorAttempts(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void record(String idempotencyKey, String step, String value) {
        ownTransaction.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM connector_attempt WHERE idempotency_key = ? AND step = ?")
                    .params(idempotencyKey, step).update();
            jdbc.sql("INSERT INTO connector_attempt (idempotency_key, step, step_value, recorded_at) VALUES (?, ?, ?, ?)")
                    .params(idempotencyKey, step, value, Timestamp.from(Instant.now())).update();
        });
    }

    public void forget(String idempotencyKey, String step) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql(
                        "DELETE FROM connector_attempt WHERE idempotency_key = ? AND step = ?")
                .params(idempotencyKey, step).update());
    }

    public Optional<String> find(String idempotencyKey, String step) {
        return ownTransaction.execute(status -> jdbc.sql(
                        "SELECT step_value FROM connector_attempt WHERE idempotency_key = ? AND step = ?")
                .params(idempotencyKey, step).query(String.class).optional());
    }
}
