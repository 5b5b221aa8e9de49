package io.clearpost.notify;

import io.clearpost.tenancy.InvitationIssued;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Mails an invitation's link to the invited user, in the transaction that wrote the invitation. */
@Component
class InvitationMails {

    private final Notifications notifications;

    InvitationMails(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(InvitationIssued invitation) {
        notifications.notify(NotificationKind.INVITATION, invitation.userId(), null,
                "invitation:" + invitation.invitationId(),
                Map.of("apiLink", invitation.path(), "expiresAt", invitation.expiresAt(), "userId", invitation.userId()));
    }
}
