package io.clearpost.content;

/** A review approval-routing.dmn requires for the current validation round, and the rule that said so. */
public record RequiredReview(String reviewKey, String rule) {
}
