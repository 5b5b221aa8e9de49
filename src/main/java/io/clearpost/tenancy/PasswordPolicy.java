package io.clearpost.tenancy;

import java.util.Optional;

/**
 * What a new password must be: at least {@value #MIN_LENGTH} characters (long enough that guessing is not the
 * weak point of an engine holding years of approvals), at most {@value #MAX_LENGTH}. The demo users' passwords
 * (their names) predate this and are written by DemoData directly.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 1000;

    private PasswordPolicy() {
    }

    /** Why the password is refused, or empty when it is acceptable. */
    static Optional<String> problem(String password) {
        if (password == null) {
            return Optional.of("is required");
        }
        long length = password.codePoints().count();
        if (length < MIN_LENGTH) {
            return Optional.of("must have at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("must have at most " + MAX_LENGTH + " characters");
        }
        if (password.isBlank()) {
            return Optional.of("must not be blank");
        }
        return Optional.empty();
    }
}
