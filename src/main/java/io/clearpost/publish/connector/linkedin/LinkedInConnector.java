package io.clearpost.publish.connector.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.content.Variant;
import io.clearpost.publish.Platform;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.AccountConnector;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.PublishFailure;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LinkedIn: the Posts API, {@code POST /rest/posts} as the account's author URN (a member
 * {@code urn:li:person:…} with {@code w_member_social}, or an organization {@code urn:li:organization:…}
 * with {@code w_organization_social}), with the {@code LinkedIn-Version} and
 * {@code X-Restli-Protocol-Version: 2.0.0} headers every versioned API requires. LinkedIn answers 201
 * with an empty body and the post's URN in {@code x-restli-id}. A link becomes an article
 * ({@code content.article}); images are uploaded first through the Images API
 * ({@code POST /rest/images?action=initializeUpload}, then a PUT of the bytes to the {@code uploadUrl})
 * and attached as {@code content.media} (one) or {@code content.multiImage} (two to nine). Video needs
 * the Videos API's multi-part upload, not implemented: a video variant is refused as PERMANENT.
 * The commentary is "little" text, whose reserved characters are escaped so they stay plain text.
 * <ul>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/multiimage-post-api</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/marketing/versioning (version header)</li>
 *   <li>https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens (refresh)</li>
 * </ul>
 *
 * <p>No duplicates: LinkedIn has no idempotency header. Before sending the post we record the attempt
 * (its time) under the idempotency key with {@link ConnectorAttempts}; a definite answer (refusal, rate
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

    /** The Marketing API version this client was written against (January 2026, the latest listed on the versioning page). */
    static final String LINKEDIN_VERSION = "202601";

    /** How far before a recorded attempt a found post may have been created (clock differences). */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);
    private static final String ATTEMPT = "linkedin.post-attempt";
    private static final String POSTED = "linkedin.post";
    private static final String ANSWERED = "answered";

    private final MediaFetcher media;
    private final ConnectorAttempts attempts;

    LinkedInConnector(PlatformAccounts accounts, PlatformHttp http, MediaFetcher media, ConnectorAttempts attempts) {
        super("linkedin", accounts, http);
        this.media = media;
        this.attempts = attempts;
    }

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) throws PublishFailure {
        Optional<String> posted = attempts.find(request.idempotencyKey(), POSTED);
        if (posted.isPresent()) {
            return Optional.of(receipt(posted.get()));
        }
        Optional<Instant> unknown = attempts.find(request.idempotencyKey(), ATTEMPT).flatMap(LinkedInConnector::instant);
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> found = withAccount(request, account -> lookUp(account, commentary(request), unknown.get()));
        found.ifPresent(urn -> attempts.record(request.idempotencyKey(), POSTED, urn));
        return found.map(LinkedInConnector::receipt);
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

            attempts.record(request.idempotencyKey(), ATTEMPT, Instant.now().toString());
            ResponseEntity<Void> created;
            try {
                created = http.call(platform, "POST /rest/posts", () -> http.client(platform).post()
                        .uri("/rest/posts")
                        .headers(h -> versioned(h, account))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(post)
                        .retrieve()
                        .toBodilessEntity());
            } catch (PublishFailure failure) {
                if (failure.kind() != PublishFailure.Kind.RETRYABLE || failure.retryAfter() != null) {
                    attempts.record(request.idempotencyKey(), ATTEMPT, ANSWERED); // definitely not posted
                }
                throw failure;
            }
            String urn = created.getHeaders().getFirst("x-restli-id");
            if (urn == null || urn.isBlank()) {
                throw new PublishFailure(PublishFailure.Kind.RETRYABLE,
                        "linkedin answered " + created.getStatusCode().value() + " without the post's x-restli-id", null);
            }
            attempts.record(request.idempotencyKey(), POSTED, urn);
            return receipt(urn);
        });
    }

    /** The post's content: uploaded images, else an article for the link, else none (text only). */
    private Map<String, Object> content(PlatformAccount account, PostRequest request) throws PublishFailure {
        List<Variant.Media> items = request.variant().media() == null ? List.of() : request.variant().media();
        for (Variant.Media item : items) {
            if (item.type() != null && item.type().startsWith("video/")) {
                throw new PublishFailure(PublishFailure.Kind.PERMANENT, "linkedin video posts need the Videos API"
                        + " upload, which this connector does not implement; post the video by hand and record it", null);
            }
        }
        List<String> images = new ArrayList<>();
        for (Variant.Media item : items) {
            images.add(upload(account, item));
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

    /** Images API: initialise an upload owned by the author, then PUT the approved bytes to its URL. */
    private String upload(PlatformAccount account, Variant.Media item) throws PublishFailure {
        byte[] bytes = media.fetch(platform, item);
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

    /** The URN of the author's post, created since the attempt, whose commentary is this one. */
    private Optional<String> lookUp(PlatformAccount account, String commentary, Instant attempted)
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
        long since = attempted.minus(CLOCK_SLACK).toEpochMilli();
        for (JsonNode post : page == null ? List.<JsonNode>of() : iterable(page.path("elements"))) {
            boolean recent = !post.path("createdAt").canConvertToLong() || post.path("createdAt").asLong() >= since;
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
        headers.set("LinkedIn-Version", LINKEDIN_VERSION);
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

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            return Optional.empty();
        }
    }
}
