package io.clearpost.publish.connector.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.AccountConnector;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 */
@Component
public class WebhookConnector extends AccountConnector {

    public static final String SIGNATURE = "X-Clearpost-Signature";
    public static final String TIMESTAMP = "X-Clearpost-Timestamp";

    private final ObjectMapper json;
    private final Clock clock;

    WebhookConnector(PlatformAccounts accounts, PlatformHttp http, ObjectMapper json) {
        super("webhook", accounts, http);
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) {
        return Optional.empty(); // the Idempotency-Key makes delivering again safe
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> {
            String body = body(request);
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            JsonNode answer = http.call(platform, "the webhook POST", () -> http.client().post()
                    .uri(account.endpoint())
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(TIMESTAMP, timestamp)
                    .header(SIGNATURE, "v1=" + sign(secret(account), timestamp, body))
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
