package io.clearpost.publish.connector.linkedin;

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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LinkedIn: the Posts API, {@code POST /rest/posts} as the account's author URN (a member
 * {@code urn:li:person:…} with {@code w_member_social}, or an organization {@code urn:li:organization:…}
 * with {@code w_organization_social}), with the {@code LinkedIn-Version} (configured:
 * {@code clearpost.connectors.linkedin.api-version}) and
 * {@code X-Restli-Protocol-Version: 2.0.0} headers every versioned API requires. LinkedIn answers 201
 * with an empty body and the post's URN in {@code x-restli-id}. A link becomes an article
 * ({@code content.article}); images are uploaded first through the Images API
 * ({@code POST /rest/images?action=initializeUpload}, then a PUT of the bytes to the {@code uploadUrl})
 * and attached as {@code content.media} (one) or {@code content.multiImage} (two to nine). A video goes
 * through the Videos API ({@code POST /rest/videos?action=initializeUpload}, a PUT of each part to its
 * {@code uploadUrl}, {@code action=finalizeUpload} with the parts' ETags, then {@code GET /rest/videos/{urn}}
 * until {@code AVAILABLE}) and is attached as {@code content.media}; its URN is recorded, so an attempt
 * that ends while LinkedIn still processes the video ({@code PROCESSING}: no retry used up) is resumed by
 * the next one without uploading again.
 * The commentary is "little" text, whose reserved characters are escaped so they stay plain text.
 * <ul>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/multiimage-post-api</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/versioning (version header)</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens (refresh)</li>
 * </ul>
 *
 * <table>
 *   <caption>What an answer means ({@link PlatformHttp#classify})</caption>
 *   <tr><th>answer</th><th>failure</th><th>next attempt</th></tr>
 *   <tr><td>429, 503</td><td>RETRYABLE</td><td>after {@code Retry-After}, else on the retry cycle (LinkedIn sends none: in practice the retry cycle)</td></tr>
 *   <tr><td>other 5xx, 408, timeout, reset</td><td>RETRYABLE</td><td>on the retry cycle, looking the post up
 *       first</td></tr>
 *   <tr><td>401</td><td>AUTH_EXPIRED</td><td>refresh once (a refresh token and the client's credentials), else
 *       reconnect</td></tr>
 *   <tr><td>any other 4xx</td><td>PERMANENT</td><td>a person decides; a sunset {@code LinkedIn-Version} answers 426, refused until the version is configured anew</td></tr>
 *   <tr><td>video still processing</td><td>PROCESSING</td><td>in a minute, using up no retry</td></tr>
 * </table>
 *
 * <p>No duplicates: LinkedIn has no idempotency header. Before sending the post we record the attempt
 * (its time) under the idempotency key with {@link RecordedPosts}; a definite answer (refusal, rate
 * limit, expired token) marks it answered, a created post records its URN. When an attempt's outcome
 * is unknown (timeout, 5xx), {@link #findPost} asks LinkedIn for the author's recent posts
 * ({@code GET /rest/posts?author=…&q=author&sortBy=CREATED}) and takes one created since the attempt
 * whose commentary is ours; only when none is there is the post sent again. Reading posts needs
 * {@code r_organization_social} (organizations) or the restricted {@code r_member_social} (members);
 * when LinkedIn refuses the lookup, publication stops with a PERMANENT failure asking a person to
 * check the feed rather than risk a second post.
 */
@Component
public class LinkedInConnector extends AccountConnector {

    private static final String VIDEO = "linkedin.video";
    /** Three checks 2 s apart within an attempt; after that the next attempt comes back in a minute. */
    private static final ProcessingWait PROCESSING = new ProcessingWait("linkedin", 3, Duration.ofSeconds(2),
            Duration.ofSeconds(60));

    private final MediaFetcher media;
    private final ConnectorAttempts attempts;
    private final RecordedPosts posts;

    LinkedInConnector(PlatformAccounts accounts, PlatformHttp http, MediaFetcher media, ConnectorAttempts attempts) {
        super("linkedin", accounts, http);
        this.media = media;
        this.attempts = attempts;
        this.posts = new RecordedPosts(attempts, "linkedin.post-attempt", "linkedin.post");
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) throws PublishFailure {
        return posts.find(request.idempotencyKey(), LinkedInConnector::receipt, since -> withAccount(request,
                account -> lookUp(account, commentary(request), since)).map(LinkedInConnector::receipt));
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> {
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("author", account.accountId());
            post.put("commentary", commentary(request));
            post.put("visibility", "PUBLIC");
            post.put("distribution", Map.of("feedDistribution", "MAIN_FEED", "targetEntities", List.of(),
                    "thirdPartyDistributionChannels", List.of()));
            Map<String, Object> content = content(account, request);
            if (content != null) {
                post.put("content", content);
            }
            post.put("lifecycleState", "PUBLISHED");
            post.put("isReshareDisabledByAuthor", false);

            return receipt(posts.send(request.idempotencyKey(), () -> {
                ResponseEntity<Void> created = http.call(platform, "POST /rest/posts", () -> http.client(platform).post()
                        .uri("/rest/posts")
                        .headers(h -> versioned(h, account))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(post)
                        .retrieve()
                        .toBodilessEntity());
                String urn = created.getHeaders().getFirst("x-restli-id");
                if (urn == null || urn.isBlank()) {
                    throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "linkedin answered "
                            + created.getStatusCode().value() + " without the post's x-restli-id", null);
                }
                return urn;
            }));
        });
    }

    /** The post's content: an uploaded video or images, else an article for the link, else none (text only). */
    private Map<String, Object> content(PlatformAccount account, PostRequest request) throws PublishFailure {
        List<Variant.Media> items = request.variant().media() == null ? List.of() : request.variant().media();
        if (items.stream().anyMatch(LinkedInConnector::isVideo)) {
            if (items.size() > 1) {
                throw new PublishFailure(PublishFailure.Kind.PERMANENT, "linkedin takes one video alone, or up to nine"
                        + " images", null);
            }
            return Map.of("media", Map.of("id", video(account, request, items.get(0))));
        }
        List<byte[]> files = media.fetchAll(platform, items); // every file checked before any is uploaded
        List<String> images = new ArrayList<>();
        for (byte[] bytes : files) {
            images.add(upload(account, bytes));
        }
        if (images.size() == 1) {
            return Map.of("media", Map.of("id", images.get(0)));
        }
        if (images.size() > 1) {
            return Map.of("multiImage", Map.of("images", images.stream().map(id -> Map.of("id", id)).toList()));
        }
        String link = request.variant().link();
        if (link != null && !link.isBlank()) {
            String text = request.variant().text() == null ? "" : request.variant().text();
            String title = Platform.title(text);
            return Map.of("article", Map.of("source", link, "title", title.isEmpty() ? link : title));
        }
        return null;
    }

    private static boolean isVideo(Variant.Media item) {
        return item.type() != null && item.type().startsWith("video/");
    }

    /** The available video's URN: uploaded by this attempt, or by an earlier one and reused. */
    private String video(PlatformAccount account, PostRequest request, Variant.Media item) throws PublishFailure {
        String urn = attempts.find(request.idempotencyKey(), VIDEO).orElse(null);
        if (urn == null) {
            urn = uploadVideo(account, media.fetch(platform, item));
            attempts.record(request.idempotencyKey(), VIDEO, urn);
        }
        String video = urn;
        PROCESSING.await(() -> http.call(platform, "GET /rest/videos/" + video, () -> http.client(platform).get()
                        .uri("/rest/videos/{urn}", video)
                        .headers(h -> versioned(h, account))
                        .retrieve()
                        .body(JsonNode.class)),
                status -> {
                    String state = state(status);
                    if (state.equals("PROCESSING_FAILED")) {
                        attempts.forget(request.idempotencyKey(), VIDEO); // a new attempt uploads afresh
                        throw new PublishFailure(PublishFailure.Kind.PERMANENT, "linkedin could not process the video "
                                + item.url() + " (" + video + ")", null);
                    }
                    return state.equals("AVAILABLE");
                },
                status -> "the video (" + video + ", " + state(status) + ")");
        return video;
    }

    private static String state(JsonNode status) {
        return status == null ? "" : status.path("status").asText("");
    }

    /**
     * Videos API: initialise an upload owned by the author, PUT each part LinkedIn asks for (its byte
     * range) and finalise with the parts' ETags; answers the video URN.
     */
    private String uploadVideo(PlatformAccount account, byte[] bytes) throws PublishFailure {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("owner", account.accountId());
        init.put("fileSizeBytes", bytes.length);
        init.put("uploadCaptions", false);
        init.put("uploadThumbnail", false);
        JsonNode initialised = http.call(platform, "POST /rest/videos?action=initializeUpload",
                () -> http.client(platform).post()
                        .uri("/rest/videos?action=initializeUpload")
                        .headers(h -> versioned(h, account))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("initializeUploadRequest", init))
                        .retrieve()
                        .body(JsonNode.class));
        JsonNode value = initialised == null ? null : initialised.path("value");
        if (value == null || !value.path("video").isTextual() || !value.path("uploadInstructions").isArray()) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE,
                    "linkedin answered the video upload without a video URN and upload instructions", null);
        }
        List<String> etags = new ArrayList<>();
        for (JsonNode part : value.path("uploadInstructions")) {
            int first = part.path("firstByte").asInt();
            int last = Math.min(bytes.length - 1, part.path("lastByte").asInt());
            byte[] piece = java.util.Arrays.copyOfRange(bytes, first, last + 1);
            ResponseEntity<Void> put = http.call(platform, "the video part PUT", () -> http.client().put()
                    .uri(java.net.URI.create(part.path("uploadUrl").asText()))
                    .header("Authorization", "Bearer " + account.accessToken())
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .body(piece)
                    .retrieve()
                    .toBodilessEntity());
            String etag = put.getHeaders().getFirst("etag");
            if (etag == null) {
                throw new PublishFailure(PublishFailure.Kind.RETRYABLE, "linkedin answered a video part without its ETag",
                        null);
            }
            etags.add(etag);
        }
        Map<String, Object> finalise = new LinkedHashMap<>();
        finalise.put("video", value.path("video").asText());
        finalise.put("uploadToken", value.path("uploadToken").asText(""));
        finalise.put("uploadedPartIds", etags);
        http.call(platform, "POST /rest/videos?action=finalizeUpload", () -> http.client(platform).post()
                .uri("/rest/videos?action=finalizeUpload")
                .headers(h -> versioned(h, account))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("finalizeUploadRequest", finalise))
                .retrieve()
                .toBodilessEntity());
        return value.path("video").asText();
    }


    /** Images API: initialise an upload owned by the author, then PUT the approved bytes to its URL. */
    private String upload(PlatformAccount account, byte[] bytes) throws PublishFailure {
        JsonNode initialised = http.call(platform, "POST /rest/images?action=initializeUpload",
                () -> http.client(platform).post()
                        .uri("/rest/images?action=initializeUpload")
                        .headers(h -> versioned(h, account))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("initializeUploadRequest", Map.of("owner", account.accountId())))
                        .retrieve()
                        .body(JsonNode.class));
        String uploadUrl = initialised == null ? null : initialised.at("/value/uploadUrl").asText(null);
        String image = initialised == null ? null : initialised.at("/value/image").asText(null);
        if (uploadUrl == null || image == null) {
            throw new PublishFailure(PublishFailure.Kind.RETRYABLE,
                    "linkedin answered the image upload without an uploadUrl and image URN", null);
        }
        http.call(platform, "the image upload PUT", () -> http.client().put()
                .uri(java.net.URI.create(uploadUrl))
                .header("Authorization", "Bearer " + account.accessToken())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(bytes)
                .retrieve()
                .toBodilessEntity());
        return image;
    }

    /** The URN of the author's post, created since the given time, whose commentary is this one. */
    private Optional<String> lookUp(PlatformAccount account, String commentary, Instant since)
            throws PublishFailure {
        JsonNode page;
        try {
            page = http.call(platform, "GET /rest/posts?q=author", () -> http.client(platform).get()
                    .uri("/rest/posts?author={author}&q=author&count={count}&sortBy=CREATED", account.accountId(), 20)
                    .headers(h -> versioned(h, account))
                    .header("X-RestLi-Method", "FINDER")
                    .retrieve()
                    .body(JsonNode.class));
        } catch (PublishFailure failure) {
            if (failure.kind() == PublishFailure.Kind.PERMANENT) {
                throw new PublishFailure(PublishFailure.Kind.PERMANENT, "an earlier attempt may have posted on linkedin,"
                        + " and the author's posts cannot be read to check (" + failure.getMessage() + "); check the"
                        + " feed of " + account.accountId() + " and record the post, or retry if it is not there", null);
            }
            throw failure;
        }
        long sinceMillis = since.toEpochMilli();
        for (JsonNode post : page == null ? List.<JsonNode>of() : iterable(page.path("elements"))) {
            boolean recent = !post.path("createdAt").canConvertToLong() || post.path("createdAt").asLong() >= sinceMillis;
            if (recent && sameText(post.path("commentary").asText(""), commentary) && post.path("id").isTextual()) {
                return Optional.of(post.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private void versioned(org.springframework.http.HttpHeaders headers, PlatformAccount account) {
        headers.setBearerAuth(account.accessToken());
        headers.set("LinkedIn-Version", http.settings().apiVersion(platform).version());
        headers.set("X-Restli-Protocol-Version", "2.0.0");
    }

    /** The variant's text as little text; with media the link (which has no field of its own then) is appended. */
    static String commentary(PostRequest request) {
        boolean hasMedia = request.variant().media() != null && !request.variant().media().isEmpty();
        String text = hasMedia ? textWithLink(request) : request.variant().text() == null ? "" : request.variant().text();
        return escape(text);
    }

    /**
     * Escapes little's reserved characters so they are shown as typed; a {@code #} that starts a
     * hashtag stays one (little's HashtagElement).
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hashtag = c == '#' && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
            if ("\\|{}@[]()<>#*_~".indexOf(c) >= 0 && !hashtag) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** LinkedIn may give the commentary back with or without the escapes, and trims it. */
    private static boolean sameText(String theirs, String ours) {
        return normalise(theirs).equals(normalise(ours));
    }

    private static String normalise(String text) {
        return text.replace("\\", "").replaceAll("\\s+", " ").strip();
    }

    private static PostReceipt receipt(String urn) {
        return new PostReceipt(urn, "https://www.linkedin.com/feed/update/" + urn);
    }

}
