package io.clearpost.tenancy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clearpost.admin.user} / {@code clearpost.admin.password} ({@code CLEARPOST_ADMIN_USER},
 * {@code CLEARPOST_ADMIN_PASSWORD}): the administrator created on first start when no user of that id
 * exists. An existing user is never changed, so the variables can stay set (or be removed) afterwards.
 */
@ConfigurationProperties("clearpost.admin")
public record AdminSettings(String user, String password) {

    /** Long enough that a guessed password is not the weak point of an engine holding years of approvals. */
    static final int MIN_PASSWORD_LENGTH = 12;

    boolean configured() {
        return user != null && !user.isBlank();
    }
}
