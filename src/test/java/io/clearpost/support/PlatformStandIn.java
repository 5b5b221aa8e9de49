package io.clearpost.support;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The WireMock server standing in for one platform's API, on the port {@link TestPorts} chose for it in this
 * JVM ({@code test.port.<platform>}; application-test.yaml points the connector's base URL there). One server
 * per platform for the whole test JVM, started on first use.
 */
public final class PlatformStandIn {

    private static final Map<String, WireMockServer> SERVERS = new ConcurrentHashMap<>();

    private PlatformStandIn() {
    }

    /** The running stand-in of the platform (its stubs and request journal reset by {@link #fresh}). */
    public static WireMockServer of(String platform) {
        return SERVERS.computeIfAbsent(platform, p -> {
            int port = TestPorts.of(p);
            // idle connections are kept for the JVM's life: Jetty's default closes them after 30 s, and a
            // connector's client reusing one at that moment saw a reset, "did not answer", instead of the answer
            // its test stubbed (LinkedInConnectorTest failed so once, 30 s after TokenRenewalTest's last call)
            WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port)
                    .jettyIdleTimeout(Duration.ofHours(2).toMillis()));
            server.start();
            warmUp(server);
            return server;
        });
    }

    /**
     * One request before any test's: a cold stand-in's first answer (class loading, JIT) can take
     * longer than the connectors' short test timeout on a loaded machine, which a test would read as
     * the platform not answering.
     */
    private static void warmUp(WireMockServer server) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/__admin/health")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stand-in with no stubs and an empty request journal. */
    public static WireMockServer fresh(String platform) {
        WireMockServer server = of(platform);
        server.resetAll();
        return server;
    }

    /** The stand-in's base URL, e.g. for a webhook endpoint or a media file it serves. */
    public static String url(String platform, String path) {
        return "http://127.0.0.1:" + of(platform).port() + path;
    }
}
