package io.clearpost.tenancy;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/invitations/{token}}: the invited user sets a password, without credentials (the mailed token
 * is the credential). 204; 404 for an unknown token, 410 for a used, replaced or expired one, 400 for a weak
 * password.
 */
@RestController
class InvitationController {

    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    record AcceptInvitation(String password) {
    }

    @PostMapping("/api/invitations/{token}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void accept(@PathVariable String token, @RequestBody AcceptInvitation body) {
        invitations.accept(token, body.password());
    }
}
