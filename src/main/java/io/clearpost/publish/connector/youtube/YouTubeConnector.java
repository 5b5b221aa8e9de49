package io.clearpost.publish.connector.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearpost.content.Variant;
import io.clearpost.engine.EngineClock;
import io.clearpost.content.Platform;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.AccountConnector;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YouTube Data API v3, {@code videos.insert} by the resumable upload protocol, with a bearer token (scope
 * {@code https://www.googleapis.com/auth/youtube.upload}): {@code POST /upload/youtube/v3/videos?uploadType=resumable
 * &part=snippet,status} with the video resource (title: the text's first line; description: the rest;
 * {@code privacyStatus}: the variant's {@code privacy}, chosen per post, {@code public|unlisted|private}; videos
 * uploaded by a project Google has not audited are locked private whatever is asked) and
 * {@code X-Upload-Content-Length}/{@code -Type} opens an upload session, named by the {@code Location}
 * answered; a {@code PUT} of the video's bytes (downloaded and checked against the approved SHA-256) to it
 * answers 200/201 with the video. A 401 refreshes the token by Google's standard refresh grant.
 * https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol,
 * https://developers.google.com/youtube/v3/docs/videos/insert,
 * https://developers.google.com/youtube/v3/docs/errors,
 * https://developers.google.com/youtube/v3/getting-started#quota (daily quotas reset at midnight Pacific time).
 *
 * <table>
 *   <caption>What an answer means</caption>
 *   <tr><th>answer</th><th>failure</th><th>next attempt</th></tr>
 *   <tr><td>403 {@code quotaExceeded}, 403 {@code dailyLimitExceeded}, 400 {@code uploadLimitExceeded}</td>
 *       <td>RETRYABLE</td><td>at the next midnight America/Los_Angeles (the daily quota's reset)</td></tr>
 *   <tr><td>403 {@code rateLimitExceeded} / {@code userRateLimitExceeded}, 429, 503</td><td>RETRYABLE</td>
 *       <td>after {@code Retry-After}, else on the retry cycle</td></tr>
 *   <tr><td>other 5xx, 408, timeout, reset</td><td>RETRYABLE</td><td>on the retry cycle, first asking the recorded
 *       upload session</td></tr>
 *   <tr><td>401</td><td>AUTH_EXPIRED</td><td>refresh once, else reconnect</td></tr>
 *   <tr><td>any other 4xx</td><td>PERMANENT</td><td>a person decides</td></tr>
 * </table>
 *
 * <p>No duplicates: the upload session URI is recorded ({@link ConnectorAttempts}) before any byte is
 * sent. A later attempt, and {@link #findPost}, first ask the session for its status ({@code PUT} with
 * {@code Content-Range: bytes *}{@code /<size>} and no body), as the protocol describes: 200/201 means the
 * upload completed and names the video; 308 means incomplete, and the upload resumes after the bytes the
 * {@code Range} header says arrived; 404/410 means the session expired without a video, and a new one
 * starts. A session that was opened but never got its bytes creates no video.
 */
@Component
public class YouTubeConnector extends AccountConnector {

    static final String UPLOAD_SESSION = "upload-session";
    static final String VIDEO_ID = "video-id";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_UTF8 = "application/json; charset=UTF-8";
    /** Daily limits: the project's quota (403) and the channel's uploads (400); both reset at midnight Pacific time. */
    private static final Set<String> DAILY_QUOTA_REASONS = Set.of("quotaExceeded", "dailyLimitExceeded",
            "uploadLimitExceeded");
    /** Short-term limits, gone in seconds or minutes. */
    private static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final Pattern RANGE = Pattern.compile("bytes=0-(\\d+)");
    /** The least upload speed we allow for, on top of the read timeout: 1 MB a second. */
    private static final long BYTES_PER_SECOND = 1_000_000;

    private final ConnectorAttempts attempts;
    private final MediaFetcher media;
    /**
     * Not following redirects: an upload session answers "incomplete" with 308 and no {@code Location},
     * which the JDK client, told to follow redirects, fails as an invalid redirection.
     */
    private final HttpClient sessions;

    YouTubeConnector(PlatformAccounts accounts, PlatformHttp http, ConnectorAttempts attempts, MediaFetcher media) {
        super("youtube", accounts, http);
        this.attempts = attempts;
        this.media = media;
        this.sessions = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(http.settings().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) throws PublishFailure {
        Optional<String> videoId = attempts.find(request.idempotencyKey(), VIDEO_ID);
        if (videoId.isPresent()) {
            return videoId.map(YouTubeConnector::receipt);
        }
        Optional<Session> session = recordedSession(request);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        return withAccount(request, account -> {
            Progress progress = query(account, session.get());
            return progress.video() == null ? Optional.<PostReceipt>empty()
                    : Optional.of(uploaded(request, progress.video()));
        });
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        Optional<String> videoId = attempts.find(request.idempotencyKey(), VIDEO_ID);
        if (videoId.isPresent()) {
            return receipt(videoId.get());
        }
        List<Variant.Media> items = request.variant().media() == null ? List.of() : request.variant().media();
        if (items.size() != 1) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT,
                    "youtube takes exactly one video; this post has " + items.size() + " media", null);
        }
        Variant.Media video = items.get(0);
        return withAccount(request, account -> {
            Session session = recordedSession(request).orElse(null);
            long offset = 0;
            if (session != null) {
                Progress progress = query(account, session);
                if (progress.video() != null) {
                    return uploaded(request, progress.video());
                }
                if (progress.expired()) {
                    session = null;
                } else {
                    offset = progress.received();
                }
            }
            byte[] bytes = media.fetch(platform, video);
            if (session == null || session.size() != bytes.length) {
                session = open(account, request, video.type(), bytes.length);
                offset = 0;
            }
            return uploaded(request, upload(account, session, video.type(), bytes, offset));
        });
    }

    /** Step 1: the video resource and the upload's size and type; the session URI comes back as {@code Location}. */
    private Session open(PlatformAccount account, PostRequest request, String type, long size) throws PublishFailure {
        String text = textWithLink(request);
        int newline = text.indexOf('\n');
        Map<String, Object> snippet = new LinkedHashMap<>();
        snippet.put("title", Platform.title(text));
        snippet.put("description", newline < 0 ? "" : text.substring(newline + 1).strip());
        Map<String, Object> status = new LinkedHashMap<>();
        // chosen per post and approved with the revision; revisions made before the choice existed went public
        status.put("privacyStatus", request.variant().privacy() == null ? "public" : request.variant().privacy());
        status.put("selfDeclaredMadeForKids", false);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("snippet", snippet);
        resource.put("status", status);
        String what = "POST /upload/youtube/v3/videos (resumable session)";
        ResponseEntity<Void> opened = call(what, () -> http.client(platform).post()
                .uri("/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                .header(HttpHeaders.CONTENT_TYPE, JSON_UTF8)
                .header("X-Upload-Content-Length", Long.toString(size))
                .header("X-Upload-Content-Type", type)
                .body(resource)
                .retrieve()
                .toBodilessEntity());
        URI location = opened.getHeaders().getLocation();
        if (location == null) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE,
                    "youtube answered " + what + " without an upload session (no Location)", null);
        }
        Session session = new Session(location.toString(), size);
        attempts.record(request.idempotencyKey(), UPLOAD_SESSION, session.encoded());
        return session;
    }

    /** Step 2 (or 4, resuming): the bytes from {@code offset} on; 200/201 answers the video resource. */
    private JsonNode upload(PlatformAccount account, Session session, String type, byte[] bytes, long offset)
            throws PublishFailure {
        byte[] rest = offset == 0 ? bytes : Arrays.copyOfRange(bytes, (int) offset, bytes.length);
        Duration timeout = http.settings().readTimeout().plusSeconds(rest.length / BYTES_PER_SECOND);
        String what = "PUT of the video to the upload session";
        ResponseEntity<JsonNode> answer = call(what, () -> {
            RestClient.RequestBodySpec put = sessionClient(timeout).put()
                    .uri(URI.create(session.uri()))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                    .header(HttpHeaders.CONTENT_TYPE, type);
            if (offset > 0) {
                put.header(HttpHeaders.CONTENT_RANGE, "bytes " + offset + "-" + (bytes.length - 1) + "/" + bytes.length);
            }
            return put.body(rest).retrieve().toEntity(JsonNode.class);
        });
        if (answer.getStatusCode().value() == 308) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "youtube has only part of the video ("
                    + answer.getHeaders().getFirst(HttpHeaders.RANGE) + " of " + bytes.length
                    + " bytes); the upload resumes next attempt", null);
        }
        return answer.getBody();
    }

    /** Step 3: the session's status, by an empty {@code PUT} with {@code Content-Range: bytes *}{@code /<size>}. */
    private Progress query(PlatformAccount account, Session session) throws PublishFailure {
        String what = "the upload status query";
        ResponseEntity<JsonNode> answer = http.call(platform, what, () -> {
            try {
                return sessionClient(http.settings().readTimeout()).put()
                        .uri(URI.create(session.uri()))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                        .header(HttpHeaders.CONTENT_RANGE, "bytes */" + session.size())
                        .retrieve()
                        .toEntity(JsonNode.class);
            } catch (RestClientResponseException e) {
                if (e.getStatusCode().value() == 404 || e.getStatusCode().value() == 410) {
                    return null;
                }
                throw failure(what, e);
            }
        });
        if (answer == null) {
            return new Progress(null, 0, true);
        }
        if (answer.getStatusCode().value() == 308) {
            String range = answer.getHeaders().getFirst(HttpHeaders.RANGE);
            Matcher m = range == null ? null : RANGE.matcher(range.trim());
            return new Progress(null, m != null && m.matches() ? Long.parseLong(m.group(1)) + 1 : 0, false);
        }
        return new Progress(answer.getBody(), session.size(), false);
    }

    private PostReceipt uploaded(PostRequest request, JsonNode video) throws PublishFailure {
        if (video == null || !video.path("id").isTextual()) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE,
                    "youtube completed the upload without naming the video; the outcome is unknown", null);
        }
        attempts.record(request.idempotencyKey(), VIDEO_ID, video.path("id").asText());
        return receipt(video.path("id").asText());
    }

    private static PostReceipt receipt(String videoId) {
        return new PostReceipt(videoId, "https://www.youtube.com/watch?v=" + videoId);
    }

    private Optional<Session> recordedSession(PostRequest request) {
        return attempts.find(request.idempotencyKey(), UPLOAD_SESSION).map(Session::decoded);
    }

    private RestClient sessionClient(Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(sessions);
        requests.setReadTimeout(timeout);
        return RestClient.builder().requestFactory(requests).build();
    }

    /** A YouTube request whose error answers are typed, quota answers included. */
    private <T> T call(String what, java.util.function.Supplier<T> request) throws PublishFailure {
        return http.call(platform, what, () -> {
            try {
                return request.get();
            } catch (RestClientResponseException e) {
                throw failure(what, e);
            }
        });
    }

    /**
     * As {@link PlatformHttp#classify}, except for the quota reasons of Google's error body, whatever their
     * status (see the class comment's table): a daily quota is retried when it resets, at the next midnight
     * Pacific time; a short-term rate limit after Google's {@code Retry-After}, or on the retry cycle.
     */
    private PublishFailure failure(String what, RestClientResponseException e) {
        PublishFailure byStatus = PlatformHttp.classify(platform, what, e.getStatusCode(), e.getResponseHeaders(),
                e.getResponseBodyAsString());
        int status = e.getStatusCode().value();
        if (status != 400 && status != 403 && status != 429) {
            return byStatus;
        }
        String reason;
        try {
            reason = JSON.readTree(e.getResponseBodyAsString()).at("/error/errors/0/reason").asText("");
        } catch (Exception notJson) {
            return byStatus;
        }
        String message = byStatus.getMessage() + " (" + reason + ")";
        if (DAILY_QUOTA_REASONS.contains(reason)) {
            Instant reset = nextQuotaReset(EngineClock.now());
            return new PublishFailure(PublishFailure.Kind.RETRYABLE, message + "; the daily quota resets at " + reset,
                    PlatformHttp.until(reset));
        }
        if (RATE_LIMIT_REASONS.contains(reason)) {
            return new PublishFailure(PublishFailure.Kind.RETRYABLE, message, PlatformHttp.retryAfter(e.getResponseHeaders()));
        }
        return byStatus;
    }

    /** The next midnight in America/Los_Angeles after {@code now}: when YouTube's daily quotas reset. */
    static Instant nextQuotaReset(Instant now) {
        return now.atZone(PACIFIC).toLocalDate().plusDays(1).atStartOfDay(PACIFIC).toInstant();
    }

    /** An upload session: its URI and the size of the upload it expects. */
    record Session(String uri, long size) {

        String encoded() {
            return size + " " + uri;
        }

        static Session decoded(String value) {
            int space = value.indexOf(' ');
            return new Session(value.substring(space + 1), Long.parseLong(value.substring(0, space)));
        }
    }

    /** What a session has: the video once complete, else how many bytes arrived, or that it expired. */
    private record Progress(JsonNode video, long received, boolean expired) {
    }
}
