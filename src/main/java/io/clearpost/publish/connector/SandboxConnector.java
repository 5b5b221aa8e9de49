package io.clearpost.publish.connector;

import io.clearpost.engine.EngineClock;
import io.clearpost.support.CanonicalJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded stand-in for every platform: it "posts" by recording the post in its own table,
 * in its own transaction (as a remote platform would keep it whatever happens to ours), and
 * answers with a post id and URL. Configured failures let demos and tests show failure handling.
 */
@Component
public class SandboxConnector implements PlatformConnector {

    /** The step under which {@link ConnectorAttempts} keeps the sandbox's count of attempts for a key. */
    private static final String ATTEMPTS = "sandbox.attempts";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final SandboxSettings settings;
    private final ConnectorAttempts attempts;

    SandboxConnector(JdbcClient jdbc, PlatformTransactionManager transactions, SandboxSettings settings,
                     ConnectorAttempts attempts) {
        this.jdbc = jdbc;
        this.attempts = attempts;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.settings = settings;
    }

    @Override
    public boolean serves(String brand, String platform) {
        return true;
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) {
        return ownTransaction.execute(status -> jdbc.sql("SELECT post_id, url FROM sandbox_post WHERE idempotency_key = ?")
                .param(request.idempotencyKey())
                .query((rs, n) -> new PostReceipt(rs.getString(1), rs.getString(2)))
                .optional());
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        failIfConfigured(request);
        Optional<PostReceipt> earlier = findPost(request);
        if (earlier.isPresent()) {
            return earlier.get(); // like a platform honouring an idempotency key
        }
        String postId = UUID.randomUUID().toString();
        String url = "https://sandbox.clearpost.invalid/" + request.platform() + "/" + request.brand() + "/" + postId;
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO sandbox_post (idempotency_key, brand, platform, post_id, url, body, posted_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(request.idempotencyKey(), request.brand(), request.platform(), postId, url,
                        CanonicalJson.of(request.variant()), Timestamp.from(EngineClock.now()))
                .update());
        return new PostReceipt(postId, url);
    }

    private void failIfConfigured(PostRequest request) throws PublishFailure {
        String spec = settings.failureFor(request.brand(), request.platform());
        if (spec == null) {
            return;
        }
        String[] parts = spec.toUpperCase(Locale.ROOT).split(":");
        switch (parts[0]) {
            case "PERMANENT" -> throw new PublishFailure(PublishFailure.Kind.PERMANENT,
                    "sandbox " + request.platform() + " refused the post (configured to refuse)", null);
            case "AUTH_EXPIRED" -> throw new PublishFailure(PublishFailure.Kind.AUTH_EXPIRED,
                    "sandbox " + request.platform() + " access token expired (configured)", null);
            case "RETRYABLE" -> {
                int failFirst = parts.length > 1 ? Integer.parseInt(parts[1]) : Integer.MAX_VALUE;
                Duration retryAfter = parts.length > 2 ? Duration.parse(parts[2]) : Duration.ofSeconds(1);
                int attempt = nextAttempt(request.idempotencyKey());
                if (attempt <= failFirst) {
                    throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "sandbox " + request.platform()
                            + " unavailable (503, configured), attempt " + attempt, retryAfter);
                }
            }
            case "PROCESSING" -> {
                int processFirst = parts.length > 1 ? Integer.parseInt(parts[1]) : Integer.MAX_VALUE;
                int attempt = nextAttempt(request.idempotencyKey());
                if (attempt <= processFirst) {
                    throw new PublishFailure(PublishFailure.Kind.PROCESSING, "sandbox " + request.platform()
                            + " accepted the post and is still processing it (configured), attempt " + attempt,
                            Duration.ofSeconds(5));
                }
            }
            default -> throw new IllegalStateException("unknown sandbox failure setting " + spec);
        }
    }

    /**
     * Counts the attempts for the key in the database, as a remote platform counts them whichever
     * process asks: a retry run by another node's job executor continues the count.
     */
    private int nextAttempt(String idempotencyKey) {
        int attempt = attempts.find(idempotencyKey, ATTEMPTS).map(Integer::parseInt).orElse(0) + 1;
        attempts.record(idempotencyKey, ATTEMPTS, Integer.toString(attempt));
        return attempt;
    }
}
