package io.clearpost.tenancy;

import java.time.ZoneId;

/** A user as mails and {@code GET /api/me} show them: display name, e-mail address (may be null) and time zone. */
public record UserProfile(String id, String name, String email, ZoneId timeZone) {
}
