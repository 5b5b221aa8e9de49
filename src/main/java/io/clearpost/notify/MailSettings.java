package io.clearpost.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalTime;

/**
 * {@code clearpost.mail.*}: the sender, the base of the links in mails, how often the outbox is swept, how long a
 * node may hold a row it is sending, how failed sends are retried, and when the daily digest goes out. Where mails
 * go is Spring Boot's {@code spring.mail.*}; without {@code spring.mail.host} they are written to the log.
 */
@ConfigurationProperties("clearpost.mail")
public record MailSettings(
        @DefaultValue("Clearpost <noreply@clearpost.example>") String from,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("PT30S") Duration sweepInterval,
        @DefaultValue("PT2M") Duration lease,
        @DefaultValue Retry retry,
        @DefaultValue Digest digest) {

    /** Attempt n (1-based) that failed waits {@code initialBackoff × 2^(n-1)}, at most {@code maxBackoff}; after {@code maxAttempts} the row is FAILED. */
    public record Retry(@DefaultValue("10") int maxAttempts,
                        @DefaultValue("PT30S") Duration initialBackoff,
                        @DefaultValue("PT1H") Duration maxBackoff) {

        Duration backoff(int attempts) {
            Duration wait = initialBackoff;
            for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /** The digest goes out at {@code time} in each user's time zone, checked every {@code checkInterval}. */
    public record Digest(@DefaultValue("08:00") LocalTime time,
                         @DefaultValue("PT5M") Duration checkInterval) {
    }
}
