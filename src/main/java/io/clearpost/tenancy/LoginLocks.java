package io.clearpost.tenancy;

import io.clearpost.engine.EngineClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Consecutive failed logins per user and the lock-outs they cause ({@link LoginSettings}), in {@code login_lock}.
 * Every failure, also of an unknown user or during a lock, counts in {@code clearpost_login_failures_total} and is
 * logged with the user name, never the password.
 */
@Component
class LoginLocks {

    private static final Logger log = LoggerFactory.getLogger(LoginLocks.class);

    enum Reason { BAD_CREDENTIALS, LOCKED, UNKNOWN_USER, DISABLED }

    private final JdbcClient jdbc;
    private final LoginSettings settings;
    private final ObjectProvider<MeterRegistry> registry;

    LoginLocks(JdbcClient jdbc, LoginSettings settings, ObjectProvider<MeterRegistry> registry) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.registry = registry;
    }

    record State(int failures, Instant lockedUntil) {

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    Optional<State> state(String userId) {
        return jdbc.sql("SELECT failures, locked_until FROM login_lock WHERE user_id = ?").param(userId)
                .query((rs, row) -> new State(rs.getInt(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .optional();
    }

    boolean locked(String userId) {
        return state(userId).map(s -> s.lockedAt(EngineClock.now())).orElse(false);
    }

    /** A wrong password of an existing user: one more consecutive failure, which may lock the user. */
    void failed(String userId) {
        Instant now = EngineClock.now();
        int failures = increment(userId);
        Duration lock = settings.lockAfter(failures);
        if (!lock.isZero()) {
            jdbc.sql("UPDATE login_lock SET locked_until = ? WHERE user_id = ?")
                    .params(Timestamp.from(now.plus(lock)), userId).update();
            log.warn("Login failed for user {} ({} consecutive failures): locked for {}", printable(userId), failures, lock);
        } else {
            log.info("Login failed for user {} ({} consecutive failures)", printable(userId), failures);
        }
        count(Reason.BAD_CREDENTIALS);
    }

    /** A login refused without looking at the password: unknown user, locked or disabled. */
    void refused(String userId, Reason reason) {
        log.info("Login failed for {} user {}", reason == Reason.LOCKED ? "locked"
                : reason == Reason.DISABLED ? "disabled" : "unknown", printable(userId));
        count(reason);
    }

    /** A successful login or an administrator's unlock: the count starts again, the lock is lifted. */
    void clear(String userId) {
        jdbc.sql("DELETE FROM login_lock WHERE user_id = ?").param(userId).update();
    }

    private int increment(String userId) {
        for (int attempt = 0; ; attempt++) {
            if (jdbc.sql("UPDATE login_lock SET failures = failures + 1 WHERE user_id = ?").param(userId).update() == 0) {
                try {
                    jdbc.sql("INSERT INTO login_lock (user_id, failures) VALUES (?, 1)").param(userId).update();
                } catch (DuplicateKeyException e) {
                    if (attempt < 2) {
                        continue;   // a parallel failure inserted it first: count on its row
                    }
                    throw e;
                }
            }
            return state(userId).map(State::failures).orElse(1);
        }
    }

    private void count(Reason reason) {
        registry.ifAvailable(r -> Counter.builder("clearpost.login.failures")
                .description("Failed logins (wrong password, unknown user, a locked or a disabled user)")
                .tag("reason", reason.name().toLowerCase())
                .register(r).increment());
    }

    /** A user name as sent by the caller, safe for one log line. */
    static String printable(String userId) {
        String shown = userId.length() > 64 ? userId.substring(0, 64) + "…" : userId;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
