-- A publication is its own aggregate (content id + platform), no longer saved with its content item:
-- it guards concurrent changes with its own version.
ALTER TABLE publication ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
