package io.clearpost.tenancy;

import io.clearpost.support.NotFound;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/me}: who the caller is, where mails reach them, and what they may do in which brand;
 * {@code PUT /api/me/password}: a new password, given the current one.
 */
@RestController
class MeController {

    private final Users users;

    MeController(Users users) {
        this.users = users;
    }

    record Me(String id, String name, String email, String timeZone, boolean admin, List<BrandRoles> brands) {
    }

    /** A brand the caller belongs to and their roles in it (role keys: {@code strategist}, {@code legal}, …). */
    record BrandRoles(String brand, List<String> roles) {
    }

    @GetMapping("/api/me")
    Me me(@AuthenticationPrincipal CurrentUser user) {
        UserProfile profile = users.profile(user.id()).orElseThrow(() -> new NotFound("user " + user.id()));
        List<BrandRoles> brands = user.roles().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> new BrandRoles(e.getKey(), e.getValue().stream()
                        .sorted(Comparator.naturalOrder()).map(Role::key).toList()))
                .toList();
        return new Me(profile.id(), profile.name(), profile.email(), profile.timeZone().getId(), user.admin(), brands);
    }

    /** The current password (checked like a login) and the new one ({@link PasswordPolicy}). */
    record ChangePassword(String currentPassword, String newPassword) {
    }

    @PutMapping("/api/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@AuthenticationPrincipal CurrentUser user, @RequestBody ChangePassword change) {
        users.changePassword(user.id(), change.currentPassword(), change.newPassword());
    }
}
