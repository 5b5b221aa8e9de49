package io.clearpost.tenancy;

import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.Group;
import org.springframework.stereotype.Service;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads users, their brands and roles from the engine's identity store (groups {@code <brand>:<role>}). */
@Service
public class Users {

    public static final String ADMIN_GROUP = "admin";

    private final IdentityService identity;

    Users(IdentityService identity) {
        this.identity = identity;
    }

    /** The user when the password matches the engine's salted hash. */
    public Optional<CurrentUser> authenticate(String userId, String password) {
        if (userId == null || password == null || !identity.checkPassword(userId, password)) {
            return Optional.empty();
        }
        return Optional.of(load(userId));
    }

    public CurrentUser load(String userId) {
        Map<String, Set<Role>> roles = new HashMap<>();
        boolean admin = false;
        for (Group group : identity.createGroupQuery().groupMember(userId).list()) {
            if (ADMIN_GROUP.equals(group.getId())) {
                admin = true;
                continue;
            }
            String[] parts = group.getId().split(":", 2);
            if (parts.length == 2) {
                Role.ofKey(parts[1]).ifPresent(role ->
                        roles.computeIfAbsent(parts[0], b -> EnumSet.noneOf(Role.class)).add(role));
            }
        }
        if (admin) {
            identity.createTenantQuery().list()
                    .forEach(tenant -> roles.computeIfAbsent(tenant.getId(), b -> EnumSet.noneOf(Role.class)));
        }
        return new CurrentUser(userId, admin, roles);
    }

    /** Whether the user exists and holds the role in the brand (e.g. a creative named on a brief). */
    public boolean hasRole(String userId, String brand, Role role) {
        return identity.createUserQuery().userId(userId).memberOfGroup(role.groupOf(brand)).count() > 0;
    }
}
