package io.clearpost.notify;

import io.clearpost.support.Forbidden;
import io.clearpost.support.NotFound;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Users;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Notification preferences: kind → {@code IMMEDIATE}, {@code DIGEST} or {@code OFF}. The caller's own at
 * {@code /api/me/notifications}; anyone's at {@code /api/users/{id}/notifications}, for that user or an administrator.
 */
@RestController
class PreferencesController {

    private final Preferences preferences;
    private final Users users;

    PreferencesController(Preferences preferences, Users users) {
        this.preferences = preferences;
        this.users = users;
    }

    @GetMapping("/api/me/notifications")
    Map<NotificationKind, Delivery> mine(@AuthenticationPrincipal CurrentUser user) {
        return preferences.all(user.id());
    }

    @PutMapping("/api/me/notifications")
    Map<NotificationKind, Delivery> updateMine(@AuthenticationPrincipal CurrentUser user,
                                               @RequestBody Map<String, String> changes) {
        return preferences.update(user.id(), changes);
    }

    @GetMapping("/api/users/{id}/notifications")
    Map<NotificationKind, Delivery> ofUser(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return preferences.all(allowed(user, id));
    }

    @PutMapping("/api/users/{id}/notifications")
    Map<NotificationKind, Delivery> updateOfUser(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
                                                 @RequestBody Map<String, String> changes) {
        return preferences.update(allowed(user, id), changes);
    }

    /** The user themself or an administrator; to anyone else another user's preferences are forbidden, existing or not. */
    private String allowed(CurrentUser user, String id) {
        if (!user.id().equals(id) && !user.admin()) {
            throw new Forbidden("Only the user themself and administrators manage these notification preferences");
        }
        if (users.profile(id).isEmpty()) {
            throw new NotFound("user " + id);
        }
        return id;
    }
}
