package io.clearpost.tenancy;

import io.clearpost.support.Forbidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/admin/users/{id}/unlock}: an administrator lifts a user's lock-out after failed logins. */
@RestController
class LoginLockController {

    private static final Logger log = LoggerFactory.getLogger(LoginLockController.class);

    private final Users users;

    LoginLockController(Users users) {
        this.users = users;
    }

    @PostMapping("/api/admin/users/{id}/unlock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlock(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id) {
        if (!caller.admin()) {
            throw new Forbidden("Only an administrator unlocks users");
        }
        users.unlock(id);
        log.info("Administrator {} unlocked user {}", caller.id(), LoginLocks.printable(id));
    }
}
