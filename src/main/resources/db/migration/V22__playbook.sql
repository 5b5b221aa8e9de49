-- Crisis playbooks prepared in peace time (issue 12): per brand and scenario, a holding statement and reply
-- templates with declared placeholders. body holds them as JSON; hash is the SHA-256 of their canonical JSON
-- (RFC 8785), the bytes legal approves; approved_hash is the revision legal approved, NULL once the texts change.
CREATE TABLE playbook (
    id                      VARCHAR(36)   NOT NULL PRIMARY KEY,
    brand                   VARCHAR(64)   NOT NULL,
    scenario                VARCHAR(64)   NOT NULL,
    title                   VARCHAR(200)  NOT NULL,
    revision                INT           NOT NULL,
    body                    MEDIUMTEXT    NOT NULL,
    hash                    VARCHAR(64)   NOT NULL,
    author                  VARCHAR(64)   NOT NULL,
    revised_at              DATETIME(3)   NOT NULL,
    status                  VARCHAR(20)   NOT NULL,
    approved_hash           VARCHAR(64)   NULL,
    version                 BIGINT        NOT NULL,
    CONSTRAINT fk_playbook_brand FOREIGN KEY (brand) REFERENCES brand (id)
);
CREATE UNIQUE INDEX ux_playbook_scenario ON playbook (brand, scenario);

-- Legal's decisions on playbook revisions, in order, each bound to the hash it judged.
CREATE TABLE playbook_decision (
    playbook_id             VARCHAR(36)   NOT NULL,
    position                INT           NOT NULL,
    revision                INT           NOT NULL,
    revision_hash           VARCHAR(64)   NOT NULL,
    decision                VARCHAR(10)   NOT NULL,
    reviewer                VARCHAR(64)   NOT NULL,
    comment                 MEDIUMTEXT    NULL,
    decided_at              DATETIME(3)   NOT NULL,
    PRIMARY KEY (playbook_id, position),
    CONSTRAINT fk_playbook_decision_playbook FOREIGN KEY (playbook_id) REFERENCES playbook (id)
);

-- The playbook a crisis's holding statement was drafted from, with the placeholder values and its reply templates
-- filled with them (reply_drafts); replies holds them once the statement is approved (JSON, NULL before).
CREATE TABLE crisis_playbook (
    crisis_id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    playbook_id             VARCHAR(36)   NOT NULL,
    playbook_hash           VARCHAR(64)   NOT NULL,
    placeholders            MEDIUMTEXT    NOT NULL,
    unchanged               BOOLEAN       NOT NULL,
    reply_drafts            MEDIUMTEXT    NOT NULL,
    replies                 MEDIUMTEXT    NULL,
    CONSTRAINT fk_crisis_playbook_crisis FOREIGN KEY (crisis_id) REFERENCES crisis (id),
    CONSTRAINT fk_crisis_playbook_playbook FOREIGN KEY (playbook_id) REFERENCES playbook (id)
);
