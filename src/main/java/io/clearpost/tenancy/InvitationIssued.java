package io.clearpost.tenancy;

import java.time.Instant;

/**
 * An invitation was written for a user, in the current transaction: the mail module sends its link. Carries the
 * token itself, so it is an application event for the mail only, never a {@code DomainEvent} (the audit chain
 * must not hold a credential).
 */
public record InvitationIssued(String invitationId, String userId, String token, Instant expiresAt) {

    /** The link's path; the mail puts {@code clearpost.mail.base-url} in front. */
    public String path() {
        return "/api/invitations/" + token;
    }
}
