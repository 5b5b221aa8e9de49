package io.clearpost.support;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The WireMock server standing in for one platform's API, on the port the build reserved for it
 * ({@code test.port.<platform>}, see pom.xml; application-test.yaml points the connector's base URL
 * there). One server per platform for the whole test JVM, started on first use.
 */
public final class PlatformStandIn {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("instagram", 18401, "facebook", 18402,
            "threads", 18403, "linkedin", 18404, "x", 18405, "tiktok", 18406, "pinterest", 18407, "youtube", 18408,
            "mastodon", 18409, "webhook", 18410);
    private static final Map<String, WireMockServer> SERVERS = new ConcurrentHashMap<>();

    private PlatformStandIn() {
    }

    /** The running stand-in of the platform (its stubs and request journal reset by {@link #fresh}). */
    public static WireMockServer of(String platform) {
        return SERVERS.computeIfAbsent(platform, p -> {
            int port = Integer.getInteger("test.port." + p, DEFAULT_PORTS.get(p));
            WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
            server.start();
            return server;
        });
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
