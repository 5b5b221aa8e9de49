package io.clearpost.content;

public enum ContentStatus {
    IN_CREATION, IN_REVIEW, APPROVED, SCHEDULED, PUBLISHED, HELD, CANCELLED, FAILED
}
