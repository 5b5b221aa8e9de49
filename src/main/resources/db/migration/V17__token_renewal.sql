-- Token renewal ahead of expiry (publish/connector/TokenRenewal): the refresh token's expiry where the
-- platform tells it, when the access token was last renewed, the last renewal's error (no secret in it)
-- while no renewal has succeeded since, and the last time the brand's strategists were told the account
-- needs attention (at most once a day).
ALTER TABLE platform_account ADD COLUMN refresh_token_expires_at DATETIME(3) NULL;
ALTER TABLE platform_account ADD COLUMN last_renewed_at DATETIME(3) NULL;
ALTER TABLE platform_account ADD COLUMN renewal_error VARCHAR(500) NULL;
ALTER TABLE platform_account ADD COLUMN renewal_failed_at DATETIME(3) NULL;
ALTER TABLE platform_account ADD COLUMN attention_at DATETIME(3) NULL;
