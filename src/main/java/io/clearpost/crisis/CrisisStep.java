package io.clearpost.crisis;

import java.time.Instant;

/** One step of a crisis's timeline: what happened, who did it, when, and its details (JSON, or null). */
record CrisisStep(String step, String actor, Instant occurredAt, String detail) {
}
