package io.clearpost.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives briefs and their tasks over real HTTP, as the given users, the way a front end would:
 * submit a brief, find the task a person has to do, read its context, complete it with form values.
 * Every step asserts the answer it expects, so a scenario reads like the process.
 */
public final class Lifecycle {

    private final int port;

    private Lifecycle(int port) {
        this.port = port;
    }

    public static Lifecycle on(int port) {
        return new Lifecycle(port);
    }

    public Api as(String user) {
        return Api.as(port, user);
    }

    /** A submitted brief: its id and the content id of each deliverable, in order. */
    public record Submitted(String briefId, List<String> contentIds, JsonNode body) {
        public String contentId() {
            return contentIds.get(0);
        }
    }

    public Submitted submit(String user, Map<String, Object> request) {
        Api.Response created = as(user).post("/api/briefs", request);
        assertThat(created.status()).as("POST /api/briefs %s", created).isEqualTo(201);
        JsonNode body = created.json();
        List<String> contentIds = new ArrayList<>();
        body.path("deliverables").forEach(d -> contentIds.add(d.path("contentId").asText()));
        return new Submitted(body.path("id").asText(), contentIds, body);
    }

    /** sam's financial promotion for acme-bank on the given platforms, written by {@code creative}. */
    public Submitted financialPromotion(String creative, String... platforms) {
        return submit("sam", Briefs.request("acme-bank", "financial-promotion", List.of(platforms), creative));
    }

    /** A standard acme-bank post on linkedin by cleo, submitted and waiting at sam's review-content. */
    public String acmeContentInReview() {
        String contentId = submit("sam", Briefs.request("acme-bank", "standard", List.of("linkedin"), "cleo")).contentId();
        createContent("cleo", contentId, Map.of("linkedin", acmeText("linkedin")));
        return contentId;
    }

    /** The same, approved by sam and waiting at lea's legal-review (acme-bank is regulated). */
    public String acmeContentInLegalReview() {
        String contentId = acmeContentInReview();
        review("sam", "review-content", contentId, "APPROVE");
        return contentId;
    }

    /** A standard nova-foods brief by sam that nina (the client) has signed off: felix's draft comes next. */
    public Submitted novaBriefSignedOff(String creative, String platform) {
        Submitted brief = submit("sam", Briefs.request("nova-foods", "standard", List.of(platform), creative));
        complete("nina", briefTask("nina", "approve-brief", brief.briefId()).path("id").asText(),
                Map.of("decision", "APPROVE"));
        return brief;
    }

    /** Every task in {@code user}'s list for the query (e.g. {@code key=legal-review}), across all pages. */
    public List<JsonNode> tasks(String user, String query) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Api.Response r = as(user).get("/api/tasks?size=100&page=" + page + (query.isEmpty() ? "" : "&" + query));
            assertThat(r.status()).as("GET /api/tasks?%s as %s: %s", query, user, r).isEqualTo(200);
            r.json().forEach(all::add);
            if (all.size() >= Long.parseLong(r.header("X-Total-Count")) || r.json().isEmpty()) {
                return all;
            }
        }
    }

    public Optional<JsonNode> findTask(String user, String key, Predicate<JsonNode> which) {
        return tasks(user, "key=" + key).stream().filter(which).findFirst();
    }

    /** The open {@code key} task of one content item in {@code user}'s list. */
    public JsonNode task(String user, String key, String contentId) {
        return findTask(user, key, t -> contentId.equals(t.path("contentId").asText()))
                .orElseThrow(() -> new AssertionError(user + " has no " + key + " task for content " + contentId));
    }

    /** The open {@code key} task of a brief (approve-brief has no content yet). */
    public JsonNode briefTask(String user, String key, String briefId) {
        return findTask(user, key, t -> briefId.equals(t.path("briefId").asText()))
                .orElseThrow(() -> new AssertionError(user + " has no " + key + " task for brief " + briefId));
    }

    public JsonNode taskDetail(String user, String taskId) {
        Api.Response r = as(user).get("/api/tasks/" + taskId);
        assertThat(r.status()).as("GET task as %s: %s", user, r).isEqualTo(200);
        return r.json();
    }

    public void complete(String user, String taskId, Map<String, ?> values) {
        Api.Response r = as(user).post("/api/tasks/" + taskId + "/complete", values);
        assertThat(r.status()).as("complete %s as %s: %s", taskId, user, r).isEqualTo(204);
    }

    /** The creative submits one revision: a text per platform. Returns the revision's hash. */
    public String createContent(String creative, String contentId, Map<String, String> textByPlatform) {
        JsonNode task = task(creative, "create-content", contentId);
        complete(creative, task.path("id").asText(), Map.of("variants", variants(textByPlatform)));
        return content(creative, contentId).path("currentRevision").path("hash").asText();
    }

    /** A reviewer decides on the revision the task shows them; returns the hash they decided on. */
    public String review(String reviewer, String key, String contentId, String decision) {
        JsonNode task = task(reviewer, key, contentId);
        String hash = taskDetail(reviewer, task.path("id").asText()).path("context").path("currentRevision")
                .path("hash").asText();
        assertThat(hash).as("hash shown in %s", key).matches("[0-9a-f]{64}");
        complete(reviewer, task.path("id").asText(), Map.of("decision", decision, "comment", "by " + reviewer,
                "revisionHash", hash));
        return hash;
    }

    public JsonNode content(String user, String contentId) {
        Api.Response r = as(user).get("/api/content/" + contentId);
        assertThat(r.status()).as("GET content as %s: %s", user, r).isEqualTo(200);
        return r.json();
    }

    public JsonNode brief(String user, String briefId) {
        Api.Response r = as(user).get("/api/briefs/" + briefId);
        assertThat(r.status()).as("GET brief as %s: %s", user, r).isEqualTo(200);
        return r.json();
    }

    /** The strategist completes schedule-post with a publish time given as ISO-8601 with an offset. */
    public void schedule(String strategist, String contentId, OffsetDateTime publishAt) {
        JsonNode task = task(strategist, "schedule-post", contentId);
        complete(strategist, task.path("id").asText(), Map.of("publishAt", publishAt.toString()));
    }

    /** Polls the content (the publication runs in the engine's job executor) until it has the status. */
    public JsonNode awaitStatus(String user, String contentId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode item = content(user, contentId);
        while (!item.path("status").asText().equals(status)) {
            assertThat(System.nanoTime()).as("content %s to become %s, still %s", contentId, status, item)
                    .isLessThan(deadline);
            sleep(200);
            item = content(user, contentId);
        }
        return item;
    }

    /** At least {@code seconds} from now, in whole seconds, with the offset of the given zone. */
    public static OffsetDateTime secondsFromNow(long seconds, String zone) {
        return OffsetDateTime.now(ZoneId.of(zone)).plusSeconds(seconds + 1).truncatedTo(ChronoUnit.SECONDS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The create-content form value: {@code {platform: {text}}}. */
    public static Map<String, Object> variants(Map<String, String> textByPlatform) {
        Map<String, Object> variants = new LinkedHashMap<>();
        textByPlatform.forEach((platform, text) -> variants.put(platform, TestMedia.variant(platform, text)));
        return variants;
    }

    /** Compliant acme-bank copy: carries the mandatory mention, no banned term. */
    public static String acmeText(String platform) {
        return "Open a savings account on " + platform + " today. Capital at risk.";
    }
}
