package io.clearpost.publish.connector;

import io.clearpost.support.ProductionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Picks the connector for a brand's platform: a configured real client first, the sandbox otherwise
 * when it is enabled (the embedded default). With the sandbox off (production), a platform without a
 * connected account gets {@link #noAccount}: its posts fail for a person to resolve, never "published".
 */
@Component
public class Connectors {

    private static final Logger log = LoggerFactory.getLogger(Connectors.class);

    private final List<PlatformConnector> configured;
    private final SandboxConnector sandbox;
    private final boolean sandboxEnabled;

    Connectors(List<PlatformConnector> all, SandboxConnector sandbox, SandboxSettings settings,
               ProductionSettings production) {
        this.configured = all.stream().filter(c -> c != sandbox).toList();
        this.sandbox = sandbox;
        this.sandboxEnabled = settings.enabledIn(production.production());
        if (sandboxEnabled && production.production()) {
            log.warn("clearpost.connectors.sandbox.enabled=true in production: posts for platforms without a "
                    + "connected account are recorded by the sandbox and reported as published");
        }
    }

    public PlatformConnector forPlatform(String brand, String platform) {
        return configured.stream().filter(c -> c.serves(brand, platform)).findFirst()
                .orElse(sandboxEnabled ? sandbox : noAccount(platform));
    }

    /** A platform no account of the brand is connected to: refuses every post, so a person decides. */
    static PlatformConnector noAccount(String platform) {
        return new PlatformConnector() {
            @Override
            public boolean serves(String brand, String p) {
                return false;
            }

            @Override
            public Optional<PostReceipt> findPost(PostRequest request) {
                return Optional.empty();
            }

            @Override
            public PostReceipt publish(PostRequest request) throws PublishFailure {
                throw new PublishFailure(PublishFailure.Kind.PERMANENT, "no account connected for " + platform, null);
            }
        };
    }
}
