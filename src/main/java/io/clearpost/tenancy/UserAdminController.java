package io.clearpost.tenancy;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * {@code /api/admin/users}: the administrator creates (and invites), lists, reads, changes and resets users.
 * Unlocking is {@link LoginLockController}'s.
 */
@RestController
class UserAdminController {

    private final UserAdministration administration;

    UserAdminController(UserAdministration administration) {
        this.administration = administration;
    }

    @PostMapping("/api/admin/users")
    ResponseEntity<UserAdministration.UserView> create(@AuthenticationPrincipal CurrentUser caller,
                                                       @RequestBody UserAdministration.NewUser request) {
        UserAdministration.UserView user = administration.create(caller, request);
        return ResponseEntity.created(URI.create("/api/admin/users/" + user.id())).body(user);
    }

    @GetMapping("/api/admin/users")
    List<UserAdministration.UserView> list(@AuthenticationPrincipal CurrentUser caller) {
        return administration.list(caller);
    }

    @GetMapping("/api/admin/users/{id}")
    UserAdministration.UserView get(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id) {
        return administration.get(caller, id);
    }

    @PutMapping("/api/admin/users/{id}")
    UserAdministration.UserView change(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id,
                                       @RequestBody UserAdministration.UserChange change) {
        return administration.change(caller, id, change);
    }

    @PostMapping("/api/admin/users/{id}/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id) {
        administration.reset(caller, id);
    }
}
