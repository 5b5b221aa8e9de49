package io.clearpost.publish.connector;

import io.clearpost.engine.EngineClock;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.account.TokenHealth;
import io.clearpost.publish.account.TokenRenewalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Renews every connected account's access token before it expires, the one place that does so ahead of time
 * (a 401 while publishing still refreshes once, {@link AccountConnector}). Every
 * {@code clearpost.connectors.token-renewal.interval} (first run one interval after start) {@link #renewDue}
 * looks at each account on the engine clock:
 * <ul>
 *   <li>its access token is <em>due</em> when it expires within {@code clearpost.connectors.token-renewal.ahead}
 *       or, for a token that lived shorter than twice that since its last renewal (TikTok's 24 hours, X's 2 hours,
 *       Google's 1 hour), within half its lifetime; a due token is renewed by its connector's refresh code path
 *       (Threads' {@code th_refresh_token} while the token is valid, the OAuth refresh grant of LinkedIn, X,
 *       TikTok, Pinterest and YouTube), which stores the new token encrypted, its expiry, and where the platform
 *       sends them the new refresh token and its expiry. A token without a known expiry is not renewed ahead.</li>
 *   <li>a failed renewal is recorded (the account's health becomes {@code RENEWAL_FAILED} with the error) and
 *       the account needs attention;</li>
 *   <li>so does an account whose end ({@link TokenHealth#end}: the refresh token's expiry, or the expiry of a
 *       token without one) is within the lead time or past.</li>
 * </ul>
 * An account that needs attention gets {@code AccountNeedsAttention} (audit trail; the brand's strategists get
 * a mail), at most once per day ({@link PlatformAccounts#needsAttention}).
 */
@Component
public class TokenRenewal {

    private static final Logger log = LoggerFactory.getLogger(TokenRenewal.class);

    private final PlatformAccounts accounts;
    private final List<AccountConnector> connectors;
    private final TokenRenewalSettings settings;

    TokenRenewal(PlatformAccounts accounts, List<AccountConnector> connectors, TokenRenewalSettings settings) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${clearpost.connectors.token-renewal.interval:PT1H}",
            initialDelayString = "${clearpost.connectors.token-renewal.interval:PT1H}")
    void scheduled() {
        renewDue();
    }

    /** One pass over every account; returns how many access tokens were renewed. */
    public int renewDue() {
        int renewed = 0;
        for (String[] key : accounts.all()) {
            try {
                if (check(key[0], key[1])) {
                    renewed++;
                }
            } catch (RuntimeException e) {
                // an unreadable row (another key) or a bug: the other accounts still get their turn; no secret logged
                log.warn("token renewal of the {} account of {} failed: {}", key[1], key[0], e.getClass().getSimpleName());
            }
        }
        return renewed;
    }

    private boolean check(String brand, String platform) {
        Optional<PlatformAccount> found = accounts.find(brand, platform);
        if (found.isEmpty()) {
            return false;
        }
        PlatformAccount account = found.get();
        Instant now = EngineClock.now();
        AccountConnector connector = connectors.stream().filter(c -> c.platform().equals(platform)).findFirst()
                .orElse(null);
        boolean renewed = false;
        if (connector != null && due(account, now, settings.ahead()) && connector.renewable(account)) {
            try {
                account = connector.renewNow(account);
                renewed = true;
                log.info("renewed the {} access token of {}, valid until {}", platform, brand, account.tokenExpiresAt());
            } catch (PublishFailure failure) {
                account = accounts.renewalFailed(account, failure.getMessage());
                log.warn("renewing the {} access token of {} failed: {}", platform, brand, account.renewalError());
                accounts.needsAttention(account, "Renewing the " + platform + " access token failed: "
                        + account.renewalError() + ". Reconnect the account if it keeps failing.", TokenHealth.end(account));
                return false;
            }
        }
        Instant end = TokenHealth.end(account);
        if (end != null && !end.isAfter(now.plus(settings.ahead()))) {
            accounts.needsAttention(account, reason(account, end, now), end);
        }
        return renewed;
    }

    /**
     * Whether the access token is due: it expires within the lead time, or within half the lifetime it had at its
     * last renewal if that is shorter (so a 24-hour token is renewed about twice a day, not at every run).
     */
    static boolean due(PlatformAccount account, Instant now, Duration ahead) {
        Instant expires = account.tokenExpiresAt();
        if (expires == null) {
            return false;
        }
        Duration lead = ahead;
        if (account.lastRenewedAt() != null) {
            Duration half = Duration.between(account.lastRenewedAt(), expires).dividedBy(2);
            if (!half.isNegative() && half.compareTo(lead) < 0) {
                lead = half;
            }
        }
        return !now.isBefore(expires.minus(lead));
    }

    private static String reason(PlatformAccount account, Instant end, Instant now) {
        String refresh = account.credentials().refreshToken();
        String what = refresh != null && !refresh.isBlank() ? "refresh token" : "access token";
        return end.isAfter(now)
                ? "The " + account.platform() + " " + what + " expires at " + end
                        + " and cannot be renewed past it: reconnect the account before then"
                : "The " + account.platform() + " " + what + " expired at " + end + ": reconnect the account";
    }
}
