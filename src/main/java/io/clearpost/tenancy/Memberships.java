package io.clearpost.tenancy;

import io.clearpost.events.DomainEvent;
import io.clearpost.support.FieldError;
import io.clearpost.support.Forbidden;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.NotFound;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who holds which roles in a brand (engine groups {@code <brand>:<role>}). Administrators replace or remove any
 * user's roles; a brand's strategist grants and revokes {@code creative} only, in their own brands (the agency
 * onboarding its freelancers). Every change is a typed event in the brand's audit chain.
 */
@Service
class Memberships {

    private final IdentityService identity;
    private final Users users;
    private final BrandRepository brands;
    private final BrandTenants tenants;
    private final ApplicationEventPublisher events;

    Memberships(IdentityService identity, Users users, BrandRepository brands, BrandTenants tenants,
                ApplicationEventPublisher events) {
        this.identity = identity;
        this.users = users;
        this.brands = brands;
        this.tenants = tenants;
        this.events = events;
    }

    record Member(String user, String name, String email, List<String> roles) {
    }

    /** Replaces the user's roles in the brand (at least one; removing all is {@link #remove}). */
    @Transactional
    Member replace(CurrentUser caller, String brand, String member, List<String> roleKeys) {
        Brand target = authorize(caller, brand);
        Set<Role> wanted = roles(roleKeys);
        existingUser(member);
        Set<Role> held = held(member, brand);
        requireAllowed(caller, brand, held, wanted);
        if (!held.equals(wanted)) {
            for (Role role : held) {
                if (!wanted.contains(role)) {
                    identity.deleteMembership(member, role.groupOf(brand));
                }
            }
            for (Role role : wanted) {
                if (!held.contains(role)) {
                    identity.createMembership(member, tenants.ensureGroup(brand, target.name(), role));
                }
            }
            events.publishEvent(new DomainEvent.MembershipChanged(brand, caller.id(), member, keys(held), keys(wanted)));
        }
        return view(member, wanted);
    }

    @Transactional
    void remove(CurrentUser caller, String brand, String member) {
        authorize(caller, brand);
        existingUser(member);
        Set<Role> held = held(member, brand);
        if (held.isEmpty()) {
            throw new NotFound("member " + member + " of brand " + brand);
        }
        requireAllowed(caller, brand, held, EnumSet.noneOf(Role.class));
        held.forEach(role -> identity.deleteMembership(member, role.groupOf(brand)));
        events.publishEvent(new DomainEvent.MembershipRemoved(brand, caller.id(), member, keys(held)));
    }

    /** The brand's members with their roles, sorted by user id: for its strategists, brand managers and admins. */
    @Transactional(readOnly = true)
    List<Member> members(CurrentUser caller, String brand) {
        caller.requireRole(brand, "brand " + brand, true, Role.STRATEGIST, Role.BRAND_MANAGER);
        if (!brands.existsById(brand)) {
            throw new NotFound("brand " + brand);
        }
        Map<String, Set<Role>> members = new TreeMap<>();
        for (Role role : Role.values()) {
            users.membersOf(role.groupOf(brand)).forEach(user ->
                    members.computeIfAbsent(user, u -> EnumSet.noneOf(Role.class)).add(role));
        }
        return members.entrySet().stream().map(e -> view(e.getKey(), e.getValue())).toList();
    }

    /** 404 for a brand the caller is not in (or that does not exist), 403 for anyone but admins and strategists. */
    private Brand authorize(CurrentUser caller, String brand) {
        caller.requireRole(brand, "brand " + brand, true, Role.STRATEGIST);
        return brands.findById(brand).orElseThrow(() -> new NotFound("brand " + brand));
    }

    private static void requireAllowed(CurrentUser caller, String brand, Set<Role> held, Set<Role> wanted) {
        if (caller.admin()) {
            return;
        }
        Set<Role> changed = EnumSet.noneOf(Role.class);
        held.stream().filter(r -> !wanted.contains(r)).forEach(changed::add);
        wanted.stream().filter(r -> !held.contains(r)).forEach(changed::add);
        changed.remove(Role.CREATIVE);
        if (!changed.isEmpty()) {
            throw new Forbidden("A strategist grants and revokes only " + Role.CREATIVE.key() + " in " + brand
                    + "; this would change " + keys(changed));
        }
    }

    private static Set<Role> roles(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new InvalidInput("roles", "must name at least one role (DELETE removes a member); one of "
                    + Arrays.stream(Role.values()).map(Role::key).toList());
        }
        List<FieldError> errors = new ArrayList<>();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            int at = i;
            Role.ofKey(key).ifPresentOrElse(roles::add, () -> errors.add(new FieldError("roles[" + at + "]",
                    "is not a role; one of " + Arrays.stream(Role.values()).map(Role::key).toList())));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return roles;
    }

    private void existingUser(String member) {
        if (!users.exists(member)) {
            throw new NotFound("user " + member);
        }
    }

    private Set<Role> held(String member, String brand) {
        Set<Role> held = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (users.hasRole(member, brand, role)) {
                held.add(role);
            }
        }
        return held;
    }

    private Member view(String user, Set<Role> roles) {
        UserProfile profile = users.profile(user).orElseThrow(() -> new NotFound("user " + user));
        return new Member(user, profile.name(), profile.email(), keys(roles));
    }

    private static List<String> keys(Set<Role> roles) {
        return roles.stream().sorted().map(Role::key).toList();
    }
}
