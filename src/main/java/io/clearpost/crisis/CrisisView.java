package io.clearpost.crisis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** GET /api/crises/{id} (DESIGN.md §7: these names are fixed; more fields are welcome). */
public record CrisisView(String id, String brand, CrisisStatus status, Integer severity, Integer suggestedSeverity,
                         boolean frozen, String summary, List<Map<String, Object>> signals, Long reach,
                         Long mentionsPerHour, boolean legalRisk, boolean safetyRisk, boolean pressCoverage,
                         List<String> platforms, String declaredBy, Instant declaredAt, Statement statement,
                         List<Object> replies, List<HeldPost> heldPosts, String resolution, Object postMortem) {

    public record Statement(String contentId, String status, Revision currentRevision, List<Post> publications) {
    }

    public record Revision(int number, String hash, String author, Instant createdAt) {
    }

    public record Post(String platform, String status, String postId, String url, Instant publishedAt) {
    }

    public record HeldPost(String contentId, String platform) {
    }

    /** One step of GET /api/crises/{id}/timeline. */
    public record Step(Instant at, String step, String actor, Map<String, Object> details) {
    }

    public record Timeline(String id, String brand, List<Step> steps) {
    }
}
