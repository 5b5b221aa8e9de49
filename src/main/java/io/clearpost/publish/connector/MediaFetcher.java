package io.clearpost.publish.connector;

import io.clearpost.content.Variant;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientResponseException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Approval binds to bytes, media included: before a connector makes any platform call for a post, it
 * downloads each medium and refuses the post, PERMANENT, naming the file, unless its SHA-256 is the
 * approved one. {@link #fetch} keeps the verified bytes for the platforms that take uploads; {@link #verify}
 * only hashes them as they stream in, for the platforms that fetch the URL themselves (the CDN could
 * still swap the file between our check and the platform's download; each such connector says so).
 *
 * <p>Downloads go through {@link PlatformHttp#guarded()}: only public addresses, checked at connect
 * time and at every redirect. A file larger than {@code clearpost.connectors.media.max-size} is
 * refused; one whose download takes longer than {@code clearpost.connectors.media.timeout} (checked as
 * it streams in, on top of the read timeout of a single read) is retried.
 */
@Component
public class MediaFetcher {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_ERROR_BODY = 2_000;

    private final PlatformHttp http;

    MediaFetcher(PlatformHttp http) {
        this.http = http;
    }

    /** The medium's bytes, verified against the approved SHA-256. */
    public byte[] fetch(String platform, Variant.Media media) throws PublishFailure {
        return download(platform, media, true);
    }

    /** Every medium's bytes, all verified before any is returned (so none is uploaded before all are checked). */
    public List<byte[]> fetchAll(String platform, List<Variant.Media> media) throws PublishFailure {
        List<byte[]> all = new ArrayList<>();
        for (Variant.Media medium : media == null ? List.<Variant.Media>of() : media) {
            all.add(fetch(platform, medium));
        }
        return all;
    }

    /** Downloads the medium and checks its SHA-256 without keeping the bytes, for a platform that fetches the URL itself. */
    public void verify(String platform, Variant.Media media) throws PublishFailure {
        download(platform, media, false);
    }

    /** {@link #verify} for each medium of a post (none: nothing to do). */
    public void verifyAll(String platform, List<Variant.Media> media) throws PublishFailure {
        for (Variant.Media medium : media == null ? List.<Variant.Media>of() : media) {
            verify(platform, medium);
        }
    }

    /** What a download gave: the bytes (when kept), their size and hash, or why it stopped. */
    private record Download(byte[] bytes, long size, String sha256, String stopped) {
    }

    private byte[] download(String platform, Variant.Media media, boolean keep) throws PublishFailure {
        String url = media.url();
        if (media.sha256() == null || media.sha256().isBlank()) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "media " + url
                    + " has no approved sha256; nothing is published without one", null);
        }
        URI uri;
        try {
            uri = URI.create(url);
            http.guard().checkScheme(uri);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "media " + url + " is not a valid URL", null);
        } catch (DestinationGuard.Refused refused) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "refused the media download " + url + ": "
                    + refused.getMessage(), null);
        }
        long maxSize = http.settings().media().maxSize().toBytes();
        long deadline = System.nanoTime() + http.settings().media().timeout().toNanos();
        Download download = http.call(platform, "the media download " + url, () -> http.guarded().get()
                .uri(uri)
                .exchange((request, response) -> {
                    if (response.getStatusCode().isError()) {
                        throw error(response.getStatusCode(), response.getStatusText(), response.getHeaders(),
                                response.getBody());
                    }
                    long declared = response.getHeaders().getContentLength();
                    if (declared > maxSize) {
                        abort(response.getBody());
                        return new Download(null, declared, null, "size");
                    }
                    return read(response.getBody(), keep, maxSize, deadline);
                }));
        if (download == null || "size".equals(download.stopped())) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "media " + url + " is larger than the "
                    + http.settings().media().maxSize().toMegabytes() + " MB that clearpost.connectors.media.max-size"
                    + " allows" + (download == null ? "" : " (" + download.size() + " bytes or more)"), null);
        }
        if ("time".equals(download.stopped())) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "media " + url + " took longer than the "
                    + http.settings().media().timeout() + " that clearpost.connectors.media.timeout allows to download",
                    null);
        }
        if (download.size() == 0) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "media " + url + " came back empty", null);
        }
        if (!media.sha256().equalsIgnoreCase(download.sha256())) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "media " + url
                    + " differs from the approved file (sha256 " + download.sha256() + ", approved " + media.sha256()
                    + "); nothing was sent to " + platform, null);
        }
        return download.bytes();
    }

    private static Download read(InputStream body, boolean keep, long maxSize, long deadline) throws IOException {
        MessageDigest digest = sha256();
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        try (InputStream in = body) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                size += n;
                if (size > maxSize) {
                    abort(in);
                    return new Download(null, size, null, "size");
                }
                if (System.nanoTime() > deadline) {
                    abort(in);
                    return new Download(null, size, null, "time");
                }
                digest.update(buffer, 0, n);
                if (kept != null) {
                    kept.write(buffer, 0, n);
                }
            }
        }
        return new Download(kept == null ? null : kept.toByteArray(), size, HexFormat.of().formatHex(digest.digest()),
                null);
    }

    /**
     * Drops the connection instead of reading the rest of the body: closing a response body reads it to
     * its end (to reuse the connection), which for a file too large or too slow is what must not happen.
     */
    private static void abort(InputStream body) throws IOException {
        if (body instanceof EofSensorInputStream response) {
            response.abort();
        }
    }

    /** An error answer of the media's server, typed by {@link PlatformHttp#call} like any other. */
    private static RestClientResponseException error(HttpStatusCode status, String statusText,
                                                     org.springframework.http.HttpHeaders headers, InputStream body)
            throws IOException {
        byte[] start;
        try (InputStream in = body) {
            start = in.readNBytes(MAX_ERROR_BODY);
        }
        return new RestClientResponseException(status.value() + " " + statusText, status, statusText, headers, start,
                StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
