package io.clearpost.publish.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * {@code clearpost.connectors.sandbox.failures}: make the sandbox fail, for a platform
 * ({@code failures.x}) or for one brand's platform ({@code failures[nova-foods/x]}):
 * {@code PERMANENT} (refused), {@code AUTH_EXPIRED}, or {@code RETRYABLE:n} (the first n attempts of
 * each post answer as an outage, then it succeeds). Empty by default: the sandbox always posts.
 */
@ConfigurationProperties("clearpost.connectors.sandbox")
public record SandboxSettings(Map<String, String> failures) {

    public SandboxSettings {
        failures = failures == null ? Map.of() : Map.copyOf(failures);
    }

    public String failureFor(String brand, String platform) {
        return failures.getOrDefault(brand + "/" + platform, failures.get(platform));
    }
}
