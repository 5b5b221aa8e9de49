package io.clearpost.tenancy;

import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.Group;
import org.operaton.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads users, their brands and roles from the engine's identity store (groups {@code <brand>:<role>}). */
@Service
public class Users {

    public static final String ADMIN_GROUP = "admin";

    private final IdentityService identity;
    private final JdbcClient jdbc;

    Users(IdentityService identity, JdbcClient jdbc) {
        this.identity = identity;
        this.jdbc = jdbc;
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

    /** Name, e-mail and time zone of an existing user. */
    public Optional<UserProfile> profile(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            return Optional.empty();
        }
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        String email = user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail();
        return Optional.of(new UserProfile(user.getId(), name.isEmpty() ? user.getId() : name, email, timeZone(userId)));
    }

    /** The user's time zone; UTC for a user who never set one (or whose stored zone no longer exists). */
    public ZoneId timeZone(String userId) {
        return jdbc.sql("SELECT time_zone FROM user_profile WHERE user_id = ?").param(userId)
                .query(String.class).optional()
                .flatMap(Users::zone)
                .orElse(ZoneOffset.UTC);
    }

    @Transactional
    public void setTimeZone(String userId, ZoneId zone) {
        int updated = jdbc.sql("UPDATE user_profile SET time_zone = ? WHERE user_id = ?")
                .params(zone.getId(), userId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO user_profile (user_id, time_zone) VALUES (?, ?)").params(userId, zone.getId()).update();
        }
    }

    /** Whether the user has a stored time zone (the demo data sets one only where none is). */
    boolean hasTimeZone(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_profile WHERE user_id = ?").param(userId)
                .query(Long.class).single() > 0;
    }

    /** The ids of the members of an engine group ({@code <brand>:<role>} or {@code admin}), sorted. */
    public List<String> membersOf(String groupId) {
        return identity.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getId).sorted().toList();
    }

    /** Every user id, sorted. */
    public List<String> all() {
        return identity.createUserQuery().list().stream().map(User::getId).sorted().toList();
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
