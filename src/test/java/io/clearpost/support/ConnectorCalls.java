package io.clearpost.support;

import io.clearpost.publish.connector.PlatformConnector;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the connector contract tests ask of a connector and build for its stand-in: a publish that must
 * fail in a given way, the approved hash of media bytes, a signature, a Graph API error answer.
 */
public final class ConnectorCalls {

    private ConnectorCalls() {
    }

    /** Publishes the request and asserts a {@link PublishFailure} of the kind whose message contains the text; returns it. */
    public static PublishFailure assertFailure(PlatformConnector connector, PostRequest request,
                                               PublishFailure.Kind kind, String message) {
        PublishFailure[] caught = new PublishFailure[1];
        assertThatThrownBy(() -> connector.publish(request)).isInstanceOfSatisfying(PublishFailure.class, f -> {
            assertThat(f.kind()).as("kind of the failure \"%s\"", f.getMessage()).isEqualTo(kind);
            assertThat(f.getMessage()).contains(message);
            caught[0] = f;
        });
        return caught[0];
    }

    /** The approved SHA-256 of media bytes, hex, as a variant's media carries it. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(CanonicalJson.sha256(bytes));
    }

    /** HMAC-SHA256 of the value under the key, hex (webhook signatures, Meta's appsecret_proof). */
    public static String hmacSha256Hex(String key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of a Graph API error (Facebook, Instagram, Threads): message, OAuthException type, code, subcode. */
    public static String graphError(String message, int code, Integer subcode) {
        return "{\"error\": {\"message\": \"" + message + "\", \"type\": \"OAuthException\", \"code\": " + code
                + (subcode == null ? "" : ", \"error_subcode\": " + subcode) + ", \"fbtrace_id\": \"FbTr4ce\"}}";
    }
}
