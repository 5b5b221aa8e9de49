package io.clearpost.tenancy;

import io.clearpost.support.Conflict;
import io.clearpost.support.FieldError;
import io.clearpost.support.Forbidden;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.NotFound;
import io.clearpost.support.TextPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The administrator's users: created without a usable password and invited by mail, changed (name, e-mail, time
 * zone, enabled), reset (a new invitation, the password and older invitations void). Never deleted: audit events
 * name them; a disabled user cannot log in.
 */
@Service
class UserAdministration {

    private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);

    /** Lower case letters, digits, dot, underscore and hyphen, starting with a letter or digit. */
    static final Pattern USER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_NAME = 200;
    private static final int MAX_EMAIL = 254;

    private final Users users;
    private final Invitations invitations;

    UserAdministration(Users users, Invitations invitations) {
        this.users = users;
        this.invitations = invitations;
    }

    record NewUser(String id, String name, String email, String timeZone) {
    }

    /** What changes; a field left out (null) stays as it is. */
    record UserChange(String name, String email, String timeZone, Boolean enabled) {
    }

    record UserView(String id, String name, String email, String timeZone, boolean enabled, boolean locked,
                    boolean admin, boolean invitationPending, List<MeController.BrandRoles> brands) {
    }

    @Transactional
    UserView create(CurrentUser caller, NewUser request) {
        requireAdmin(caller);
        List<FieldError> errors = new ArrayList<>();
        if (request.id() == null || request.id().isEmpty()) {
            errors.add(new FieldError("id", "is required"));
        } else if (!USER_ID.matcher(request.id()).matches()) {
            errors.add(new FieldError("id", "must be 1 to 64 lower case letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit"));
        }
        validateName(request.name(), true, errors);
        validateEmail(request.email(), true, errors);
        validateZone(request.timeZone(), true, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (users.exists(request.id())) {
            throw new Conflict("User " + request.id() + " exists already");
        }
        users.create(request.id(), request.name().strip(), request.email().strip(), ZoneId.of(request.timeZone()));
        invitations.issue(request.id(), caller.id());
        log.info("Administrator {} created user {} and invited them", caller.id(), request.id());
        return view(request.id());
    }

    @Transactional(readOnly = true)
    List<UserView> list(CurrentUser caller) {
        requireAdmin(caller);
        return users.all().stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    UserView get(CurrentUser caller, String id) {
        requireAdmin(caller);
        return view(existing(id));
    }

    @Transactional
    UserView change(CurrentUser caller, String id, UserChange change) {
        requireAdmin(caller);
        existing(id);
        List<FieldError> errors = new ArrayList<>();
        validateName(change.name(), false, errors);
        validateEmail(change.email(), false, errors);
        validateZone(change.timeZone(), false, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (Boolean.FALSE.equals(change.enabled()) && id.equals(caller.id())) {
            throw new Conflict("An administrator cannot disable themselves");
        }
        UserProfile profile = users.profile(id).orElseThrow(() -> new NotFound("user " + id));
        if (change.name() != null || change.email() != null) {
            users.changeProfile(id, change.name() != null ? change.name().strip() : profile.name(),
                    change.email() != null ? change.email().strip() : profile.email());
        }
        if (change.timeZone() != null) {
            users.setTimeZone(id, ZoneId.of(change.timeZone()));
        }
        if (change.enabled() != null) {
            users.setEnabled(id, change.enabled());
        }
        log.info("Administrator {} changed user {}: {}", caller.id(), id, change.enabled() == null ? "profile"
                : change.enabled() ? "profile, enabled" : "profile, disabled");
        return view(id);
    }

    /** A new invitation; the user's password and older invitations stop working. */
    @Transactional
    InvitationIssued reset(CurrentUser caller, String id) {
        requireAdmin(caller);
        existing(id);
        users.forgetPassword(id);
        InvitationIssued issued = invitations.issue(id, caller.id());
        log.info("Administrator {} reset the password of user {}", caller.id(), id);
        return issued;
    }

    private String existing(String id) {
        if (!users.exists(id)) {
            throw new NotFound("user " + id);
        }
        return id;
    }

    private UserView view(String id) {
        UserProfile profile = users.profile(id).orElseThrow(() -> new NotFound("user " + id));
        CurrentUser user = users.load(id);
        List<MeController.BrandRoles> brands = user.admin() ? List.of() : user.roles().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new MeController.BrandRoles(e.getKey(), e.getValue().stream()
                        .sorted(Comparator.naturalOrder()).map(Role::key).toList()))
                .toList();
        return new UserView(id, profile.name(), profile.email(), profile.timeZone().getId(), users.enabled(id),
                users.locked(id), user.admin(), invitations.pending(id), brands);
    }

    static void requireAdmin(CurrentUser caller) {
        if (!caller.admin()) {
            throw new Forbidden("Only an administrator manages users and brands");
        }
    }

    private static void validateName(String name, boolean required, List<FieldError> errors) {
        if (name == null) {
            if (required) {
                errors.add(new FieldError("name", "is required"));
            }
        } else if (name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "must have at most " + MAX_NAME + " characters"));
        } else {
            TextPolicy.problem(name).ifPresent(problem -> errors.add(new FieldError("name", problem)));
        }
    }

    private static void validateEmail(String email, boolean required, List<FieldError> errors) {
        if (email == null) {
            if (required) {
                errors.add(new FieldError("email", "is required"));
            }
        } else if (email.strip().length() > MAX_EMAIL || !EMAIL.matcher(email.strip()).matches()) {
            errors.add(new FieldError("email", "is not an e-mail address"));
        }
    }

    static void validateZone(String zone, boolean required, List<FieldError> errors) {
        if (zone == null) {
            if (required) {
                errors.add(new FieldError("timeZone", "is required"));
            }
        } else if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone (such as Europe/Paris)"));
        }
    }
}
