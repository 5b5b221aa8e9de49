package io.clearpost.publish.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PublishFailure;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meta's Graph API as Instagram, Facebook Pages and Threads share it: the access token travels as
 * the documented {@code access_token} parameter (in the form body of a POST, in the query of a GET,
 * so it never sits in a POST's URL), and an error answer is typed by its Graph error code, not only by
 * its HTTP status (https://developers.facebook.com/docs/graph-api/guides/error-handling). Instagram, Facebook and
 * Threads all classify this way:
 *
 * <table>
 *   <caption>What an answer means</caption>
 *   <tr><th>answer</th><th>failure</th><th>next attempt</th></tr>
 *   <tr><td>Graph error 4, 17, 32, 341, 613, 80000–80014</td><td>RETRYABLE</td><td>after {@code Retry-After}, else
 *       the longest {@code estimated_time_to_regain_access} of {@code X-Business-Use-Case-Usage}, else on the retry
 *       cycle</td></tr>
 *   <tr><td>Graph error 1, 2, {@code is_transient}; 429, 503 (after {@code Retry-After}), other 5xx, timeout</td>
 *       <td>RETRYABLE</td><td>on the retry cycle, reconciling what was recorded first</td></tr>
 *   <tr><td>Graph error 190, 102; 401</td><td>AUTH_EXPIRED</td><td>Threads: refresh once while the token is valid;
 *       Instagram, Facebook: reconnect</td></tr>
 *   <tr><td>any other error, 4xx</td><td>PERMANENT</td><td>a person decides</td></tr>
 * </table>
 *
 * <ul>
 *   <li>{@code 190} (access token expired or invalidated) and {@code 102} (session) → the token
 *   expired, although Meta answers them with HTTP 400;</li>
 *   <li>{@code 4}, {@code 17}, {@code 32}, {@code 613} (platform rate limits), {@code 341} (application
 *   limit) and {@code 80000}–{@code 80014} (Business Use Case rate limits: {@code 80001} Pages, {@code 80002}
 *   Instagram, …; Pages calls with a Page token and Instagram calls are counted by business use case)
 *   → retry, after the {@code Retry-After} or else the longest {@code estimated_time_to_regain_access}
 *   (minutes) of the {@code X-Business-Use-Case-Usage} header when Meta sends one
 *   (https://developers.facebook.com/docs/graph-api/overview/rate-limiting);</li>
 *   <li>{@code 1}, {@code 2} and any error flagged {@code is_transient} → retry;</li>
 *   <li>anything else as {@link PlatformHttp#classify} types it (other 4xx refused, 5xx retried).</li>
 * </ul>
 *
 * <p>On graph.facebook.com (Instagram, Facebook) a call also carries {@code appsecret_proof}, the
 * HMAC-SHA256 of the token keyed with the app secret, when the account has the app's secret, as apps
 * that "require app secret" demand. https://developers.facebook.com/docs/graph-api/securing-requests
 */
@Component
public class MetaGraph {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> TOKEN_EXPIRED = Set.of(102, 190);
    /** Platform rate limits (4 app, 17 user, 32 Page, 613 custom), 341 application limit. */
    private static final Set<Integer> THROTTLED = Set.of(4, 17, 32, 341, 613);
    /** Business Use Case rate limits: 80000 (ads insights) to 80014 (catalog batch), 80001 Pages, 80002 Instagram. */
    private static final int BUC_FIRST = 80000;
    private static final int BUC_LAST = 80014;
    private static final Set<Integer> TEMPORARY = Set.of(1, 2);
    private static final Set<String> APP_SECRET_PROOF = Set.of("instagram", "facebook");

    private final PlatformHttp http;

    MetaGraph(PlatformHttp http) {
        this.http = http;
    }

    /** A fresh, ordered form for a POST's parameters. */
    public static MultiValueMap<String, String> form() {
        return new LinkedMultiValueMap<>();
    }

    /** {@code POST <base>/<path>} with the parameters (and the account's token) form-encoded. */
    public JsonNode post(String platform, PlatformAccount account, String path, MultiValueMap<String, String> params,
                         Object... pathVariables) throws PublishFailure {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>(params);
        credentials(platform, account).forEach(form::add);
        URI uri = uri(platform, path, Map.of(), pathVariables);
        return call(platform, "POST " + expand(path, pathVariables), () -> http.client().post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(JsonNode.class));
    }

    /** {@code GET <base>/<path>?<query>} with the account's token in the query. */
    public JsonNode get(String platform, PlatformAccount account, String path, Map<String, String> query,
                        Object... pathVariables) throws PublishFailure {
        Map<String, String> all = new LinkedHashMap<>(query);
        all.putAll(credentials(platform, account));
        URI uri = uri(platform, path, all, pathVariables);
        return call(platform, "GET " + expand(path, pathVariables), () -> http.client().get()
                .uri(uri)
                .retrieve()
                .body(JsonNode.class));
    }

    /** A call to a Meta endpoint (e.g. a token endpoint) whose failure is typed as a Graph error. */
    public <T> T call(String platform, String what, PlatformHttp.Call<T> call) throws PublishFailure {
        return http.call(platform, what, () -> {
            try {
                return call.run();
            } catch (RestClientResponseException e) {
                throw classify(platform, what, e.getStatusCode().value(), e.getResponseHeaders(),
                        e.getResponseBodyAsString());
            }
        });
    }

    /** The {@code id} of a Graph answer; an answer without one leaves the outcome unknown. */
    public static String id(String platform, String what, JsonNode answer) throws PublishFailure {
        JsonNode id = answer == null ? null : answer.path("id");
        if (id == null || !id.isValueNode() || id.asText().isBlank()) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, platform + " answered " + what
                    + " without an id; the outcome is unknown", null);
        }
        return id.asText();
    }

    /** The failure a Graph API error answer means (see the class comment). */
    public static PublishFailure classify(String platform, String what, int status, HttpHeaders headers, String body) {
        PublishFailure byStatus = PlatformHttp.classify(platform, what,
                org.springframework.http.HttpStatusCode.valueOf(status), headers, body);
        JsonNode error = parse(body).path("error");
        if (!error.path("code").canConvertToInt()) {
            return byStatus;
        }
        int code = error.path("code").asInt();
        int subcode = error.path("error_subcode").asInt(0);
        String message = byStatus.getMessage() + " (Graph error " + code + (subcode == 0 ? "" : "/" + subcode)
                + (error.path("fbtrace_id").isTextual() ? ", fbtrace_id " + error.path("fbtrace_id").asText() : "")
                + ")";
        if (TOKEN_EXPIRED.contains(code)) {
            return new PublishFailure(PublishFailure.Kind.AUTH_EXPIRED, message, null);
        }
        if (THROTTLED.contains(code) || (code >= BUC_FIRST && code <= BUC_LAST)) {
            Duration after = byStatus.retryAfter() != null ? byStatus.retryAfter() : regainAccess(headers);
            return new PublishFailure(PublishFailure.Kind.RETRYABLE, message, after);
        }
        if (TEMPORARY.contains(code) || error.path("is_transient").asBoolean(false)) {
            return new PublishFailure(PublishFailure.Kind.RETRYABLE, message, byStatus.retryAfter());
        }
        return new PublishFailure(byStatus.kind(), message, byStatus.retryAfter());
    }

    /** The longest {@code estimated_time_to_regain_access} (minutes) of {@code X-Business-Use-Case-Usage}. */
    static Duration regainAccess(HttpHeaders headers) {
        String usage = headers == null ? null : headers.getFirst("X-Business-Use-Case-Usage");
        long minutes = 0;
        for (Iterator<JsonNode> businesses = parse(usage).elements(); businesses.hasNext(); ) {
            for (JsonNode entry : businesses.next()) {
                minutes = Math.max(minutes, entry.path("estimated_time_to_regain_access").asLong(0));
            }
        }
        return minutes > 0 ? Duration.ofMinutes(minutes) : null;
    }

    private Map<String, String> credentials(String platform, PlatformAccount account) {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("access_token", account.accessToken());
        String appSecret = account.credentials().clientSecret();
        if (APP_SECRET_PROOF.contains(platform) && appSecret != null && !appSecret.isBlank()) {
            credentials.put("appsecret_proof", appSecretProof(account.accessToken(), appSecret));
        }
        return credentials;
    }

    /** Hex HMAC-SHA256 of the access token keyed with the app secret. */
    public static String appSecretProof(String accessToken, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM provides HmacSHA256", e);
        }
    }

    /** Template encoded first, values strictly after, so ids and tokens with reserved characters stay intact. */
    private URI uri(String platform, String path, Map<String, String> query, Object... pathVariables) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(http.settings().baseUrl(platform)).path(path);
        List<Object> values = new ArrayList<>(List.of(pathVariables));
        query.forEach((name, value) -> {
            builder.queryParam(name, "{" + name + "}");
            values.add(value);
        });
        return builder.encode().buildAndExpand(values.toArray()).toUri();
    }

    private static String expand(String path, Object... pathVariables) {
        String expanded = path;
        for (Object value : pathVariables) {
            expanded = expanded.replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(String.valueOf(value)));
        }
        return expanded;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (Exception notJson) {
            return JSON.missingNode();
        }
    }
}
