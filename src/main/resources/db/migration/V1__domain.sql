-- Clearpost domain tables. Plain SQL that runs unchanged on H2 and MariaDB.
-- List-valued columns hold JSON arrays; instants are UTC with millisecond precision.

CREATE TABLE brand (
    id                  VARCHAR(64)  NOT NULL PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    time_zone           VARCHAR(64)  NOT NULL,
    regulated           BOOLEAN      NOT NULL,
    client_sign_off     BOOLEAN      NOT NULL,
    platforms           VARCHAR(1000) NOT NULL,
    mandatory_mentions  MEDIUMTEXT   NOT NULL,
    banned_terms        MEDIUMTEXT   NOT NULL,
    frozen              BOOLEAN      NOT NULL DEFAULT FALSE,
    version             BIGINT       NOT NULL
);

CREATE TABLE brief (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    brand               VARCHAR(64)  NOT NULL,
    title               VARCHAR(300) NOT NULL,
    objective           MEDIUMTEXT   NOT NULL,
    audience            MEDIUMTEXT   NOT NULL,
    key_messages        MEDIUMTEXT   NOT NULL,
    mandatory_mentions  MEDIUMTEXT   NOT NULL,
    category            VARCHAR(40)  NOT NULL,
    status              VARCHAR(40)  NOT NULL,
    created_by          VARCHAR(64)  NOT NULL,
    created_at          DATETIME(3)  NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT fk_brief_brand FOREIGN KEY (brand) REFERENCES brand (id)
);
CREATE INDEX ix_brief_brand ON brief (brand, created_at);

CREATE TABLE content_item (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    brief_id            VARCHAR(36)  NOT NULL,
    brand               VARCHAR(64)  NOT NULL,
    position            INT          NOT NULL,
    platforms           VARCHAR(1000) NOT NULL,
    publish_after       DATETIME(3)  NOT NULL,
    publish_before      DATETIME(3)  NOT NULL,
    planned_at          DATETIME(3)  NULL,
    mandatory_mentions  MEDIUMTEXT   NOT NULL,
    creative            VARCHAR(64)  NULL,
    status              VARCHAR(20)  NOT NULL,
    violations          MEDIUMTEXT   NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT fk_content_brief FOREIGN KEY (brief_id) REFERENCES brief (id)
);
CREATE INDEX ix_content_brand ON content_item (brand, status);
CREATE INDEX ix_content_brief ON content_item (brief_id, position);

-- One row per submitted revision; canonical_json is exactly the bytes the hash covers.
CREATE TABLE revision (
    content_id          VARCHAR(36)  NOT NULL,
    number              INT          NOT NULL,
    canonical_json      MEDIUMTEXT   NOT NULL,
    hash                CHAR(64)     NOT NULL,
    author              VARCHAR(64)  NOT NULL,
    created_at          DATETIME(3)  NOT NULL,
    PRIMARY KEY (content_id, number),
    CONSTRAINT fk_revision_content FOREIGN KEY (content_id) REFERENCES content_item (id)
);

-- The reviews approval-routing.dmn required for the content's current validation round.
CREATE TABLE required_review (
    content_id          VARCHAR(36)  NOT NULL,
    review_key          VARCHAR(40)  NOT NULL,
    rule                VARCHAR(100) NOT NULL,
    PRIMARY KEY (content_id, review_key),
    CONSTRAINT fk_required_review_content FOREIGN KEY (content_id) REFERENCES content_item (id)
);

CREATE TABLE decision (
    content_id          VARCHAR(36)  NOT NULL,
    position            INT          NOT NULL,
    review_key          VARCHAR(40)  NOT NULL,
    reviewer            VARCHAR(64)  NOT NULL,
    decision            VARCHAR(20)  NOT NULL,
    comment             MEDIUMTEXT   NULL,
    revision_hash       CHAR(64)     NOT NULL,
    rule                VARCHAR(100) NOT NULL,
    decided_at          DATETIME(3)  NOT NULL,
    PRIMARY KEY (content_id, position),
    CONSTRAINT fk_decision_content FOREIGN KEY (content_id) REFERENCES content_item (id)
);

-- Per-brand hash chain of every domain event. audit_head serialises appends per brand.
CREATE TABLE audit_head (
    brand               VARCHAR(64)  NOT NULL PRIMARY KEY,
    last_seq            BIGINT       NOT NULL,
    last_hash           CHAR(64)     NOT NULL
);

CREATE TABLE audit_event (
    brand               VARCHAR(64)  NOT NULL,
    seq                 BIGINT       NOT NULL,
    type                VARCHAR(60)  NOT NULL,
    actor               VARCHAR(64)  NOT NULL,
    occurred_at         DATETIME(3)  NOT NULL,
    brief_id            VARCHAR(36)  NULL,
    content_id          VARCHAR(36)  NULL,
    payload             MEDIUMTEXT   NOT NULL,
    prev_hash           CHAR(64)     NOT NULL,
    hash                CHAR(64)     NOT NULL,
    PRIMARY KEY (brand, seq)
);
CREATE INDEX ix_audit_brief ON audit_event (brief_id);
CREATE INDEX ix_audit_content ON audit_event (content_id);
