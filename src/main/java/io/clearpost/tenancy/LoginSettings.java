package io.clearpost.tenancy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code clearpost.login.max-failures}, {@code lock-duration}, {@code max-lock-duration}: every
 * {@code max-failures}-th consecutive failed login of a user locks that user out for {@code lock-duration},
 * doubled at each further lock, at most {@code max-lock-duration}; never for ever.
 */
@ConfigurationProperties("clearpost.login")
public record LoginSettings(@DefaultValue("10") int maxFailures,
                            @DefaultValue("PT15M") Duration lockDuration,
                            @DefaultValue("PT24H") Duration maxLockDuration) {

    public LoginSettings {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("clearpost.login.max-failures must be at least 1");
        }
        if (lockDuration.isNegative() || lockDuration.isZero() || maxLockDuration.compareTo(lockDuration) < 0) {
            throw new IllegalArgumentException("clearpost.login.lock-duration must be positive and at most "
                    + "clearpost.login.max-lock-duration");
        }
    }

    /** How long the {@code failures}-th consecutive failure locks the user; zero when it does not lock. */
    Duration lockAfter(int failures) {
        if (failures <= 0 || failures % maxFailures != 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures / maxFailures - 1, 30);
        Duration lock = lockDuration.multipliedBy(1L << doublings);
        return lock.compareTo(maxLockDuration) > 0 ? maxLockDuration : lock;
    }
}
