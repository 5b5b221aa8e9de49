package io.clearpost.publish.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.content.Variant;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import io.clearpost.publish.connector.AccountConnector;
import io.clearpost.publish.connector.ConnectorAttempts;
import io.clearpost.publish.connector.MediaFetcher;
import io.clearpost.publish.connector.PlatformHttp;
import io.clearpost.publish.connector.PostReceipt;
import io.clearpost.publish.connector.PostRequest;
import io.clearpost.publish.connector.ProcessingWait;
import io.clearpost.publish.connector.PublishFailure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Meta's two-step publishing, shared by Instagram and Threads: create a media container
 * ({@code POST /{user-id}/<containers>}), wait until its status is {@code FINISHED}, publish it
 * ({@code POST /{user-id}/<publish>?creation_id=}), read the post's {@code permalink}.
 *
 * <p>No duplicates, without an idempotency header on the platform: the container id is recorded
 * ({@link ConnectorAttempts}, step {@code container}) the moment the platform answers, and the
 * media id (step {@code media}) the moment the publish call answers. An attempt after an unknown
 * outcome starts from there: a recorded media id is the post; a recorded container is asked for its
 * status. {@code PUBLISHED} means the earlier publish call went through although its answer was lost:
 * the post is found among the account's recent posts by its exact text, and never published again
 * (if it cannot be found the attempt fails for a person to check, rather than risk a second post).
 * {@code FINISHED} or {@code IN_PROGRESS}: the same container is published, no second one is created.
 * {@code EXPIRED} (24 hours unpublished): nothing was posted, a new container is safe. {@code ERROR}:
 * the platform could not process the media; refused.
 *
 * <p>Processing is waited for briefly inside the attempt ({@link ProcessingWait}: {@link #STATUS_CHECKS}
 * checks, {@link #STATUS_INTERVAL} apart); a video still processing after that hands the attempt back to the
 * engine as "still processing" ({@code PROCESSING}) to come back in a minute, using up no retry, and the
 * next attempt resumes the recorded container: Meta recommends checking a container's status about
 * once a minute.
 *
 * <p>Approved bytes: Meta downloads each medium from its URL itself (there is no upload of bytes for
 * containers), so before a container is created every medium is downloaded here and its SHA-256
 * compared with the approved one ({@link MediaFetcher#verify}); a medium that differs fails the post
 * PERMANENT, naming the file, before any call to the platform. Left open: the window between that
 * check and Meta's own download (seconds, or minutes while a video container processes), in which the
 * file's server could still swap it.
 */
public abstract class ContainerConnector extends AccountConnector {

    static final String CONTAINER = "container";
    static final String MEDIA = "media";
    static final int STATUS_CHECKS = 5;
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);
    private static final int RECENT_POSTS = 25;

    /** The platform's names: container and publish edges, the container's status and error fields, the text field. */
    public record Edges(String containers, String publish, String statusField, String errorField,
                           String textField) {
    }

    protected final MetaGraph graph;
    protected final ConnectorAttempts attempts;
    protected final MediaFetcher mediaFetcher;
    private final Edges edges;
    private final ProcessingWait processing;

    protected ContainerConnector(String platform, PlatformAccounts accounts, PlatformHttp http, MetaGraph graph,
                                 ConnectorAttempts attempts, MediaFetcher mediaFetcher, Edges edges) {
        super(platform, accounts, http);
        this.graph = graph;
        this.attempts = attempts;
        this.mediaFetcher = mediaFetcher;
        this.edges = edges;
        this.processing = new ProcessingWait(platform, STATUS_CHECKS, STATUS_INTERVAL, Duration.ofMinutes(1));
    }

    /** Creates the container(s) for the variant and returns the id of the one to publish. */
    protected abstract String createContainer(PlatformAccount account, PostRequest request) throws PublishFailure;

    /** The text the post carries, as the platform returns it when listing the account's posts. */
    protected abstract String postText(PostRequest request);

    @Override
    public Optional<PostReceipt> findPost(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> Optional.ofNullable(resume(account, request).receipt()));
    }

    @Override
    public PostReceipt publish(PostRequest request) throws PublishFailure {
        return withAccount(request, account -> {
            Resume resume = resume(account, request);
            if (resume.receipt() != null) {
                return resume.receipt();
            }
            String container = resume.container();
            if (container == null) {
                mediaFetcher.verifyAll(platform, media(request)); // Meta fetches the URLs: they must serve the approved bytes
                container = createContainer(account, request);
                attempts.record(request.idempotencyKey(), platform + ":" + CONTAINER, container);
            }
            awaitFinished(account, container);
            JsonNode published = graph.post(platform, account, "/{user-id}/" + edges.publish(),
                    params("creation_id", container), account.accountId());
            String mediaId = MetaGraph.id(platform, "the publish of container " + container, published);
            attempts.record(request.idempotencyKey(), platform + ":" + MEDIA, mediaId);
            return receipt(account, mediaId);
        });
    }

    /** What an earlier attempt left: the post itself, a container to publish, or nothing. */
    private record Resume(PostReceipt receipt, String container) {
    }

    private Resume resume(PlatformAccount account, PostRequest request) throws PublishFailure {
        Optional<String> media = attempts.find(request.idempotencyKey(), platform + ":" + MEDIA);
        if (media.isPresent()) {
            return new Resume(receipt(account, media.get()), null);
        }
        Optional<String> container = attempts.find(request.idempotencyKey(), platform + ":" + CONTAINER);
        if (container.isEmpty()) {
            return new Resume(null, null);
        }
        JsonNode status = status(account, container.get());
        return switch (status.path(edges.statusField()).asText()) {
            case "PUBLISHED" -> new Resume(publishedEarlier(account, request, container.get()), null);
            case "EXPIRED" -> new Resume(null, null);
            case "ERROR" -> throw refused(container.get(), status);
            default -> new Resume(null, container.get());
        };
    }

    /** Waits until the container is ready to publish, or hands the attempt back to the engine. */
    protected void awaitFinished(PlatformAccount account, String container) throws PublishFailure {
        processing.await(() -> status(account, container),
                status -> switch (status.path(edges.statusField()).asText()) {
                    case "FINISHED", "PUBLISHED" -> true;
                    case "ERROR", "EXPIRED" -> throw refused(container, status);
                    default -> false;
                },
                status -> "container " + container + " (" + status.path(edges.statusField()).asText() + ")");
    }

    private JsonNode status(PlatformAccount account, String container) throws PublishFailure {
        return graph.get(platform, account, "/{container-id}",
                Map.of("fields", edges.statusField() + "," + edges.errorField()), container);
    }

    private PublishFailure refused(String container, JsonNode status) {
        String error = status.path(edges.errorField()).asText("");
        return new PublishFailure(PublishFailure.Kind.PERMANENT, platform + " could not publish container " + container
                + " (" + status.path(edges.statusField()).asText() + (error.isBlank() ? "" : ": " + error) + ")", null);
    }

    /**
     * The post of a container that was published although the answer was lost: Meta does not link a
     * container to its post, so the account's recent posts are searched for the exact text.
     */
    private PostReceipt publishedEarlier(PlatformAccount account, PostRequest request, String container)
            throws PublishFailure {
        JsonNode recent = graph.get(platform, account, "/{user-id}/" + edges.containers(),
                Map.of("fields", "id," + edges.textField() + ",permalink", "limit", Integer.toString(RECENT_POSTS)),
                account.accountId());
        String text = postText(request);
        for (JsonNode post : recent.path("data")) {
            if (text.equals(post.path(edges.textField()).asText(""))) {
                String mediaId = post.path("id").asText();
                attempts.record(request.idempotencyKey(), platform + ":" + MEDIA, mediaId);
                return new PostReceipt(mediaId, post.path("permalink").asText(null));
            }
        }
        throw new PublishFailure(PublishFailure.Kind.PERMANENT, platform + " reports container " + container
                + " as published, but none of the account's " + RECENT_POSTS + " latest posts carries its text;"
                + " check the account before publishing again", null);
    }

    /**
     * The post and its permalink. The post exists once its id is known, so a permalink that cannot be
     * read leaves the receipt without a URL instead of failing a publication that succeeded.
     */
    protected PostReceipt receipt(PlatformAccount account, String mediaId) {
        try {
            JsonNode media = graph.get(platform, account, "/{media-id}", Map.of("fields", "permalink"), mediaId);
            return new PostReceipt(mediaId, media == null ? null : media.path("permalink").asText(null));
        } catch (PublishFailure unreadable) {
            return new PostReceipt(mediaId, null);
        }
    }

    protected static boolean isVideo(Variant.Media medium) {
        return medium.type() != null && medium.type().startsWith("video/");
    }

    protected static List<Variant.Media> media(PostRequest request) {
        return request.variant().media() == null ? List.of() : request.variant().media();
    }

    protected static org.springframework.util.MultiValueMap<String, String> params(String... namesAndValues) {
        org.springframework.util.MultiValueMap<String, String> params = MetaGraph.form();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                params.add(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return params;
    }
}
