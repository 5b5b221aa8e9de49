package io.clearpost.crisis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A playbook as the API shows it: the current revision, its hash, whether legal approved that hash. */
public record PlaybookView(String id, String brand, String scenario, String title, int revision, String hash,
                           String author, Instant revisedAt, PlaybookStatus status, boolean approved,
                           Map<String, Map<String, String>> statement, List<String> placeholders,
                           List<Map<String, String>> replies, List<Decision> decisions) {

    public record Decision(int revision, String revisionHash, String decision, String reviewer, String comment,
                           Instant decidedAt) {
    }
}
