-- Scheduling and publication.

-- The schedule: the instant, and the IANA zone it was given in, so calendars show the brand's local time.
ALTER TABLE content_item ADD COLUMN publish_at DATETIME(3) NULL;
ALTER TABLE content_item ADD COLUMN time_zone VARCHAR(64) NULL;
-- The hash every required reviewer approved; publication refuses any other.
ALTER TABLE content_item ADD COLUMN approved_hash CHAR(64) NULL;

-- One row per target platform. The idempotency key (content id + platform + approved hash) is stored
-- before the platform is called, so a retry after an unknown outcome asks the platform about it first.
CREATE TABLE publication (
    content_id          VARCHAR(36)   NOT NULL,
    platform            VARCHAR(20)   NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    idempotency_key     VARCHAR(200)  NOT NULL,
    attempts            INT           NOT NULL,
    post_id             VARCHAR(200)  NULL,
    url                 VARCHAR(2000) NULL,
    last_error          VARCHAR(2000) NULL,
    published_at        DATETIME(3)   NULL,
    PRIMARY KEY (content_id, platform),
    CONSTRAINT fk_publication_content FOREIGN KEY (content_id) REFERENCES content_item (id)
);
CREATE UNIQUE INDEX ux_publication_key ON publication (idempotency_key);

-- The sandbox connector's "platform": posts it accepted, one per idempotency key.
CREATE TABLE sandbox_post (
    idempotency_key     VARCHAR(200)  NOT NULL PRIMARY KEY,
    brand               VARCHAR(64)   NOT NULL,
    platform            VARCHAR(20)   NOT NULL,
    post_id             VARCHAR(64)   NOT NULL,
    url                 VARCHAR(500)  NOT NULL,
    body                MEDIUMTEXT    NOT NULL,
    posted_at           DATETIME(3)   NOT NULL
);
