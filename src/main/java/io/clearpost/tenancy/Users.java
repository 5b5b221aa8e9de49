package io.clearpost.tenancy;

import io.clearpost.engine.EngineClock;
import io.clearpost.engine.PasswordHashing;
import io.clearpost.support.FieldError;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.NotFound;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.identity.Group;
import org.operaton.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads users, their brands and roles from the engine's identity store (groups {@code <brand>:<role>}). */
@Service
public class Users {

    public static final String ADMIN_GROUP = "admin";

    private static final Logger log = LoggerFactory.getLogger(Users.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identity;
    private final JdbcClient jdbc;
    private final LoginLocks locks;

    Users(IdentityService identity, JdbcClient jdbc, LoginLocks locks) {
        this.identity = identity;
        this.jdbc = jdbc;
        this.locks = locks;
    }

    /**
     * The user when the password matches the stored hash and the user is enabled and not locked out. A failure counts
     * towards a lock-out ({@link LoginSettings}); a success resets the count and upgrades a hash of an older
     * algorithm.
     */
    public Optional<CurrentUser> authenticate(String userId, String password) {
        if (userId == null || password == null || userId.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            locks.refused(userId, LoginLocks.Reason.UNKNOWN_USER);
            return Optional.empty();
        }
        if (!enabled(userId)) {
            locks.refused(userId, LoginLocks.Reason.DISABLED);
            return Optional.empty();
        }
        Optional<LoginLocks.State> failures = locks.state(userId);
        if (failures.isPresent() && failures.get().lockedAt(EngineClock.now())) {
            locks.refused(userId, LoginLocks.Reason.LOCKED);
            return Optional.empty();
        }
        if (!identity.checkPassword(userId, password)) {
            locks.failed(userId);
            return Optional.empty();
        }
        if (failures.isPresent()) {
            locks.clear(userId);
        }
        if (!PasswordHashing.isCurrent(user)) {
            storePassword(user, password);
            log.info("Upgraded the password hash of user {}", userId);
        }
        return Optional.of(load(userId));
    }

    /**
     * The caller's new password, after checking the current one (a wrong one counts as a failed login).
     * Not transactional: the failure count must stay when the request is refused.
     */
    public void changePassword(String userId, String currentPassword, String newPassword) {
        List<FieldError> errors = new ArrayList<>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            errors.add(new FieldError("currentPassword", "is required"));
        }
        PasswordPolicy.problem(newPassword).ifPresent(problem -> errors.add(new FieldError("newPassword", problem)));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (!identity.checkPassword(userId, currentPassword)) {
            locks.failed(userId);
            throw new InvalidInput("currentPassword", "is not your current password");
        }
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            throw new NotFound("user " + userId);
        }
        storePassword(user, newPassword);
        locks.clear(userId);
        log.info("User {} changed their password", userId);
    }

    /** Lifts a lock-out and resets the failure count (an administrator's action, or the operator's recovery). */
    public void unlock(String userId) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            throw new NotFound("user " + userId);
        }
        locks.clear(userId);
        identity.unlockUser(userId);
    }

    /** Whether the user is locked out now. */
    public boolean locked(String userId) {
        return locks.locked(userId);
    }

    /** Sets the password of an existing user (an accepted invitation) and lifts any lock-out. */
    void setPassword(String userId, String password) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            throw new NotFound("user " + userId);
        }
        storePassword(user, password);
        locks.clear(userId);
    }

    /**
     * Creates a user who cannot log in yet: the stored password is random and never told to anyone, so only an
     * invitation ({@link Invitations}) gives the user one.
     */
    void create(String userId, String name, String email, ZoneId zone) {
        User user = identity.newUser(userId);
        user.setFirstName(name);
        user.setLastName("");
        user.setEmail(email);
        user.setPassword(unusablePassword());
        identity.saveUser(user);
        setTimeZone(userId, zone);
    }

    /** Name and e-mail address of an existing user. */
    void changeProfile(String userId, String name, String email) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            throw new NotFound("user " + userId);
        }
        user.setFirstName(name);
        user.setLastName("");
        user.setEmail(email);
        identity.saveUser(user);
    }

    /** Makes the current password unusable (a reset: the user sets a new one through an invitation). */
    void forgetPassword(String userId) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            throw new NotFound("user " + userId);
        }
        storePassword(user, unusablePassword());
    }

    private static String unusablePassword() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Whether the user may log in; a user without a profile row is enabled. */
    public boolean enabled(String userId) {
        return jdbc.sql("SELECT enabled FROM user_profile WHERE user_id = ?").param(userId)
                .query(Boolean.class).optional().orElse(true);
    }

    void setEnabled(String userId, boolean enabled) {
        int updated = jdbc.sql("UPDATE user_profile SET enabled = ? WHERE user_id = ?").params(enabled, userId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO user_profile (user_id, time_zone, enabled) VALUES (?, ?, ?)")
                    .params(userId, ZoneOffset.UTC.getId(), enabled).update();
        }
    }

    /** Whether a user of this id exists. */
    public boolean exists(String userId) {
        return userId != null && identity.createUserQuery().userId(userId).count() > 0;
    }

    private void storePassword(User user, String password) {
        user.setPassword(password);
        try {
            identity.saveUser(user);
        } catch (OptimisticLockingException e) {
            // a parallel request of the same user stored it first (an upgrade of the same password)
            log.debug("Password of user {} stored concurrently", user.getId());
        }
    }

    /** The user with the roles of their memberships (the engine groups they are a member of). */
    public CurrentUser load(String userId) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        return withRoles(userId, groups, null);
    }

    /**
     * The user an identity provider's token names: by e-mail when the value holds an {@code @} (a user id
     * cannot), else by id, both compared exactly (a case-insensitive collation of MariaDB would match "Lea" to
     * "lea", H2 would not). Empty for no such user, for an e-mail more than one user has, and for a disabled user.
     */
    public Optional<String> userIdOf(String idOrEmail) {
        if (idOrEmail == null || idOrEmail.isBlank()) {
            return Optional.empty();
        }
        boolean email = idOrEmail.contains("@");
        List<User> found = (email ? identity.createUserQuery().userEmail(idOrEmail)
                : identity.createUserQuery().userId(idOrEmail)).list().stream()
                .filter(user -> idOrEmail.equals(email ? user.getEmail() : user.getId()))
                .toList();
        if (found.size() > 1) {
            log.warn("{} users have the e-mail a token names; none of them is logged in", found.size());
        }
        return found.size() == 1 && enabled(found.get(0).getId()) ? Optional.of(found.get(0).getId()) : Optional.empty();
    }

    /**
     * The user with the roles an identity provider asserts (a token's groups claim) instead of their
     * memberships: each value is {@code <brand>:<role>} of an existing brand and a known role, or
     * {@code admin}; any other value is ignored.
     */
    public CurrentUser withClaimedGroups(String userId, Collection<String> groups) {
        Set<String> brands = new HashSet<>();
        identity.createTenantQuery().list().forEach(tenant -> brands.add(tenant.getId()));
        return withRoles(userId, groups, brands);
    }

    /** {@code knownBrands} null: the groups are the store's own, trusted as they are. */
    private CurrentUser withRoles(String userId, Collection<String> groups, Set<String> knownBrands) {
        Map<String, Set<Role>> roles = new HashMap<>();
        boolean admin = false;
        for (String group : groups) {
            if (ADMIN_GROUP.equals(group)) {
                admin = true;
                continue;
            }
            String[] parts = group.split(":", 2);
            if (parts.length == 2 && (knownBrands == null || knownBrands.contains(parts[0]))) {
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
