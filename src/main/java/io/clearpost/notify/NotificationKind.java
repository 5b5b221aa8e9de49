package io.clearpost.notify;

/**
 * What a notification is about. Each kind has a default {@link Delivery} (a user may choose another, see
 * {@code /api/me/notifications}); a {@link #mandatory()} kind can never be turned {@link Delivery#OFF}.
 */
public enum NotificationKind {
    /** A task the recipient may claim (a member of its candidate groups) was created. */
    TASK_AVAILABLE(Delivery.IMMEDIATE),
    /** A task was created for the recipient by name (e.g. the creative a brief names). */
    TASK_ASSIGNED(Delivery.IMMEDIATE),
    TASK_REMINDER(Delivery.IMMEDIATE),
    TASK_ESCALATED(Delivery.IMMEDIATE),
    CONTENT_SENT_BACK(Delivery.IMMEDIATE),
    /** Good news that asks nothing of anyone: collected into the daily digest unless chosen otherwise. */
    CONTENT_APPROVED(Delivery.DIGEST),
    POST_PUBLISHED(Delivery.DIGEST),
    PUBLICATION_NEEDS_RESOLUTION(Delivery.IMMEDIATE),
    POSTS_HELD(Delivery.IMMEDIATE),
    WINDOW_EXPIRED(Delivery.IMMEDIATE),
    /** A platform account's token could not be renewed, or the account expires soon: a strategist reconnects it. */
    ACCOUNT_NEEDS_ATTENTION(Delivery.IMMEDIATE),
    /** The daily digest itself: {@link Delivery#IMMEDIATE} (sent at 08:00 local time) or {@link Delivery#OFF}. */
    DIGEST(Delivery.IMMEDIATE),
    CRISIS_ALERT(Delivery.IMMEDIATE),
    /** The link a new or reset user sets a password with: always sent at once, it cannot be turned off or digested. */
    INVITATION(Delivery.IMMEDIATE);

    private final Delivery defaultDelivery;

    NotificationKind(Delivery defaultDelivery) {
        this.defaultDelivery = defaultDelivery;
    }

    /** Escalations, crisis alerts and invitations always reach someone: they cannot be turned off. */
    public boolean mandatory() {
        return this == TASK_ESCALATED || this == CRISIS_ALERT || this == INVITATION;
    }

    /**
     * An invitation is useless in tomorrow's digest (and the user has no say before they can log in); a crisis alert
     * calls the crisis cell together at once, whatever the hour.
     */
    public boolean alwaysImmediate() {
        return this == INVITATION || this == CRISIS_ALERT;
    }

    /** The delivery of a user who has not chosen one. */
    public Delivery defaultDelivery() {
        return defaultDelivery;
    }

    /** The template base name under {@code mail/}: {@code TASK_ASSIGNED} → {@code task-assigned}. */
    String template() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
