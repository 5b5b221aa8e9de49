-- What Clearpost keeps about a user beyond the engine's identity store (io.clearpost.tenancy): the time zone
-- their mails show times in. A user without a row is on UTC.
CREATE TABLE user_profile (
    user_id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    time_zone           VARCHAR(64)   NOT NULL
);
