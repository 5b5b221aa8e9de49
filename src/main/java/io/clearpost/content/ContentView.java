package io.clearpost.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.CanonicalJson;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** GET /api/content/{id}: the item, every revision with its hash, and every decision. */
public record ContentView(String id, String briefId, String brand, List<String> platforms, ContentStatus status,
                          Instant publishAfter, Instant publishBefore, Instant plannedAt, String creative,
                          RevisionView currentRevision, List<RevisionView> revisions, List<DecisionView> decisions,
                          List<RequiredReview> requiredReviews, List<String> violations, Schedule schedule,
                          List<Post> publications) {

    /** The post on one platform: its status, attempts, idempotency key and, once made, the platform's id and URL. */
    public record Post(String platform, String status, String idempotencyKey, int attempts, String postId, String url,
                       String lastError, Instant publishedAt) {
    }

    /** The publish time at its own offset, with the zone it was scheduled in. */
    public record Schedule(OffsetDateTime publishAt, String timeZone) {
        static Schedule of(ContentItem item) {
            return item.publishAt() == null ? null
                    : new Schedule(item.publishAt().atZone(item.zone()).toOffsetDateTime(), item.zone().getId());
        }
    }

    public record RevisionView(int number, String hash, String author, Instant createdAt, JsonNode variants) {
        static RevisionView of(Revision r) {
            try {
                return new RevisionView(r.number(), r.hash(), r.author(), r.createdAt(),
                        CanonicalJson.mapper().readTree(r.canonicalJson()).get("variants"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored revision is not JSON", e);
            }
        }
    }

    public record DecisionView(String key, String reviewer, Verdict decision, String comment, String revisionHash,
                               String rule, Instant at) {
        static DecisionView of(Decision d) {
            return new DecisionView(d.reviewKey(), d.reviewer(), d.decision(), d.comment(), d.revisionHash(), d.rule(),
                    d.decidedAt());
        }
    }

    static ContentView of(ContentItem item, List<Post> posts) {
        return new ContentView(item.id(), item.briefId(), item.brand(), item.platforms(), item.status(),
                item.publishAfter(), item.publishBefore(), item.plannedAt(), item.creative(),
                item.currentRevision().map(RevisionView::of).orElse(null),
                item.revisions().stream().map(RevisionView::of).toList(),
                item.decisions().stream().map(DecisionView::of).toList(),
                item.requiredReviews(), item.violations(), Schedule.of(item), posts);
    }
}
