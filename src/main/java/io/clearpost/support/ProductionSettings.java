package io.clearpost.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clearpost.production} ({@code CLEARPOST_PRODUCTION}): a production deployment. It refuses to
 * start on an embedded database (H2): approvals and the audit trail must outlive the process and its disk.
 * The Docker image sets it; the embedded default ({@code ./mvnw spring-boot:run}) leaves it off.
 */
@ConfigurationProperties("clearpost")
public record ProductionSettings(@DefaultValue("false") boolean production) {
}
