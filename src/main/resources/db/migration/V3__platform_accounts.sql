-- A brand's accounts on the platforms. Credentials (tokens, client and webhook secrets) are one
-- AES-GCM encrypted value, never plaintext; without a row the brand publishes to the sandbox.
CREATE TABLE platform_account (
    brand               VARCHAR(64)   NOT NULL,
    platform            VARCHAR(20)   NOT NULL,
    account_id          VARCHAR(200)  NULL,
    client_id           VARCHAR(200)  NULL,
    endpoint            VARCHAR(2000) NULL,
    credentials         TEXT          NOT NULL,
    token_expires_at    DATETIME(3)   NULL,
    connected_by        VARCHAR(64)   NOT NULL,
    updated_at          DATETIME(3)   NOT NULL,
    PRIMARY KEY (brand, platform)
);

-- What a connector learned from a platform during an attempt (container id, upload session, publish
-- id), written in its own transaction under the idempotency key; the next attempt reconciles from it.
CREATE TABLE connector_attempt (
    idempotency_key     VARCHAR(200)  NOT NULL,
    step                VARCHAR(50)   NOT NULL,
    step_value          VARCHAR(2000) NOT NULL,
    recorded_at         DATETIME(3)   NOT NULL,
    PRIMARY KEY (idempotency_key, step)
);
