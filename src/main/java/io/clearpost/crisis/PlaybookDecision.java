package io.clearpost.crisis;

import java.time.Instant;

/** Legal's verdict on one playbook revision, bound to its hash. */
record PlaybookDecision(int revision, String revisionHash, String decision, String reviewer, String comment,
                        Instant decidedAt) {
}
