package io.clearpost.brief;

public enum BriefStatus {
    /** Deliverables are being created, validated (and, later, scheduled and published). */
    IN_PROGRESS,
    /** The brand manager asked for changes at sign-off; the strategist revises the brief (revise-brief). */
    CHANGES_REQUESTED,
    /** The client declined the brief at sign-off; nothing of it is created. */
    DECLINED,
    /** Every deliverable reached its end: approved or cancelled. */
    COMPLETED
}
