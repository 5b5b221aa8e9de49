package io.clearpost.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clearpost.login.hash-strength}: the BCrypt cost of stored passwords (log2 of the rounds), 10 by default
 * (tens of milliseconds a check). Every API call checks its Basic credentials, so the cost is paid per request.
 */
@ConfigurationProperties("clearpost.login")
public record PasswordHashSettings(@DefaultValue("10") int hashStrength) {

    public PasswordHashSettings {
        if (hashStrength < 4 || hashStrength > 31) {
            throw new IllegalArgumentException("clearpost.login.hash-strength must be 4 to 31, not " + hashStrength);
        }
    }
}
