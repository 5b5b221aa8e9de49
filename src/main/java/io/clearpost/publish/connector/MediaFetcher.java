package io.clearpost.publish.connector;

import io.clearpost.content.Variant;
import io.clearpost.support.CanonicalJson;
import org.springframework.stereotype.Component;

import java.util.HexFormat;

/**
 * Downloads a variant's media for the platforms that take uploads rather than URLs, and refuses
 * bytes whose SHA-256 is not the one the reviewers approved: approval binds to bytes, media included.
 */
@Component
public class MediaFetcher {

    private final PlatformHttp http;

    MediaFetcher(PlatformHttp http) {
        this.http = http;
    }

    public byte[] fetch(String platform, Variant.Media media) throws PublishFailure {
        byte[] bytes = http.call(platform, "the media download " + media.url(),
                () -> http.client().get().uri(media.url()).retrieve().body(byte[].class));
        if (bytes == null) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "media " + media.url() + " came back empty", null);
        }
        String actual = HexFormat.of().formatHex(CanonicalJson.sha256(bytes));
        if (media.sha256() != null && !media.sha256().equalsIgnoreCase(actual)) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "media " + media.url()
                    + " differs from the approved file (sha256 " + actual + ", approved " + media.sha256() + ")", null);
        }
        return bytes;
    }
}
