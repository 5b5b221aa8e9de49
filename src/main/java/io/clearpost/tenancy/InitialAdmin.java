package io.clearpost.tenancy;

import io.clearpost.support.ProductionSettings;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the administrator named by {@code clearpost.admin.*} on first start (a production install has no
 * demo users). A production start with no administrator at all, and none configured, stops: nobody could
 * ever log in to set the brands up.
 */
@Component
class InitialAdmin {

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final IdentityService identity;
    private final AdminSettings admin;
    private final ProductionSettings production;

    InitialAdmin(IdentityService identity, AdminSettings admin, ProductionSettings production) {
        this.identity = identity;
        this.admin = admin;
        this.production = production;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    @Transactional
    public void create() {
        if (!admin.configured()) {
            if (production.production() && identity.createUserQuery().memberOfGroup(Users.ADMIN_GROUP).count() == 0) {
                throw new IllegalStateException("No administrator exists: set CLEARPOST_ADMIN_USER and "
                        + "CLEARPOST_ADMIN_PASSWORD (clearpost.admin.user / .password) for the first start");
            }
            return;
        }
        if (identity.createUserQuery().userId(admin.user()).count() > 0) {
            log.info("Administrator {} exists; clearpost.admin.* left it unchanged", admin.user());
            return;
        }
        if (admin.password() == null || admin.password().length() < AdminSettings.MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("clearpost.admin.password (CLEARPOST_ADMIN_PASSWORD) must have at least "
                    + AdminSettings.MIN_PASSWORD_LENGTH + " characters to create administrator " + admin.user());
        }
        if (identity.createGroupQuery().groupId(Users.ADMIN_GROUP).count() == 0) {
            var group = identity.newGroup(Users.ADMIN_GROUP);
            group.setName("Administrators");
            group.setType("SYSTEM");
            identity.saveGroup(group);
        }
        User user = identity.newUser(admin.user());
        user.setFirstName(admin.user());
        user.setLastName("(administrator)");
        user.setPassword(admin.password());
        identity.saveUser(user);
        identity.createMembership(admin.user(), Users.ADMIN_GROUP);
        log.info("Created administrator {} from clearpost.admin.user", admin.user());
    }
}
