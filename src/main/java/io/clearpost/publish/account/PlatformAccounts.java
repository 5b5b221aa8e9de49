package io.clearpost.publish.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.events.DomainEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores and reads brands' platform accounts; credentials are encrypted on the way in, decrypted on the way out. */
@Service
public class PlatformAccounts {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    PlatformAccounts(JdbcClient jdbc, SecretCipher cipher, ObjectMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public boolean exists(String brand, String platform) {
        return jdbc.sql("SELECT COUNT(*) FROM platform_account WHERE brand = ? AND platform = ?")
                .params(brand, platform).query(Long.class).single() > 0;
    }

    @Transactional(readOnly = true)
    public Optional<PlatformAccount> find(String brand, String platform) {
        return jdbc.sql("""
                        SELECT account_id, client_id, endpoint, credentials, token_expires_at, connected_by, updated_at
                        FROM platform_account WHERE brand = ? AND platform = ?""")
                .params(brand, platform)
                .query((rs, n) -> new PlatformAccount(brand, platform, rs.getString(1), rs.getString(2), rs.getString(3),
                        credentials(rs.getString(4), brand, platform), instant(rs.getTimestamp(5)), rs.getString(6),
                        instant(rs.getTimestamp(7))))
                .optional();
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

    /** Keeps the tokens a refresh gave, even if the publication that asked for them fails afterwards. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public PlatformAccount refreshed(PlatformAccount account, String accessToken, String refreshToken,
                                     Instant expiresAt) {
        Credentials renewed = account.credentials().withTokens(accessToken, refreshToken);
        jdbc.sql("UPDATE platform_account SET credentials = ?, token_expires_at = ?, updated_at = ? "
                        + "WHERE brand = ? AND platform = ?")
                .params(seal(renewed, account.brand(), account.platform()), timestamp(expiresAt),
                        Timestamp.from(Instant.now()), account.brand(), account.platform())
                .update();
        return new PlatformAccount(account.brand(), account.platform(), account.accountId(), account.clientId(),
                account.endpoint(), renewed, expiresAt, account.connectedBy(), Instant.now());
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
