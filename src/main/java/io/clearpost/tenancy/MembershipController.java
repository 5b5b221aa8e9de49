package io.clearpost.tenancy;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code PUT/DELETE /api/admin/brands/{brand}/members/{user}} (administrators; a brand's strategist for
 * {@code creative} only) and {@code GET /api/brands/{brand}/members} (its strategists and brand managers).
 */
@RestController
class MembershipController {

    private final Memberships memberships;

    MembershipController(Memberships memberships) {
        this.memberships = memberships;
    }

    record Roles(List<String> roles) {
    }

    @PutMapping("/api/admin/brands/{brand}/members/{user}")
    Memberships.Member replace(@AuthenticationPrincipal CurrentUser caller, @PathVariable String brand,
                               @PathVariable String user, @RequestBody Roles body) {
        return memberships.replace(caller, brand, user, body.roles());
    }

    @DeleteMapping("/api/admin/brands/{brand}/members/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@AuthenticationPrincipal CurrentUser caller, @PathVariable String brand, @PathVariable String user) {
        memberships.remove(caller, brand, user);
    }

    @GetMapping("/api/brands/{brand}/members")
    List<Memberships.Member> members(@AuthenticationPrincipal CurrentUser caller, @PathVariable String brand) {
        return memberships.members(caller, brand);
    }
}
