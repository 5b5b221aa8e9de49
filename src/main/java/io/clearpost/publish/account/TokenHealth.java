package io.clearpost.publish.account;

import java.time.Duration;
import java.time.Instant;

/**
 * How an account's credentials stand, as {@code GET /api/brands/{brand}/accounts} shows it. The account works
 * until its <em>end</em>: the refresh token's expiry when it has a refresh token (the access token is renewed
 * from it; null when the platform did not tell it), else the access token's expiry (Threads renews its token
 * while it is valid, so its end moves with each renewal).
 */
public enum TokenHealth {
    /** Nothing to do. */
    OK,
    /** The account's end is within {@code clearpost.connectors.token-renewal.ahead}: reconnect it before then. */
    EXPIRING,
    /** The account's end has passed: only a reconnect helps. */
    EXPIRED,
    /** The last renewal failed (its error is shown) and none has succeeded since. */
    RENEWAL_FAILED;

    /** When the account stops working unless it is reconnected; null if unknown (or never). */
    public static Instant end(PlatformAccount account) {
        String refresh = account.credentials().refreshToken();
        return refresh != null && !refresh.isBlank() ? account.refreshTokenExpiresAt() : account.tokenExpiresAt();
    }

    public static TokenHealth of(PlatformAccount account, Instant now, Duration ahead) {
        Instant end = end(account);
        if (end != null && !end.isAfter(now)) {
            return EXPIRED;
        }
        if (account.renewalError() != null) {
            return RENEWAL_FAILED;
        }
        return end != null && !end.isAfter(now.plus(ahead)) ? EXPIRING : OK;
    }
}
