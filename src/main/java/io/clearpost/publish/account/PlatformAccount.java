package io.clearpost.publish.account;

import java.time.Instant;

/**
 * A brand's account on one platform, credentials decrypted: the platform-side id the connector posts
 * as (Instagram or Threads user id, Facebook page id, LinkedIn author URN, Pinterest board id, ...),
 * the OAuth client id, a webhook's endpoint URL, and the {@link Credentials}. The token's renewal state
 * ({@code TokenRenewal}): the refresh token's expiry where the platform told it, the last renewal, the last
 * renewal's error (no secret in it) while none has succeeded since, and when the strategists were last told.
 */
public record PlatformAccount(String brand, String platform, String accountId, String clientId, String endpoint,
                              Credentials credentials, Instant tokenExpiresAt, String connectedBy, Instant updatedAt,
                              Instant refreshTokenExpiresAt, Instant lastRenewedAt, String renewalError,
                              Instant renewalFailedAt, Instant attentionAt) {

    public String accessToken() {
        return credentials.accessToken();
    }

    @Override
    public String toString() {
        return "PlatformAccount[" + brand + "/" + platform + ", accountId=" + accountId + "]";
    }
}
