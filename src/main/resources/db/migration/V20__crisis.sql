-- Crises (crisis-escalation.bpmn). One open crisis per brand: open_brand holds the brand while the crisis is
-- OPEN and is NULL afterwards, so the unique index lets a second declaration fail even when two race.
-- signals and post_mortem are JSON; instants are UTC with millisecond precision.
CREATE TABLE crisis (
    id                      VARCHAR(36)   NOT NULL PRIMARY KEY,
    brand                   VARCHAR(64)   NOT NULL,
    summary                 MEDIUMTEXT    NOT NULL,
    signals                 MEDIUMTEXT    NOT NULL,
    reach                   BIGINT        NULL,
    mentions_per_hour       BIGINT        NULL,
    legal_risk              BOOLEAN       NOT NULL,
    safety_risk             BOOLEAN       NOT NULL,
    press_coverage          BOOLEAN       NOT NULL,
    platforms               VARCHAR(1000) NOT NULL,
    status                  VARCHAR(20)   NOT NULL,
    suggested_severity      INT           NULL,
    severity                INT           NULL,
    frozen                  BOOLEAN       NOT NULL,
    statement_content_id    VARCHAR(36)   NULL,
    open_brand              VARCHAR(64)   NULL,
    declared_by             VARCHAR(64)   NOT NULL,
    declared_at             DATETIME(3)   NOT NULL,
    statement_published_at  DATETIME(3)   NULL,
    resolution              MEDIUMTEXT    NULL,
    post_mortem             MEDIUMTEXT    NULL,
    version                 BIGINT        NOT NULL,
    CONSTRAINT fk_crisis_brand FOREIGN KEY (brand) REFERENCES brand (id)
);
CREATE UNIQUE INDEX ux_crisis_open_brand ON crisis (open_brand);
CREATE INDEX ix_crisis_brand ON crisis (brand, declared_at);

-- The crisis's timeline, one row per step, in order: who did what when.
CREATE TABLE crisis_step (
    crisis_id               VARCHAR(36)   NOT NULL,
    position                INT           NOT NULL,
    step                    VARCHAR(40)   NOT NULL,
    actor                   VARCHAR(64)   NOT NULL,
    occurred_at             DATETIME(3)   NOT NULL,
    detail                  MEDIUMTEXT    NULL,
    PRIMARY KEY (crisis_id, position),
    CONSTRAINT fk_crisis_step_crisis FOREIGN KEY (crisis_id) REFERENCES crisis (id)
);
