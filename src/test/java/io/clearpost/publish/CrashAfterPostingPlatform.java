package io.clearpost.publish;

import io.clearpost.publish.connector.PlatformConnector;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import io.clearpost.publish.connector.SandboxConnector;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A platform stand-in for the brand {@value #BRAND}: it accepts the post (recorded by the sandbox, in
 * its own transaction, as a remote platform keeps it) and then makes the publishing transaction fail
 * before it commits, once per idempotency key: the process dies between the platform's answer and
 * our commit. The engine retries the job; publication must not post a second time.
 * <p>
 * What it remembers is held once per JVM, as a remote platform is one whatever application talks to it:
 * every test context in the JVM shares the test database, and the job executor of any of them may run
 * the publishing job, each through its own instance of this bean.
 */
@Component
@Profile("test")
public class CrashAfterPostingPlatform implements PlatformConnector {

    public static final String BRAND = "sandbox-crash";

    private final SandboxConnector platform;
    private static final Set<String> CRASHED = ConcurrentHashMap.newKeySet();
    private static final Map<String, AtomicInteger> PUBLISH_CALLS = new ConcurrentHashMap<>();

    CrashAfterPostingPlatform(SandboxConnector platform) {
        this.platform = platform;
    }

    @Override
    public boolean serves(String brand, String platformKey) {
        return BRAND.equals(brand);
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) {
        return platform.findPost(request);
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        PUBLISH_CALLS.computeIfAbsent(request.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
        PostReceipt receipt = platform.publish(request);
        if (CRASHED.add(request.idempotencyKey())) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    throw new IllegalStateException("simulated crash after the platform accepted "
                            + request.idempotencyKey());
                }
            });
        }
        return receipt;
    }

    /** How often publication asked this platform to post for the key. */
    public int publishCalls(String idempotencyKey) {
        AtomicInteger calls = PUBLISH_CALLS.get(idempotencyKey);
        return calls == null ? 0 : calls.get();
    }

    /** Whether the crash has happened for this key (the test waits for it). */
    public boolean crashedFor(String idempotencyKey) {
        return CRASHED.contains(idempotencyKey);
    }
}
