package io.clearpost.tenancy;

import io.clearpost.engine.EngineClock;
import io.clearpost.support.Gone;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Single-use invitations: a random token, mailed as a link, with which the invited user sets a password within
 * {@link #VALIDITY} (engine clock). Only the token's SHA-256 is stored; a newer invitation of the same user voids
 * the older ones.
 */
@Service
class Invitations {

    static final Duration VALIDITY = Duration.ofHours(72);

    private static final Logger log = LoggerFactory.getLogger(Invitations.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 random bytes in base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JdbcClient jdbc;
    private final Users users;
    private final ApplicationEventPublisher events;

    Invitations(JdbcClient jdbc, Users users, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.users = users;
        this.events = events;
    }

    /** Voids the user's open invitations and writes a new one, whose mail is written in the same transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    InvitationIssued issue(String userId, String actor) {
        Instant now = EngineClock.now().truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("UPDATE invitation SET voided_at = ? WHERE user_id = ? AND used_at IS NULL AND voided_at IS NULL")
                .params(Timestamp.from(now), userId).update();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String id = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(VALIDITY);
        jdbc.sql("""
                        INSERT INTO invitation (id, user_id, token_hash, created_by, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, userId, hash(token), actor, Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
        InvitationIssued issued = new InvitationIssued(id, userId, token, expiresAt);
        events.publishEvent(issued);
        log.info("Invitation {} for user {} issued by {}, valid until {}", id, userId, actor, expiresAt);
        return issued;
    }

    /**
     * Sets the invited user's password: 404 for a token that never existed, 410 for one used, replaced by a newer
     * invitation or expired, 400 for a password {@link PasswordPolicy} refuses. Nothing changes on any of them.
     */
    @Transactional
    void accept(String token, String password) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new NotFound("invitation");
        }
        Invitation invitation = jdbc.sql("""
                        SELECT id, user_id, expires_at, used_at, voided_at FROM invitation
                        WHERE token_hash = ? FOR UPDATE""")
                .param(hash(token))
                .query((rs, n) -> new Invitation(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        Optional.ofNullable(rs.getTimestamp(4)).map(Timestamp::toInstant).orElse(null),
                        Optional.ofNullable(rs.getTimestamp(5)).map(Timestamp::toInstant).orElse(null)))
                .optional()
                .orElseThrow(() -> new NotFound("invitation"));
        Instant now = EngineClock.now();
        if (invitation.usedAt() != null) {
            throw new Gone("This invitation was used already; ask an administrator for a new one");
        }
        if (invitation.voidedAt() != null) {
            throw new Gone("This invitation was replaced by a newer one; use the link of the latest mail");
        }
        if (!now.isBefore(invitation.expiresAt())) {
            throw new Gone("This invitation expired at " + invitation.expiresAt() + "; ask an administrator for a new one");
        }
        PasswordPolicy.problem(password).ifPresent(problem -> {
            throw new InvalidInput("password", problem);
        });
        users.setPassword(invitation.userId(), password);
        jdbc.sql("UPDATE invitation SET used_at = ? WHERE id = ?")
                .params(Timestamp.from(now.truncatedTo(ChronoUnit.MILLIS)), invitation.id()).update();
        log.info("User {} set a password through invitation {}", invitation.userId(), invitation.id());
    }

    /** Whether the user has an invitation that is neither used, replaced nor expired. */
    boolean pending(String userId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM invitation
                        WHERE user_id = ? AND used_at IS NULL AND voided_at IS NULL AND expires_at > ?""")
                .params(userId, Timestamp.from(EngineClock.now()))
                .query(Long.class).single() > 0;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Invitation(String id, String userId, Instant expiresAt, Instant usedAt, Instant voidedAt) {
    }
}
