package io.clearpost.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code clearpost.mail.outbox.pending} (rows waiting to be sent, counted at scrape time) and
 * {@code clearpost.mail.sent} by {@code kind} and {@code outcome}: {@code sent} (the SMTP server took it),
 * {@code logged} (no SMTP host: written to the log), {@code retry} (an attempt failed, another follows),
 * {@code failed} (the last attempt failed). Every kind has its four series from the start, zeros included.
 */
@Component
class MailMetrics {

    static final String PENDING = "clearpost.mail.outbox.pending";
    static final String SENT_TOTAL = "clearpost.mail.sent";
    static final String SENT = "sent";
    static final String LOGGED = "logged";
    static final String RETRY = "retry";
    static final String FAILED = "failed";

    private final MeterRegistry registry;

    MailMetrics(MeterRegistry registry, Outbox outbox) {
        this.registry = registry;
        Gauge.builder(PENDING, outbox, Outbox::pending)
                .description("Notifications in the outbox waiting to be sent")
                .register(registry);
        for (NotificationKind kind : NotificationKind.values()) {
            for (String outcome : List.of(SENT, LOGGED, RETRY, FAILED)) {
                counter(kind, outcome);
            }
        }
    }

    void sent(NotificationKind kind, String outcome) {
        counter(kind, outcome).increment();
    }

    private Counter counter(NotificationKind kind, String outcome) {
        return Counter.builder(SENT_TOTAL)
                .description("Mail attempts by notification kind and outcome")
                .tag("kind", kind.name())
                .tag("outcome", outcome)
                .register(registry);
    }
}
