package io.clearpost.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that happens to a brand's briefs, content, posts, accounts and tasks, as typed events.
 * Aggregates register them with their state changes; the audit module writes each one into the brand's
 * hash chain in the same transaction. The type name an auditor sees ({@code DECISION_RECORDED}) is the
 * record's name: event kinds exist here and nowhere else.
 * <p>
 * One sealed hierarchy in one file, because a sealed type outside a named module only permits subtypes
 * of its own package; the payloads are what the audit trail has always recorded for each kind.
 */
public sealed interface DomainEvent {

    /** The brand whose chain records the event. */
    String brand();

    /** The user who caused it, or {@code system}. */
    String actor();

    default String briefId() {
        return null;
    }

    default String contentId() {
        return null;
    }

    /** What the audit trail records beside the brief and content ids. */
    Map<String, Object> payload();

    /** {@code BriefSignedOff} → {@code BRIEF_SIGNED_OFF}. */
    default String type() {
        return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    // ---- briefs ---------------------------------------------------------------------------------

    record BriefCreated(String brand, String actor, String briefId, String title, String category, int deliverables)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("title", title, "category", category, "deliverables", deliverables);
        }
    }

    record BriefSignedOff(String brand, String actor, String briefId, String decision, Object comment)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("decision", decision, "comment", comment);
        }
    }

    /** revise-brief: what the strategist changed, answering the brand manager's request. */
    record BriefRevised(String brand, String actor, String briefId, String changesRequested, Map<String, Object> changes)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("changesRequested", changesRequested, "changes", changes);
        }
    }

    record BriefDeclined(String brand, String actor, String briefId, String status) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("status", status);
        }
    }

    record BriefCompleted(String brand, String actor, String briefId, String status) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("status", status);
        }
    }

    // ---- content ---------------------------------------------------------------------------------

    record ContentPlanned(String brand, String actor, String briefId, String contentId, List<String> platforms,
                          Instant publishAfter, Instant publishBefore, Instant plannedAt, String creative)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("platforms", platforms, "publishAfter", text(publishAfter), "publishBefore", text(publishBefore),
                    "plannedAt", text(plannedAt), "creative", creative);
        }
    }

    record CreativeAssigned(String brand, String actor, String briefId, String contentId, String creative)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("creative", creative);
        }
    }

    record RevisionSubmitted(String brand, String actor, String briefId, String contentId, int number, String hash)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("number", number, "hash", hash);
        }
    }

    record ContentChecked(String brand, String actor, String briefId, String contentId, int revision,
                          List<String> violations) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("revision", revision, "violations", violations);
        }
    }

    /** One review that approval-routing.dmn required, and the rule that required it. */
    record RoutedReview(String review, String rule) {
    }

    record ReviewsRouted(String brand, String actor, String briefId, String contentId, List<RoutedReview> reviews)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("reviews", reviews.stream().map(r -> map("review", r.review(), "rule", r.rule())).toList());
        }
    }

    record DecisionRecorded(String brand, String actor, String briefId, String contentId, String reviewKey,
                            String reviewer, String decision, String comment, String revisionHash, String rule)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("reviewKey", reviewKey, "reviewer", reviewer, "decision", decision, "comment", comment,
                    "revisionHash", revisionHash, "rule", rule);
        }
    }

    record StatusChanged(String brand, String actor, String briefId, String contentId, String from, String to)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("from", from, "to", to);
        }
    }

    record Scheduled(String brand, String actor, String briefId, String contentId, Instant publishAt, String timeZone)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("publishAt", text(publishAt), "timeZone", timeZone);
        }
    }

    record WindowExtended(String brand, String actor, String briefId, String contentId, Instant publishBefore)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("publishBefore", text(publishBefore));
        }
    }

    // ---- posts -----------------------------------------------------------------------------------

    record PostHeld(String brand, String actor, String briefId, String contentId, String platform)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("platform", platform);
        }
    }

    record PostReleased(String brand, String actor, String briefId, String contentId, String platform)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("platform", platform);
        }
    }

    record PostPublished(String brand, String actor, String briefId, String contentId, String platform, String postId,
                         String url) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("platform", platform, "postId", postId == null ? "" : postId, "url", url == null ? "" : url);
        }
    }

    record PostRecordedByHand(String brand, String actor, String briefId, String contentId, String platform,
                              String postId, String url) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("platform", platform, "postId", postId == null ? "" : postId, "url", url == null ? "" : url);
        }
    }

    record PostFailed(String brand, String actor, String briefId, String contentId, String platform, String error)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("platform", platform, "error", error);
        }
    }

    record PostCancelled(String brand, String actor, String briefId, String contentId, String platform)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("platform", platform);
        }
    }

    // ---- brands and their accounts ------------------------------------------------------------

    record BrandFrozen(String brand, String actor) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("frozen", true);
        }
    }

    record BrandUnfrozen(String brand, String actor) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("frozen", false);
        }
    }

    /** Names who connected which account; never a secret. */
    record AccountConnected(String brand, String actor, String platform, String accountId, String endpoint)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("platform", platform, "accountId", accountId, "endpoint", endpoint);
        }
    }

    record AccountDisconnected(String brand, String actor, String platform) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("platform", platform);
        }
    }

    /**
     * An account's token could not be renewed, or its refresh token (or a token without one) nears or passed its
     * expiry: a strategist must reconnect it. The reason names no secret; expiresAt is when the account stops
     * working (null if unknown).
     */
    record AccountNeedsAttention(String brand, String actor, String platform, String reason, Instant expiresAt)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("platform", platform, "reason", reason, "expiresAt", text(expiresAt));
        }
    }

    // ---- administration: brands and their members -----------------------------------------------

    /** A brand was created with these settings (name, time zone, policy, calendar). */
    record BrandCreated(String brand, String actor, Map<String, Object> settings) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("settings", settings);
        }
    }

    /** Who changed which settings of a brand: {@code changes} maps each changed setting to {@code {from, to}}. */
    record BrandChanged(String brand, String actor, Map<String, Object> changes) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("changes", changes);
        }
    }

    /** The brand takes no new briefs; everything it has stays readable. */
    record BrandArchived(String brand, String actor) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("archived", true);
        }
    }

    /** A user's roles in the brand were replaced: {@code from} before, {@code to} after (role keys, sorted). */
    record MembershipChanged(String brand, String actor, String member, List<String> from, List<String> to)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("member", member, "from", from, "to", to);
        }
    }

    /** A user left the brand: the roles they held. */
    record MembershipRemoved(String brand, String actor, String member, List<String> roles) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("member", member, "roles", roles);
        }
    }

    // ---- tasks -----------------------------------------------------------------------------------

    record TaskClaimed(String brand, String actor, String briefId, String contentId, String taskId, String taskKey)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("taskId", taskId, "taskKey", taskKey);
        }
    }

    record TaskUnclaimed(String brand, String actor, String briefId, String contentId, String taskId, String taskKey)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("taskId", taskId, "taskKey", taskKey);
        }
    }

    record TaskCompleted(String brand, String actor, String briefId, String contentId, String taskId, String taskKey,
                         Map<String, Object> values) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("taskId", taskId, "taskKey", taskKey, "values", values);
        }
    }

    /** A task reached the at-risk point sla-policy.dmn gives it: its assignee (or its candidate groups) is reminded. */
    record TaskReminded(String brand, String actor, String briefId, String contentId, String taskId, String taskKey,
                        String assignee, Instant dueAt) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("taskId", taskId, "taskKey", taskKey, "assignee", assignee, "dueAt", text(dueAt));
        }
    }

    /** A task is late: the roles sla-policy.dmn names are told; the task keeps its assignee. */
    record TaskEscalated(String brand, String actor, String briefId, String contentId, String taskId, String taskKey,
                         String assignee, Instant dueAt, List<String> escalatedTo) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("taskId", taskId, "taskKey", taskKey, "assignee", assignee, "dueAt", text(dueAt),
                    "escalatedTo", escalatedTo);
        }
    }

    // ---- crises (crisis-escalation.bpmn) -------------------------------------------------------------

    record CrisisDeclared(String brand, String actor, String crisisId, String summary, List<Map<String, Object>> signals,
                          Long reach, Long mentionsPerHour, boolean legalRisk, boolean safetyRisk,
                          boolean pressCoverage, List<String> platforms) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("crisisId", crisisId, "summary", summary, "signals", signals, "reach", reach,
                    "mentionsPerHour", mentionsPerHour, "legalRisk", legalRisk, "safetyRisk", safetyRisk,
                    "pressCoverage", pressCoverage, "platforms", platforms);
        }
    }

    /** triage-crisis: the severity the crisis cell decided, beside the one crisis-severity.dmn suggested. */
    record CrisisTriaged(String brand, String actor, String crisisId, Integer suggestedSeverity, int severity,
                         String comment) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("crisisId", crisisId, "suggestedSeverity", suggestedSeverity, "severity", severity,
                    "comment", comment);
        }
    }

    /** Re-triage (POST /api/crises/{id}/severity). */
    record CrisisSeverityChanged(String brand, String actor, String crisisId, Integer from, int to, String comment)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("crisisId", crisisId, "from", from, "to", to, "comment", comment);
        }
    }

    /** The crisis froze its brand's publications ({@code frozen}) or lifted the freeze it held. */
    record CrisisFreezeChanged(String brand, String actor, String crisisId, boolean frozen) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("crisisId", crisisId, "frozen", frozen);
        }
    }

    record CrisisStatementOpened(String brand, String actor, String crisisId, String contentId) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("crisisId", crisisId);
        }
    }

    /** Every reviewer the model required approved this revision hash of the holding statement. */
    record CrisisStatementApproved(String brand, String actor, String crisisId, String contentId, String hash)
            implements DomainEvent {
        public Map<String, Object> payload() {
            return map("crisisId", crisisId, "hash", hash);
        }
    }

    record CrisisStatementPublished(String brand, String actor, String crisisId, String contentId,
                                    Map<String, String> urls) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("crisisId", crisisId, "urls", urls);
        }
    }

    /** resolve-crisis. */
    record CrisisResolved(String brand, String actor, String crisisId, String summary) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("crisisId", crisisId, "summary", summary);
        }
    }

    /** post-mortem: the crisis is closed. */
    record PostMortemRecorded(String brand, String actor, String crisisId, String whatHappened, String whatWorked,
                              List<String> actions) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("crisisId", crisisId, "whatHappened", whatHappened, "whatWorked", whatWorked,
                    "actions", actions);
        }
    }
    // ---- crisis playbooks (prepared in peace time) ---------------------------------------------------

    /** A playbook revision was written: its texts' hash, and whether it still carries legal's approval. */
    record PlaybookRevised(String brand, String actor, String playbookId, String scenario, int revision, String hash,
                           String status) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("playbookId", playbookId, "scenario", scenario, "revision", revision, "hash", hash,
                    "status", status);
        }
    }

    /** Legal approved or rejected a playbook revision, bound to its hash. */
    record PlaybookDecided(String brand, String actor, String playbookId, String scenario, int revision, String hash,
                           String decision, String comment) implements DomainEvent {
        public Map<String, Object> payload() {
            return map("playbookId", playbookId, "scenario", scenario, "revision", revision, "hash", hash,
                    "decision", decision, "comment", comment);
        }
    }
}
