package io.clearpost.publish.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code clearpost.connectors.*}: where each platform's API lives and how long a call may take.
 * {@code clearpost.connectors.<platform>.base-url} (and {@code token-url}, the OAuth endpoint used to
 * refresh an access token) point a platform elsewhere: a staging server, WireMock in tests. Unset,
 * they are the platform's own. {@code media.*} bounds the download of a medium that is checked
 * against its approved SHA-256 ({@link MediaFetcher}); {@code allowed-hosts} names the hosts, addresses
 * or CIDR ranges that media and webhook URLs may reach although they are not public
 * ({@link DestinationGuard}): empty by default, {@code 127.0.0.1} in tests for the WireMock stand-ins.
 */
@ConfigurationProperties("clearpost.connectors")
public record ConnectorSettings(@DefaultValue("5s") Duration connectTimeout,
                                @DefaultValue("20s") Duration readTimeout,
                                Endpoint instagram, Endpoint facebook, Endpoint threads, Endpoint linkedin,
                                Endpoint x, Endpoint tiktok, Endpoint pinterest, Endpoint youtube,
                                Endpoint mastodon, @DefaultValue Media media, List<String> allowedHosts) {

    public ConnectorSettings {
        media = media == null ? new Media(null, null) : media;
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    /** Base URL of a platform's API and of its OAuth token endpoint. */
    public record Endpoint(String baseUrl, String tokenUrl) {
    }

    /** The largest medium downloaded for its checksum, and how long its download may take in all. */
    public record Media(@DefaultValue("256MB") DataSize maxSize, @DefaultValue("2m") Duration timeout) {

        public Media {
            maxSize = maxSize == null ? DataSize.ofMegabytes(256) : maxSize;
            timeout = timeout == null ? Duration.ofMinutes(2) : timeout;
        }
    }

    /** The platforms' own endpoints. */
    static final Map<String, Endpoint> DEFAULTS = Map.of(
            "instagram", new Endpoint("https://graph.facebook.com/v21.0", null),
            "facebook", new Endpoint("https://graph.facebook.com/v21.0", null),
            "threads", new Endpoint("https://graph.threads.net/v1.0", "https://graph.threads.net/refresh_access_token"),
            "linkedin", new Endpoint("https://api.linkedin.com", "https://www.linkedin.com/oauth/v2/accessToken"),
            "x", new Endpoint("https://api.x.com", "https://api.x.com/2/oauth2/token"),
            "tiktok", new Endpoint("https://open.tiktokapis.com", "https://open.tiktokapis.com/v2/oauth/token/"),
            "pinterest", new Endpoint("https://api.pinterest.com", "https://api.pinterest.com/v5/oauth/token"),
            "youtube", new Endpoint("https://www.googleapis.com", "https://oauth2.googleapis.com/token"),
            "mastodon", new Endpoint("https://mastodon.social", null));

    /** The API base URL of the platform (no trailing slash): configured, else the platform's own. */
    public String baseUrl(String platform) {
        String url = pick(platform, Endpoint::baseUrl);
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The OAuth token endpoint of the platform: configured, else the platform's own; null if it has none. */
    public String tokenUrl(String platform) {
        return pick(platform, Endpoint::tokenUrl);
    }

    private String pick(String platform, java.util.function.Function<Endpoint, String> part) {
        Map<String, Endpoint> configured = new HashMap<>();
        put(configured, "instagram", instagram);
        put(configured, "facebook", facebook);
        put(configured, "threads", threads);
        put(configured, "linkedin", linkedin);
        put(configured, "x", x);
        put(configured, "tiktok", tiktok);
        put(configured, "pinterest", pinterest);
        put(configured, "youtube", youtube);
        put(configured, "mastodon", mastodon);
        Endpoint own = configured.get(platform);
        if (own != null && part.apply(own) != null) {
            return part.apply(own);
        }
        Endpoint known = DEFAULTS.get(platform);
        return known == null ? null : part.apply(known);
    }

    private static void put(Map<String, Endpoint> map, String key, Endpoint endpoint) {
        if (endpoint != null) {
            map.put(key, endpoint);
        }
    }
}
