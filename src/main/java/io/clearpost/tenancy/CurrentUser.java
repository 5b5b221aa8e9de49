package io.clearpost.tenancy;


import io.clearpost.support.NotFound;
import io.clearpost.support.Forbidden;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authenticated caller: the brands they belong to and their roles in each, read from the
 * engine's identity store. Every service checks access through this, server-side. An admin's
 * map holds every existing brand, with no role.
 */
public record CurrentUser(String id, boolean admin, Map<String, Set<Role>> roles) {

    public CurrentUser {
        roles = Map.copyOf(roles);
    }

    /** Admins belong to every existing brand (with no role in it); others to the brands they have a role in. */
    public boolean belongsTo(String brand) {
        return brand != null && roles.containsKey(brand);
    }

    public boolean has(String brand, Role... anyOf) {
        Set<Role> held = roles.getOrDefault(brand, Set.of());
        return Arrays.stream(anyOf).anyMatch(held::contains);
    }

    /**
     * A freelancer in the brand: a creative there and nothing else. They read only the deliverables assigned to
     * them (their briefs, content and tasks), never the brand's other work.
     */
    public boolean onlyCreativeIn(String brand) {
        return !admin && roles.getOrDefault(brand, Set.of()).equals(Set.of(Role.CREATIVE));
    }

    public Set<String> brands() {
        return roles.keySet();
    }

    /** Engine candidate groups this user is a member of. */
    public List<String> groups() {
        return roles.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(r -> r.groupOf(e.getKey())))
                .sorted()
                .toList();
    }

    /** 404 for a brand the caller does not belong to: another brand's resources do not exist for them. */
    public void requireBrand(String brand, String what) {
        if (!belongsTo(brand)) {
            throw new NotFound(what);
        }
    }

    /** 404 outside one's brands, 403 for a role not allowed within it; admins pass when {@code adminAllowed}. */
    public void requireRole(String brand, String what, boolean adminAllowed, Role... anyOf) {
        requireBrand(brand, what);
        if (admin && adminAllowed) {
            return;
        }
        if (!has(brand, anyOf)) {
            throw new Forbidden("Your role in " + brand + " does not allow this; it needs one of "
                    + EnumSet.copyOf(List.of(anyOf)).stream().map(Role::key).toList());
        }
    }
}
