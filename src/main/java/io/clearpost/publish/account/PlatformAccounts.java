package io.clearpost.publish.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.engine.EngineClock;
import io.clearpost.events.DomainEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Stores and reads brands' platform accounts; credentials are encrypted on the way in, decrypted on the way out. */
@Service
public class PlatformAccounts {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate alone;

    PlatformAccounts(JdbcClient jdbc, SecretCipher cipher, ObjectMapper json, ApplicationEventPublisher events,
                     PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
        this.events = events;
        this.alone = new TransactionTemplate(transactions);
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A token renewal of one account: the platform's refresh, given the account as it is stored now. */
    @FunctionalInterface
    public interface Renewal<E extends Exception> {
        PlatformAccount renew(PlatformAccount current) throws E;
    }

    /**
     * Renews the account's token with nobody else renewing it at the same time: the account's row stays locked
     * ({@code SELECT … FOR UPDATE}) from before the platform is asked until the new token is stored, and commits
     * on its own, whatever the caller's transaction does. Whoever waited for the lock finds the token renewed
     * already (it differs from the one {@code seen}) and takes that instead of asking the platform again: with a
     * platform that rotates the refresh token on every renewal (TikTok, X), a second renewal with the old refresh
     * token would fail, or leave the account with a token the platform no longer honours.
     */
    @SuppressWarnings("unchecked")
    public <E extends Exception> PlatformAccount renewAlone(PlatformAccount seen, Renewal<E> renewal) throws E {
        Exception[] failure = new Exception[1];
        PlatformAccount result = alone.execute(status -> {
            if (jdbc.sql("SELECT platform FROM platform_account WHERE brand = ? AND platform = ? FOR UPDATE")
                    .params(seen.brand(), seen.platform()).query(String.class).optional().isEmpty()) {
                return seen; // disconnected meanwhile: the caller's next call meets that
            }
            PlatformAccount current = find(seen.brand(), seen.platform()).orElseThrow();
            if (!java.util.Objects.equals(current.accessToken(), seen.accessToken())) {
                return current;
            }
            try {
                return renewal.renew(current);
            } catch (Exception e) {
                failure[0] = e;
                status.setRollbackOnly();
                return null;
            }
        });
        if (failure[0] != null) {
            throw (E) failure[0];
        }
        return result;
    }

    @Transactional(readOnly = true)
    public boolean exists(String brand, String platform) {
        return jdbc.sql("SELECT COUNT(*) FROM platform_account WHERE brand = ? AND platform = ?")
                .params(brand, platform).query(Long.class).single() > 0;
    }

    @Transactional(readOnly = true)
    public Optional<PlatformAccount> find(String brand, String platform) {
        return jdbc.sql("""
                        SELECT account_id, client_id, endpoint, credentials, token_expires_at, connected_by, updated_at,
                               refresh_token_expires_at, last_renewed_at, renewal_error, renewal_failed_at, attention_at
                        FROM platform_account WHERE brand = ? AND platform = ?""")
                .params(brand, platform)
                .query((rs, n) -> new PlatformAccount(brand, platform, rs.getString(1), rs.getString(2), rs.getString(3),
                        credentials(rs.getString(4), brand, platform), instant(rs.getTimestamp(5)), rs.getString(6),
                        instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                        rs.getString(10), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12))))
                .optional();
    }

    /** Every connected account, as {@code brand/platform} pairs (no secret read). */
    @Transactional(readOnly = true)
    public List<String[]> all() {
        return jdbc.sql("SELECT brand, platform FROM platform_account ORDER BY brand, platform")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    @Transactional(readOnly = true)
    public List<PlatformAccount> ofBrand(String brand) {
        List<String> platforms = jdbc.sql("SELECT platform FROM platform_account WHERE brand = ? ORDER BY platform")
                .param(brand).query(String.class).list();
        return platforms.stream().map(p -> find(brand, p).orElseThrow()).toList();
    }

    /** Connects (or reconnects) an account; the audit event names who did it, never a secret. */
    @Transactional
    public PlatformAccount connect(String brand, String platform, String accountId, String clientId, String endpoint,
                                   Credentials credentials, Instant tokenExpiresAt, String actor) {
        Instant now = Instant.now();
        jdbc.sql("DELETE FROM platform_account WHERE brand = ? AND platform = ?").params(brand, platform).update();
        jdbc.sql("""
                        INSERT INTO platform_account (brand, platform, account_id, client_id, endpoint, credentials,
                                                      token_expires_at, connected_by, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(brand, platform, accountId, clientId, endpoint, seal(credentials, brand, platform),
                        timestamp(tokenExpiresAt), actor, Timestamp.from(now))
                .update();
        events.publishEvent(new DomainEvent.AccountConnected(brand, actor, platform, accountId, endpoint));
        return find(brand, platform).orElseThrow();
    }

    @Transactional
    public boolean disconnect(String brand, String platform, String actor) {
        int removed = jdbc.sql("DELETE FROM platform_account WHERE brand = ? AND platform = ?")
                .params(brand, platform).update();
        if (removed > 0) {
            events.publishEvent(new DomainEvent.AccountDisconnected(brand, actor, platform));
        }
        return removed > 0;
    }

    /**
     * Keeps the tokens a refresh gave, even if the publication that asked for them fails afterwards: the new
     * access token (encrypted) and its expiry, the new refresh token if the platform rotated it, and the refresh
     * token's expiry where the platform told it (a new refresh token without one has an unknown expiry, the kept
     * one keeps its own). Clears the last renewal error. Runs in the transaction of {@link #renewAlone}, which
     * commits on its own.
     */
    @Transactional
    public PlatformAccount refreshed(PlatformAccount account, String accessToken, String refreshToken,
                                     Instant expiresAt, Instant refreshTokenExpiresAt) {
        Credentials renewed = account.credentials().withTokens(accessToken, refreshToken);
        Instant refreshExpiry = refreshTokenExpiresAt != null ? refreshTokenExpiresAt
                : refreshToken != null ? null : account.refreshTokenExpiresAt();
        Instant now = EngineClock.now();
        jdbc.sql("UPDATE platform_account SET credentials = ?, token_expires_at = ?, updated_at = ?, "
                        + "refresh_token_expires_at = ?, last_renewed_at = ?, renewal_error = NULL, "
                        + "renewal_failed_at = NULL WHERE brand = ? AND platform = ?")
                .params(seal(renewed, account.brand(), account.platform()), timestamp(expiresAt),
                        Timestamp.from(now), timestamp(refreshExpiry), Timestamp.from(now), account.brand(),
                        account.platform())
                .update();
        return find(account.brand(), account.platform()).orElseThrow();
    }

    /**
     * Records a failed renewal: its error, stripped of the account's secrets and bounded to the column. The
     * access token and its expiry stay as they were.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public PlatformAccount renewalFailed(PlatformAccount account, String error) {
        jdbc.sql("UPDATE platform_account SET renewal_error = ?, renewal_failed_at = ? WHERE brand = ? AND platform = ?")
                .params(withoutSecrets(account, error), Timestamp.from(EngineClock.now()), account.brand(),
                        account.platform())
                .update();
        return find(account.brand(), account.platform()).orElseThrow();
    }

    /**
     * Tells that the account needs a person ({@link DomainEvent.AccountNeedsAttention}: the audit trail records
     * it, the brand's strategists get a mail), at most once per UTC day per account; false if already told today.
     */
    @Transactional
    public boolean needsAttention(PlatformAccount account, String reason, Instant expiresAt) {
        Instant now = EngineClock.now();
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        int claimed = jdbc.sql("UPDATE platform_account SET attention_at = ? WHERE brand = ? AND platform = ? "
                        + "AND (attention_at IS NULL OR attention_at < ?)")
                .params(Timestamp.from(now), account.brand(), account.platform(), Timestamp.from(today))
                .update();
        if (claimed == 0) {
            return false;
        }
        events.publishEvent(new DomainEvent.AccountNeedsAttention(account.brand(), "system", account.platform(),
                withoutSecrets(account, reason), expiresAt));
        return true;
    }

    /** A platform's message with any of the account's secrets replaced, at most 500 characters. */
    static String withoutSecrets(PlatformAccount account, String text) {
        String clean = text == null ? "unknown error" : text;
        Credentials c = account.credentials();
        for (String secret : new String[] {c.accessToken(), c.refreshToken(), c.clientSecret(), c.webhookSecret()}) {
            if (secret != null && !secret.isBlank()) {
                clean = clean.replace(secret, "[redacted]");
            }
        }
        return clean.length() > 500 ? clean.substring(0, 499) + "…" : clean;
    }

    private String seal(Credentials credentials, String brand, String platform) {
        try {
            return cipher.encrypt(json.writeValueAsString(credentials), brand + "/" + platform);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise credentials", e);
        }
    }

    private Credentials credentials(String sealed, String brand, String platform) {
        try {
            return json.readValue(cipher.decrypt(sealed, brand + "/" + platform), Credentials.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored credentials of " + brand + "/" + platform + " are unreadable", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
