package io.clearpost.audit;

import io.clearpost.events.DomainEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes every domain event into its brand's audit chain, in the transaction of the change that
 * registered it: the event exists exactly when the change does.
 */
@Component
class AuditTrail {

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(DomainEvent event) {
        log.append(event.brand(), event.type(), event.actor(), event.briefId(), event.contentId(), event.payload());
    }
}
