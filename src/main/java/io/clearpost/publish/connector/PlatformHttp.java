package io.clearpost.publish.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.support.ProductionSettings;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * HTTP to the platforms: a {@link RestClient} per platform (base URL and timeouts from
 * {@link ConnectorSettings}), and the one place that turns what a platform answered into a
 * {@link PublishFailure}: 429/503 → retry after the platform's {@code Retry-After}; other 5xx,
 * timeouts and resets → retry with backoff (the outcome is unknown, so the next attempt first asks
 * whether the post exists); 401 → the token expired; any other 4xx → refused, with the platform's message.
 *
 * <p>URLs that come from content or a brand rather than from our configuration or a platform's answer
 * (media files, webhook endpoints) are fetched with {@link #guarded()}: Apache HttpClient, whose DNS
 * resolver is the {@link DestinationGuard}, so it connects only to public addresses (or allowed ones),
 * checked at connect time for the first host and every redirect's, at most {@link #MAX_REDIRECTS}
 * redirects, each one's scheme checked too. A destination the guard refuses is a permanent failure
 * naming the reason.
 */
@Component
public class PlatformHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 500;
    /** Redirects a guarded request follows, each to a checked destination. */
    static final int MAX_REDIRECTS = 3;

    private final ConnectorSettings settings;
    private final JdkClientHttpRequestFactory requests;
    private final DestinationGuard guard;
    private final HttpComponentsClientHttpRequestFactory guardedRequests;

    PlatformHttp(ConnectorSettings settings, ProductionSettings production) {
        this.settings = settings;
        this.guard = new DestinationGuard(settings.allowedHosts(), production.production());
        // HTTP/1.1 (Apache's classic client speaks nothing else), no proxy, no cookies, the same timeouts
        ConnectionConfig timeouts = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                .setSocketTimeout(Timeout.of(settings.readTimeout()))
                .build();
        this.guardedRequests = new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(guard)
                        .setDefaultConnectionConfig(timeouts)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(true)
                        .setMaxRedirects(MAX_REDIRECTS)
                        .setCircularRedirectsAllowed(false)
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .addRequestInterceptorFirst(guard.schemeCheck())
                .disableCookieManagement()
                .disableAuthCaching()
                .build());
        // HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade (h2c) on a POST with a body can stall
        // servers that accept the upgrade; platforms are reached over TLS, where ALPN would pick h2 anyway
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requests = new JdkClientHttpRequestFactory(client);
        this.requests.setReadTimeout(settings.readTimeout());
    }

    public ConnectorSettings settings() {
        return settings;
    }

    /** A client for the platform's API, relative paths resolved against its base URL. */
    public RestClient client(String platform) {
        return RestClient.builder().requestFactory(requests).baseUrl(settings.baseUrl(platform)).build();
    }

    /** A client for absolute URLs a platform or our configuration gave (token endpoints, upload sessions). */
    public RestClient client() {
        return RestClient.builder().requestFactory(requests).build();
    }

    /**
     * A client for absolute URLs that content or a brand gave (media files, webhook endpoints): it
     * reaches only the destinations the {@link DestinationGuard} allows, checked at connect time and at
     * every redirect. Pass it a {@link java.net.URI}, not a template string.
     */
    public RestClient guarded() {
        return RestClient.builder().requestFactory(guardedRequests).build();
    }

    /** The destination rules of {@link #guarded()}. */
    public DestinationGuard guard() {
        return guard;
    }

    /** A platform call whose failure is typed for publication. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws PublishFailure;
    }

    public <T> T call(String platform, String what, Call<T> call) throws PublishFailure {
        try {
            return call.run();
        } catch (RestClientResponseException e) {
            throw classify(platform, what, e.getStatusCode(), e.getResponseHeaders(), e.getResponseBodyAsString());
        } catch (ResourceAccessException e) {
            DestinationGuard.Refused refused = refusal(e);
            if (refused != null) {
                throw new PublishFailure(PublishFailure.Kind.PERMANENT, "refused " + what + ": "
                        + refused.getMessage(), null);
            }
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, platform + " did not answer " + what
                    + " (timeout or connection reset); the outcome is unknown", null);
        } catch (RestClientException e) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, platform + " answered " + what
                    + " with something unreadable: " + shorten(e.getMessage()), null);
        }
    }

    /** The guard's refusal behind a failed request (the first host, or a redirect's), if that is what failed. */
    private static DestinationGuard.Refused refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DestinationGuard.Refused refused) {
                return refused;
            }
            if (cause instanceof org.apache.hc.client5.http.RedirectException redirect) {
                return new DestinationGuard.Refused("redirects are followed " + MAX_REDIRECTS
                        + " times at most, never in a circle (" + redirect.getMessage() + ")");
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** The failure a platform's error answer means. */
    public static PublishFailure classify(String platform, String what, HttpStatusCode status, HttpHeaders headers,
                                          String body) {
        int code = status.value();
        String message = platform + " answered " + code + " to " + what + platformMessage(body);
        if (code == 429 || code == 503) {
            return new PublishFailure(PublishFailure.Kind.RETRYABLE, message, retryAfter(headers));
        }
        if (status.is5xxServerError() || code == 408) {
            return new PublishFailure(PublishFailure.Kind.RETRYABLE, message, null);
        }
        if (code == 401) {
            return new PublishFailure(PublishFailure.Kind.AUTH_EXPIRED, message, null);
        }
        return new PublishFailure(PublishFailure.Kind.PERMANENT, message, null);
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(HttpHeaders headers) {
        String value = headers == null ? null : headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * The wait until a moment a platform named (a rate limit's reset), rounded up to the next second; zero
     * when it has passed. Counted from the engine clock, as the engine counts the retry's due date.
     */
    public static Duration until(java.time.Instant moment) {
        Duration until = Duration.between(io.clearpost.engine.EngineClock.now(), moment);
        return until.isNegative() ? Duration.ZERO : until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** The human-readable part of a platform's error body, whichever of the usual shapes it has. */
    static String platformMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String found = null;
        try {
            JsonNode json = JSON.readTree(body);
            for (String path : new String[] {"/error/message", "/error/error_user_msg", "/message", "/detail",
                    "/error_description", "/error", "/title", "/errors/0/message", "/errors/0/detail"}) {
                JsonNode node = json.at(path);
                if (node.isTextual() && !node.asText().isBlank()) {
                    found = node.asText();
                    break;
                }
            }
        } catch (Exception notJson) {
            found = body;
        }
        return found == null ? "" : ": " + shorten(found);
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
