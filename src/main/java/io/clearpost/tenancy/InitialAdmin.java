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
 * ever log in to set the brands up. With {@code clearpost.admin.recover-password} set, an existing administrator
 * is unlocked and gets that password (the operator's recovery of a locked-out or forgotten administrator).
 */
@Component
class InitialAdmin {

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final IdentityService identity;
    private final AdminSettings admin;
    private final ProductionSettings production;
    private final Users users;

    InitialAdmin(IdentityService identity, AdminSettings admin, ProductionSettings production, Users users) {
        this.identity = identity;
        this.admin = admin;
        this.production = production;
        this.users = users;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    @Transactional
    public void create() {
        if (admin.recovering() && !admin.configured()) {
            throw new IllegalStateException("clearpost.admin.recover-password (CLEARPOST_ADMIN_RECOVER_PASSWORD) is set "
                    + "but clearpost.admin.user (CLEARPOST_ADMIN_USER) does not name the administrator to recover");
        }
        if (!admin.configured()) {
            if (production.production() && identity.createUserQuery().memberOfGroup(Users.ADMIN_GROUP).count() == 0) {
                throw new IllegalStateException("No administrator exists: set CLEARPOST_ADMIN_USER and "
                        + "CLEARPOST_ADMIN_PASSWORD (clearpost.admin.user / .password) for the first start");
            }
            return;
        }
        if (identity.createUserQuery().userId(admin.user()).count() > 0) {
            if (admin.recovering()) {
                recover();
            } else {
                log.info("Administrator {} exists; clearpost.admin.* left it unchanged", admin.user());
            }
            return;
        }
        if (admin.recovering()) {
            throw new IllegalStateException("clearpost.admin.recover-password (CLEARPOST_ADMIN_RECOVER_PASSWORD) is set "
                    + "but administrator " + admin.user() + " does not exist: use clearpost.admin.password to create it");
        }
        if (PasswordPolicy.problem(admin.password()).isPresent()) {
            throw new IllegalStateException("clearpost.admin.password (CLEARPOST_ADMIN_PASSWORD) must have at least "
                    + PasswordPolicy.MIN_LENGTH + " characters to create administrator " + admin.user());
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

    /** Unlocks the administrator and sets the recovery password; the log says so, without the password. */
    private void recover() {
        if (PasswordPolicy.problem(admin.recoverPassword()).isPresent()) {
            throw new IllegalStateException("clearpost.admin.recover-password (CLEARPOST_ADMIN_RECOVER_PASSWORD) must have "
                    + "at least " + PasswordPolicy.MIN_LENGTH + " characters to recover administrator " + admin.user());
        }
        User user = identity.createUserQuery().userId(admin.user()).singleResult();
        user.setPassword(admin.recoverPassword());
        identity.saveUser(user);
        users.unlock(admin.user());
        if (identity.createUserQuery().userId(admin.user()).memberOfGroup(Users.ADMIN_GROUP).count() == 0) {
            identity.createMembership(admin.user(), Users.ADMIN_GROUP);
        }
        log.warn("Recovered administrator {}: unlocked, and its password set from clearpost.admin.recover-password. "
                + "Remove CLEARPOST_ADMIN_RECOVER_PASSWORD now, or each start sets that password again", admin.user());
    }
}
