package io.clearpost.content;

import java.time.Instant;

/** A reviewer's verdict on one revision hash, with the routing rule that required the review. */
public record Decision(String reviewKey, String reviewer, Verdict decision, String comment, String revisionHash,
                       String rule, Instant decidedAt) {
}
