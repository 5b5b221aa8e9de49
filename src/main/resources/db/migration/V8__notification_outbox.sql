-- The mail outbox (io.clearpost.notify): a notification is a row written in the transaction of the change
-- that caused it, and sent after commit. Plain SQL for H2 and MariaDB.
CREATE TABLE notification_outbox (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    kind                VARCHAR(40)   NOT NULL,
    recipient           VARCHAR(64)   NOT NULL,
    email               VARCHAR(320)  NOT NULL,
    subject             VARCHAR(500)  NOT NULL,
    text_body           MEDIUMTEXT    NOT NULL,
    html_body           MEDIUMTEXT    NOT NULL,
    -- <id@clearpost>: the same on every attempt, so a receiving system can drop a repeated delivery
    message_id          VARCHAR(100)  NOT NULL,
    brand               VARCHAR(64)   NULL,
    task_id             VARCHAR(64)   NULL,
    -- the cause: one cause writes at most one row per recipient
    dedupe_key          VARCHAR(300)  NOT NULL,
    -- PENDING (to send), DIGEST (kept for the recipient's next digest), SENT, DIGESTED, FAILED
    status              VARCHAR(20)   NOT NULL,
    attempts            INT           NOT NULL,
    next_attempt_at     DATETIME(3)   NOT NULL,
    -- the exception's type and message (the SMTP server's answer); never a body or a credential
    last_error          VARCHAR(1000) NULL,
    -- who is sending it, until when: a node that dies while sending loses the claim when the lease ends
    claimed_by          VARCHAR(100)  NULL,
    lease_until         DATETIME(3)   NULL,
    created_at          DATETIME(3)   NOT NULL,
    sent_at             DATETIME(3)   NULL,
    CONSTRAINT uq_notification_cause UNIQUE (recipient, dedupe_key)
);
CREATE INDEX ix_notification_due ON notification_outbox (status, next_attempt_at);
CREATE INDEX ix_notification_recipient ON notification_outbox (recipient, status, created_at);

-- A user's choice per notification kind; a kind without a row has its default (NotificationKind).
CREATE TABLE notification_preference (
    user_id             VARCHAR(64)   NOT NULL,
    kind                VARCHAR(40)   NOT NULL,
    delivery            VARCHAR(20)   NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- The local date of each user's last daily digest: one digest per user and day.
CREATE TABLE notification_digest (
    user_id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    last_digest_date    DATE          NOT NULL
);
