package io.clearpost.publish.connector.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.AccountConnector;
import io.clearpost.publish.connector.DestinationGuard;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signed webhooks, for any channel without a connector of its own: a JSON POST to the brand's
 * endpoint. {@code X-Clearpost-Timestamp} is the Unix time of sending; {@code X-Clearpost-Signature}
 * is {@code v1=} and the hex HMAC-SHA256, keyed with the brand's webhook secret, of
 * {@code <timestamp>.<body>}. A receiver recomputes it over the raw body to reject forgeries, and
 * refuses old timestamps (we suggest five minutes) to reject replays.
 *
 * <p>No duplicates: every delivery of one post carries the same {@code Idempotency-Key} (also the
 * body's {@code id}); a receiver keeps the keys it has handled and answers a repeat with the first
 * answer. A 2xx answer may name the post ({@code {"id": ..., "url": ...}}); otherwise the key is its id.
 *
 * <p>Where it posts: the endpoint is a brand's URL, so it is reached through
 * {@link PlatformHttp#guarded()}: {@code https} (http outside production only), public addresses only,
 * checked at connect time and at every redirect. A refused endpoint fails the post PERMANENT, naming
 * its origin (scheme, host and port; not its path or query, which often carry the receiver's secret)
 * and the reason.
 *
 * <p>Approved bytes: the body names each medium by URL and approved {@code sha256}; the receiver
 * downloads it. Before the POST each medium is downloaded here and its SHA-256 compared with the
 * approved one; a different file fails the post PERMANENT, naming the URL, and nothing is posted.
 * Remaining window: the file's server could swap it between our check and the receiver's download,
 * which is why the body carries the {@code sha256} for the receiver to check too.
 */
@Component
public class WebhookConnector extends AccountConnector {

    public static final String SIGNATURE = "X-Clearpost-Signature";
    public static final String TIMESTAMP = "X-Clearpost-Timestamp";

    private final ObjectMapper json;
    private final MediaFetcher media;
    private final Clock clock;

    WebhookConnector(PlatformAccounts accounts, PlatformHttp http, ObjectMapper json, MediaFetcher media) {
        super("webhook", accounts, http);
        this.json = json;
        this.media = media;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) {
        return Optional.empty(); // the Idempotency-Key makes delivering again safe
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> {
            String secret = secret(account);
            URI endpoint = endpoint(account);
            media.verifyAll(platform, request.variant().media()); // the receiver fetches the URLs: approved bytes only
            String body = body(request);
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            JsonNode answer = http.call(platform, "the webhook POST to " + origin(endpoint), () -> http.guarded().post()
                    .uri(endpoint)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(TIMESTAMP, timestamp)
                    .header(SIGNATURE, "v1=" + sign(secret, timestamp, body))
                    .header("Idempotency-Key", request.idempotencyKey())
                    .body(body)
                    .retrieve()
                    .body(JsonNode.class));
            String id = answer != null && answer.path("id").isValueNode() ? answer.path("id").asText()
                    : request.idempotencyKey();
            String url = answer != null && answer.path("url").isTextual() ? answer.path("url").asText() : null;
            return new PostReceipt(id, url);
        });
    }

    /** The signature a receiver expects: hex HMAC-SHA256 over {@code <timestamp>.<body>}. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM provides HmacSHA256", e);
        }
    }

    /** The brand's endpoint, refused up front when it is no URL or its scheme is not allowed here. */
    private URI endpoint(PlatformAccount account) throws PublishFailure {
        URI endpoint;
        try {
            endpoint = URI.create(account.endpoint());
        } catch (IllegalArgumentException e) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "the webhook endpoint of " + account.brand()
                    + " is not a valid URL", null);
        }
        try {
            http.guard().checkScheme(endpoint);
        } catch (DestinationGuard.Refused refused) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "refused the webhook POST to " + origin(endpoint)
                    + ": " + refused.getMessage(), null);
        }
        return endpoint;
    }

    /** Scheme, host and port: the endpoint as a message may name it (a path or query may hold a secret). */
    private static String origin(URI endpoint) {
        if (endpoint.getHost() == null) {
            return endpoint.getScheme() + ":";
        }
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }

    private static String secret(PlatformAccount account) throws PublishFailure {
        String secret = account.credentials().webhookSecret();
        if (secret == null || account.endpoint() == null) {
            throw new PublishFailure(PublishFailure.Kind.AUTH_EXPIRED,
                    "the webhook of " + account.brand() + " has no endpoint or secret; reconnect it", null);
        }
        return secret;
    }

    private String body(PostRequest request) throws PublishFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", request.idempotencyKey());
        body.put("brand", request.brand());
        body.put("text", request.variant().text());
        body.put("media", request.variant().media());
        body.put("link", request.variant().link());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "the post cannot be written as JSON", null);
        }
    }
}
