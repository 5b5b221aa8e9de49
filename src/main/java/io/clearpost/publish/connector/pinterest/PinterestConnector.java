package io.clearpost.publish.connector.pinterest;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.content.Variant;
import io.clearpost.content.Platform;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.AccountConnector;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.ProcessingWait;
import io.clearpost.publish.connector.RecordedPosts;
import io.clearpost.publish.connector.PublishFailure;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pinterest: {@code POST /v5/pins} on the account's board ({@code accountId} is the board id) with a
 * bearer token (scopes {@code boards:read}, {@code pins:read}, {@code pins:write}). The title is the
 * text's first line, the description the rest, the variant's link the Pin's {@code link}.
 * An image is given as {@code media_source.source_type=image_url}; Pinterest fetches it itself, so
 * the URL is first fetched here and refused unless it still serves the approved bytes (remaining
 * window: the file's server could swap it between our check and Pinterest's download). A video goes
 * through the media upload: {@code POST /v5/media} registers it, the approved bytes are posted with the
 * returned {@code upload_parameters} to {@code upload_url}, {@code GET /v5/media/{id}} is polled until
 * {@code succeeded}, and the Pin is made from {@code source_type=video_id} with the first frame as cover
 * ({@code cover_image_key_frame_time}). Tokens are refreshed at {@code POST /v5/oauth/token} with HTTP
 * Basic client authentication and {@code grant_type=refresh_token}.
 * <ul>
 *   <li>https://developers.pinterest.com/docs/api/v5/pins-create</li>
 *   <li>https://developers.pinterest.com/docs/content/update/ (video Pins: media upload and status)</li>
 *   <li>https://developers.pinterest.com/docs/api/v5/media-create and …/media-get</li>
 *   <li>https://developers.pinterest.com/docs/api/v5/boards-list_pins</li>
 *   <li>https://developers.pinterest.com/docs/getting-started/set-up-authentication-and-authorization/ (refresh)</li>
 * </ul>
 *
 * <table>
 *   <caption>What an answer means ({@link PlatformHttp#classify})</caption>
 *   <tr><th>answer</th><th>failure</th><th>next attempt</th></tr>
 *   <tr><td>429, 503</td><td>RETRYABLE</td><td>after {@code Retry-After}, else on the retry cycle</td></tr>
 *   <tr><td>other 5xx, 408, timeout, reset</td><td>RETRYABLE</td><td>on the retry cycle, looking the post up
 *       first</td></tr>
 *   <tr><td>401</td><td>AUTH_EXPIRED</td><td>refresh once (a refresh token and the client's credentials), else
 *       reconnect</td></tr>
 *   <tr><td>any other 4xx</td><td>PERMANENT</td><td>a person decides</td></tr>
 *   <tr><td>video still processing</td><td>PROCESSING</td><td>in a minute, using up no retry</td></tr>
 * </table>
 *
 * <p>No duplicates: Pinterest has no idempotency header. Before creating the Pin the attempt (its time)
 * is recorded under the idempotency key with {@link RecordedPosts}; a definite answer marks it
 * answered and a created Pin records its id. After an unknown outcome (timeout, 5xx), {@link #findPost}
 * lists the board's Pins ({@code GET /v5/boards/{board_id}/pins}) and takes one created since the
 * attempt with our title, description and link; only when none is there is the Pin made again. An
 * uploaded video's media id is recorded too, so an attempt that ends while Pinterest is still
 * processing the video ({@code PROCESSING}: no retry used up) resumes with it instead of uploading the
 * video again.
 */
@Component
public class PinterestConnector extends AccountConnector {

    private static final String VIDEO = "pinterest.video-media";
    /** Three checks 2 s apart within an attempt; after that the next attempt comes back in a minute. */
    private static final ProcessingWait PROCESSING = new ProcessingWait("pinterest", 3, Duration.ofSeconds(2),
            Duration.ofSeconds(60));

    private final MediaFetcher media;
    private final ConnectorAttempts attempts;
    private final RecordedPosts pins;

    PinterestConnector(PlatformAccounts accounts, PlatformHttp http, MediaFetcher media, ConnectorAttempts attempts) {
        super("pinterest", accounts, http);
        this.media = media;
        this.attempts = attempts;
        this.pins = new RecordedPosts(attempts, "pinterest.pin-attempt", "pinterest.pin");
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) throws PublishFailure {
        return pins.find(request.idempotencyKey(), PinterestConnector::receipt, since -> withAccount(request,
                account -> lookUp(account, request, since)).map(PinterestConnector::receipt));
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> {
            Map<String, Object> pin = new LinkedHashMap<>();
            pin.put("board_id", account.accountId());
            String title = title(request);
            if (!title.isEmpty()) {
                pin.put("title", title);
            }
            String description = description(request);
            if (!description.isEmpty()) {
                pin.put("description", description);
            }
            if (request.variant().link() != null && !request.variant().link().isBlank()) {
                pin.put("link", request.variant().link());
            }
            pin.put("media_source", mediaSource(account, request));

            return receipt(pins.send(request.idempotencyKey(), () -> {
                JsonNode created = http.call(platform, "POST /v5/pins", () -> http.client(platform).post()
                        .uri("/v5/pins")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(pin)
                        .retrieve()
                        .body(JsonNode.class));
                if (created == null || !created.path("id").isTextual()) {
                    throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "pinterest answered without the Pin's id",
                            null);
                }
                return created.path("id").asText();
            }));
        });
    }

    /** Pinterest's refresh: the refresh grant, the app id and secret as HTTP Basic credentials. */
    @Override
    protected PlatformAccount refresh(PlatformAccount account) throws PublishFailure {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", account.credentials().refreshToken());
        JsonNode token = http.call(platform, "the token refresh", () -> http.client().post()
                .uri(http.settings().tokenUrl(platform))
                .headers(h -> h.setBasicAuth(account.clientId(), account.credentials().clientSecret(),
                        StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(JsonNode.class));
        return renewed(account, token);
    }

    @Override
    protected boolean canRefresh(PlatformAccount account) {
        return super.canRefresh(account) && account.clientId() != null && account.credentials().clientSecret() != null;
    }

    private Map<String, Object> mediaSource(PlatformAccount account, PostRequest request) throws PublishFailure {
        List<Variant.Media> items = request.variant().media() == null ? List.of() : request.variant().media();
        if (items.size() != 1) {
            throw new PublishFailure(PublishFailure.Kind.PERMANENT, "a Pin needs exactly one image or video, this"
                    + " variant has " + items.size(), null);
        }
        Variant.Media item = items.get(0);
        if (item.type() != null && item.type().startsWith("video/")) {
            String mediaId = video(account, request, item);
            return Map.of("source_type", "video_id", "media_id", mediaId, "cover_image_key_frame_time", 0);
        }
        media.verify(platform, item); // Pinterest fetches the URL: it must still serve the approved bytes
        return Map.of("source_type", "image_url", "url", item.url());
    }

    /** The processed video's media id: uploaded by this attempt, or by an earlier one and reused. */
    private String video(PlatformAccount account, PostRequest request, Variant.Media item) throws PublishFailure {
        Optional<String> recorded = attempts.find(request.idempotencyKey(), VIDEO);
        String mediaId = recorded.isPresent() ? recorded.get() : upload(account, request, item);
        PROCESSING.await(() -> http.call(platform, "GET /v5/media/" + mediaId, () -> http.client(platform).get()
                        .uri("/v5/media/{id}", mediaId)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                        .retrieve()
                        .body(JsonNode.class)),
                status -> {
                    if (state(status).equals("failed")) {
                        attempts.forget(request.idempotencyKey(), VIDEO); // a new attempt uploads afresh
                        throw new PublishFailure(PublishFailure.Kind.PERMANENT, "pinterest could not process the video "
                                + item.url() + " (media " + mediaId + ")", null);
                    }
                    return state(status).equals("succeeded");
                },
                status -> "the video (media " + mediaId + ", " + state(status) + ")");
        return mediaId;
    }

    private static String state(JsonNode status) {
        return status == null ? "" : status.path("status").asText("");
    }

    /** {@code POST /v5/media}, then the approved bytes with the upload parameters to the upload URL. */
    private String upload(PlatformAccount account, PostRequest request, Variant.Media item) throws PublishFailure {
        byte[] bytes = media.fetch(platform, item);
        JsonNode registered = http.call(platform, "POST /v5/media", () -> http.client(platform).post()
                .uri("/v5/media")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("media_type", "video"))
                .retrieve()
                .body(JsonNode.class));
        if (registered == null || !registered.path("media_id").isTextual() || !registered.path("upload_url").isTextual()) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE,
                    "pinterest registered the video upload without a media_id and upload_url", null);
        }
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        registered.path("upload_parameters").properties().forEach(p -> form.add(p.getKey(), p.getValue().asText()));
        form.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return "video";
            }
        });
        http.call(platform, "the video upload", () -> http.client().post()
                .uri(URI.create(registered.path("upload_url").asText()))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form)
                .retrieve()
                .toBodilessEntity());
        String mediaId = registered.path("media_id").asText();
        attempts.record(request.idempotencyKey(), VIDEO, mediaId);
        return mediaId;
    }

    /** The id of a Pin on the board, created since the given time, with this title, description and link. */
    private Optional<String> lookUp(PlatformAccount account, PostRequest request, Instant since)
            throws PublishFailure {
        JsonNode page = http.call(platform, "GET /v5/boards/" + account.accountId() + "/pins",
                () -> http.client(platform).get()
                        .uri("/v5/boards/{board}/pins?page_size={size}", account.accountId(), 25)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                        .retrieve()
                        .body(JsonNode.class));
        String link = request.variant().link() == null ? "" : request.variant().link();
        for (JsonNode pin : page == null ? List.<JsonNode>of() : page.path("items")) {
            boolean recent = createdAt(pin).map(at -> !at.isBefore(since)).orElse(true);
            if (recent && pin.path("id").isTextual()
                    && same(pin.path("title").asText(""), title(request))
                    && same(pin.path("description").asText(""), description(request))
                    && same(pin.path("link").asText(""), link)) {
                return Optional.of(pin.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private static String title(PostRequest request) {
        return Platform.title(request.variant().text() == null ? "" : request.variant().text());
    }

    private static String description(PostRequest request) {
        String text = request.variant().text() == null ? "" : request.variant().text();
        int newline = text.indexOf('\n');
        return newline < 0 ? "" : text.substring(newline + 1).strip();
    }

    private static boolean same(String theirs, String ours) {
        return theirs.replaceAll("\\s+", " ").strip().equals(ours.replaceAll("\\s+", " ").strip());
    }

    private static Optional<Instant> createdAt(JsonNode pin) {
        try {
            return Optional.of(OffsetDateTime.parse(pin.path("created_at").asText("")).toInstant());
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }


    private static PostReceipt receipt(String id) {
        return new PostReceipt(id, "https://www.pinterest.com/pin/" + id + "/");
    }

}
