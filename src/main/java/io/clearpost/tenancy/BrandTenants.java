package io.clearpost.tenancy;

import org.operaton.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * A brand's side in the engine's identity store: its tenant and one group {@code <brand>:<role>} per role, each a
 * member of the tenant. Idempotent; used by the administration API and the demo data alike.
 */
@Component
class BrandTenants {

    private final IdentityService identity;

    BrandTenants(IdentityService identity) {
        this.identity = identity;
    }

    void ensure(String brand, String name) {
        if (identity.createTenantQuery().tenantId(brand).count() == 0) {
            var tenant = identity.newTenant(brand);
            tenant.setName(name);
            identity.saveTenant(tenant);
        }
        for (Role role : Role.values()) {
            ensureGroup(brand, name, role);
        }
    }

    /** The group of the role in the brand (a role added after the brand was created gets it here). */
    String ensureGroup(String brand, String name, Role role) {
        String groupId = role.groupOf(brand);
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            var group = identity.newGroup(groupId);
            group.setName(name + " " + role.key());
            group.setType(role.key());
            identity.saveGroup(group);
            identity.createTenantGroupMembership(brand, groupId);
        }
        return groupId;
    }
}
