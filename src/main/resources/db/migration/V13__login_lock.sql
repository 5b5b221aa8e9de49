-- Failed logins of existing users (io.clearpost.tenancy.LoginLocks): consecutive failures since the last
-- successful login or unlock, and until when the user is locked out. No row: no failures.
CREATE TABLE login_lock (
    user_id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    failures            INT          NOT NULL,
    locked_until        DATETIME(3)  NULL
);
