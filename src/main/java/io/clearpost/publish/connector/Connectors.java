package io.clearpost.publish.connector;

import org.springframework.stereotype.Component;

import java.util.List;

/** Picks the connector for a brand's platform: a configured real client first, the sandbox otherwise. */
@Component
public class Connectors {

    private final List<PlatformConnector> configured;
    private final SandboxConnector sandbox;

    Connectors(List<PlatformConnector> all, SandboxConnector sandbox) {
        this.configured = all.stream().filter(c -> c != sandbox).toList();
        this.sandbox = sandbox;
    }

    public PlatformConnector forPlatform(String brand, String platform) {
        return configured.stream().filter(c -> c.serves(brand, platform)).findFirst().orElse(sandbox);
    }
}
