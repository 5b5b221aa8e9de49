package io.clearpost.support;

import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.Role;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Users and brands a single test creates for itself in the engine's identity store (and the brand
 * table), under fresh ids, so that no test depends on or disturbs what another one did.
 * A user's password is their id, as for the demo users.
 */
public final class TestIdentities {

    private final IdentityService identity;

    private TestIdentities(IdentityService identity) {
        this.identity = identity;
    }

    public static TestIdentities of(IdentityService identity) {
        return new TestIdentities(identity);
    }

    /** A new user, member of the given groups ({@code <brand>:<role>}); returns the id (= password). */
    public String user(String prefix, String... groups) {
        String id = unique(prefix);
        User user = identity.newUser(id);
        user.setFirstName(prefix);
        user.setLastName("(test)");
        user.setEmail(id + "@test.clearpost.invalid");
        user.setPassword(id);
        identity.saveUser(user);
        for (String group : groups) {
            identity.createMembership(id, group);
        }
        return id;
    }

    /** A new brand (row, engine tenant and one group per role), neither regulated nor signing off as a client. */
    public String brand(BrandRepository brands, String prefix, List<String> platforms) {
        String id = unique(prefix);
        ensureBrand(brands, id, platforms);
        return id;
    }

    /**
     * The brand with exactly this id, created unless it exists: for the brands the test configuration
     * tells the sandbox connector to fail for ({@code sandbox-flaky}, {@code sandbox-refusing}).
     */
    public String ensureBrand(BrandRepository brands, String id, List<String> platforms) {
        if (!brands.existsById(id)) {
            brands.save(Brand.create(id, "Test brand " + id, ZoneId.of("Europe/Paris"), false, false, platforms,
                    List.of(), List.of()));
        }
        if (identity.createTenantQuery().tenantId(id).count() == 0) {
            var tenant = identity.newTenant(id);
            tenant.setName("Test brand " + id);
            identity.saveTenant(tenant);
        }
        for (Role role : Role.values()) {
            if (identity.createGroupQuery().groupId(role.groupOf(id)).count() == 0) {
                var group = identity.newGroup(role.groupOf(id));
                group.setName(id + " " + role.key());
                group.setType(role.key());
                identity.saveGroup(group);
                identity.createTenantGroupMembership(id, group.getId());
            }
        }
        return id;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
