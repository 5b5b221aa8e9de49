package io.clearpost.publish.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code clearpost.connectors.*}: where each platform's API lives and how long a call may take.
 * {@code clearpost.connectors.<platform>.base-url} (and {@code token-url}, the OAuth endpoint used to
 * refresh an access token) point a platform elsewhere: a staging server, WireMock in tests. Unset,
 * they are the platform's own. {@code api-version} and {@code api-version-sunset} choose a versioned
 * platform's API version ({@link #apiVersion}, watched by {@link ConnectorVersions}). {@code media.*} bounds the download of a medium that is checked
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

    /**
     * Base URL of a platform's API and of its OAuth token endpoint, and the API version a versioned platform
     * is called with (LinkedIn's {@code LinkedIn-Version} header; the Graph API's and the Threads API's
     * path segment) with the day the platform retires that version ({@code api-version-sunset}).
     */
    public record Endpoint(String baseUrl, String tokenUrl, String apiVersion, LocalDate apiVersionSunset) {
    }

    /** An API version and the day the platform retires it (null: none announced). */
    public record ApiVersion(String version, LocalDate sunset) {
    }

    /** The largest medium downloaded for its checksum, and how long its download may take in all. */
    public record Media(@DefaultValue("256MB") DataSize maxSize, @DefaultValue("2m") Duration timeout) {

        public Media {
            maxSize = maxSize == null ? DataSize.ofMegabytes(256) : maxSize;
            timeout = timeout == null ? Duration.ofMinutes(2) : timeout;
        }
    }

    /**
     * The Graph API version (path segment) Instagram and Facebook are called with, and the day Meta retires it:
     * "Available Graph API versions", https://developers.facebook.com/docs/graph-api/changelog/versions/
     * (v25.0, introduced 18 February 2026, available until 29 July 2028; v26.0 is newer, its end not yet set).
     */
    static final ApiVersion GRAPH_API = new ApiVersion("v25.0", LocalDate.of(2028, 7, 29));
    /**
     * The LinkedIn Marketing API version ({@code LinkedIn-Version}) and its sunset, from "API Migration Status",
     * https://learn.microsoft.com/en-us/linkedin/marketing/integrations/migrations (202603, sunset 16 March
     * 2027); each monthly version is supported at least a year (…/linkedin/marketing/versioning).
     */
    static final ApiVersion LINKEDIN_API = new ApiVersion("202603", LocalDate.of(2027, 3, 16));
    /** The Threads API's only version; Meta has announced no end for it (https://developers.facebook.com/docs/threads). */
    static final ApiVersion THREADS_API = new ApiVersion("v1.0", null);
    /** The platforms whose calls carry a version, and their default ones. */
    static final Map<String, ApiVersion> VERSIONS = Map.of("instagram", GRAPH_API, "facebook", GRAPH_API,
            "threads", THREADS_API, "linkedin", LINKEDIN_API);
    /** The platforms whose version is a path segment after the base URL. */
    private static final Set<String> VERSION_IN_PATH = Set.of("instagram", "facebook", "threads");

    /** The platforms' own endpoints (the Graph and Threads hosts without the version, which {@link #apiVersion} adds). */
    static final Map<String, Endpoint> DEFAULTS = Map.of(
            "instagram", new Endpoint("https://graph.facebook.com", null, null, null),
            "facebook", new Endpoint("https://graph.facebook.com", null, null, null),
            "threads", new Endpoint("https://graph.threads.net", "https://graph.threads.net/refresh_access_token", null, null),
            "linkedin", new Endpoint("https://api.linkedin.com", "https://www.linkedin.com/oauth/v2/accessToken", null, null),
            "x", new Endpoint("https://api.x.com", "https://api.x.com/2/oauth2/token", null, null),
            "tiktok", new Endpoint("https://open.tiktokapis.com", "https://open.tiktokapis.com/v2/oauth/token/", null, null),
            "pinterest", new Endpoint("https://api.pinterest.com", "https://api.pinterest.com/v5/oauth/token", null, null),
            "youtube", new Endpoint("https://www.googleapis.com", "https://oauth2.googleapis.com/token", null, null),
            "mastodon", new Endpoint("https://mastodon.social", null, null, null));

    /**
     * The API base URL of the platform (no trailing slash): configured, else the platform's own, followed by
     * the API version where the platform puts it in the path (Graph API, Threads API).
     */
    public String baseUrl(String platform) {
        String url = pick(platform, Endpoint::baseUrl);
        url = url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return url != null && VERSION_IN_PATH.contains(platform) ? url + "/" + apiVersion(platform).version() : url;
    }

    /**
     * The API version the platform is called with and its sunset: configured ({@code api-version},
     * {@code api-version-sunset}), else the default one with its documented sunset. A configured version
     * without a configured sunset has none known, unless it is the default version. Null for a platform
     * without versions.
     */
    public ApiVersion apiVersion(String platform) {
        ApiVersion known = VERSIONS.get(platform);
        if (known == null) {
            return null;
        }
        String version = pick(platform, Endpoint::apiVersion);
        LocalDate sunset = pick(platform, Endpoint::apiVersionSunset);
        if (version == null || version.isBlank() || version.equals(known.version())) {
            return new ApiVersion(known.version(), sunset != null ? sunset : known.sunset());
        }
        return new ApiVersion(version.strip(), sunset);
    }

    /** The versioned platforms, in a stable order. */
    public static List<String> versionedPlatforms() {
        return VERSIONS.keySet().stream().sorted().toList();
    }

    /** The OAuth token endpoint of the platform: configured, else the platform's own; null if it has none. */
    public String tokenUrl(String platform) {
        return pick(platform, Endpoint::tokenUrl);
    }

    private <T> T pick(String platform, java.util.function.Function<Endpoint, T> part) {
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
