package io.clearpost.publish.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * {@code clearpost.connectors.sandbox.failures}: make the sandbox fail, for a platform
 * ({@code failures.x}) or for one brand's platform ({@code failures[nova-foods/x]}):
 * {@code PERMANENT} (refused), {@code AUTH_EXPIRED}, or {@code RETRYABLE:n} (the first n attempts of
 * each post answer as an outage asking to come back in 1 s, then it succeeds; {@code RETRYABLE:n:PT30S} asks for
 * another wait), or {@code PROCESSING:n} (the first n answers of each
 * post say the platform is still processing it, ask again in 5 s). Empty by default: the sandbox always posts.
 * <p>
 * {@code clearpost.connectors.sandbox.enabled}: whether a platform without a connected account goes to
 * the sandbox. Unset, it is on outside production and off with {@code clearpost.production=true}, where
 * such a post must go to a person instead of being reported as published.
 */
@ConfigurationProperties("clearpost.connectors.sandbox")
public record SandboxSettings(Map<String, String> failures, Boolean enabled) {

    public SandboxSettings {
        failures = failures == null ? Map.of() : Map.copyOf(failures);
    }

    /** On when set so, else on exactly outside production. */
    public boolean enabledIn(boolean production) {
        return enabled == null ? !production : enabled;
    }

    public String failureFor(String brand, String platform) {
        return failures.getOrDefault(brand + "/" + platform, failures.get(platform));
    }
}
