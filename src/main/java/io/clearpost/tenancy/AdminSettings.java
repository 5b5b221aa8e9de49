package io.clearpost.tenancy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clearpost.admin.user} / {@code clearpost.admin.password} ({@code CLEARPOST_ADMIN_USER},
 * {@code CLEARPOST_ADMIN_PASSWORD}): the administrator created on first start when no user of that id
 * exists. An existing user is never changed, so the variables can stay set (or be removed) afterwards.
 * {@code clearpost.admin.recover-password} ({@code CLEARPOST_ADMIN_RECOVER_PASSWORD}): the operator's way back
 * in when that administrator is locked out or forgot the password: each start with it set unlocks the
 * administrator and gives it this password (remove it once logged in).
 */
@ConfigurationProperties("clearpost.admin")
public record AdminSettings(String user, String password, String recoverPassword) {

    boolean configured() {
        return user != null && !user.isBlank();
    }

    boolean recovering() {
        return recoverPassword != null && !recoverPassword.isEmpty();
    }
}
