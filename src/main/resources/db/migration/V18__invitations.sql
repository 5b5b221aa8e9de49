-- Invitations (io.clearpost.tenancy.Invitations): the single-use link a new or reset user sets a password with.
-- Only the SHA-256 of the mailed token is kept. A newer invitation of the same user voids the older ones.
CREATE TABLE invitation (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    user_id             VARCHAR(64)   NOT NULL,
    -- hex SHA-256 of the token in the link
    token_hash          VARCHAR(64)   NOT NULL,
    created_by          VARCHAR(64)   NOT NULL,
    created_at          DATETIME(3)   NOT NULL,
    expires_at          DATETIME(3)   NOT NULL,
    used_at             DATETIME(3)   NULL,
    voided_at           DATETIME(3)   NULL,
    CONSTRAINT uq_invitation_token UNIQUE (token_hash)
);
CREATE INDEX ix_invitation_user ON invitation (user_id);

-- Whether a user may log in: an administrator deactivates a user (never deletes one: audit events name them).
-- A user without a user_profile row is enabled.
ALTER TABLE user_profile ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
