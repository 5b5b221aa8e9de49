package io.clearpost.publish.account;

/**
 * The secret part of a platform account, encrypted as one value: OAuth tokens, the OAuth client's
 * secret (for refreshing), and a webhook's signing secret. {@link #toString()} never shows them.
 */
public record Credentials(String accessToken, String refreshToken, String clientSecret, String webhookSecret) {

    public Credentials withTokens(String accessToken, String refreshToken) {
        return new Credentials(accessToken, refreshToken == null ? this.refreshToken : refreshToken, clientSecret,
                webhookSecret);
    }

    @Override
    public String toString() {
        return "Credentials[redacted]";
    }
}
