package io.clearpost.publish.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code clearpost.connectors.token-renewal.*}: how often {@code TokenRenewal} looks for tokens to renew
 * ({@code interval}, default one hour) and how long ahead of an expiry it acts ({@code ahead}, default 7 days):
 * access tokens are renewed within it, and an account whose refresh token (or unrenewable token) expires within
 * it is reported to the brand's strategists.
 */
@ConfigurationProperties("clearpost.connectors.token-renewal")
public record TokenRenewalSettings(@DefaultValue("PT1H") Duration interval, @DefaultValue("P7D") Duration ahead) {

    public TokenRenewalSettings {
        interval = interval == null ? Duration.ofHours(1) : interval;
        ahead = ahead == null ? Duration.ofDays(7) : ahead;
    }
}
