package io.clearpost.publish;

import org.springframework.stereotype.Component;

/** Exposes the configured retry cycle to publication.bpmn as {@code ${publicationRetryCycle.value}}. */
@Component("publicationRetryCycle")
public class PublicationRetryCycle {

    private final PublicationSettings settings;

    PublicationRetryCycle(PublicationSettings settings) {
        this.settings = settings;
    }

    public String getValue() {
        return settings.retryCycle();
    }
}
