package io.clearpost.content;

public enum ContentStatus {
    IN_CREATION, IN_REVIEW, APPROVED, SCHEDULED, PUBLISHED, HELD, CANCELLED, FAILED,
    /** Its publish window closed before it was scheduled; the strategist extends the window or cancels it. */
    EXPIRED
}
