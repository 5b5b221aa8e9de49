package io.clearpost.publish;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code clearpost.publication.retry-cycle}: how the engine retries a post that failed for a
 * retryable reason (ISO-8601 repeat, e.g. {@code R5/PT3M}: 5 attempts, 3 minutes apart, about
 * 15 minutes in all). When the attempts run out, resolve-publication goes to the strategist.
 * {@code clearpost.publication.max-processing-wait}: how long a platform that accepted a post may
 * keep answering "still processing" (upload processing, moderation) before that counts as a failed
 * attempt; until then such answers use up none of the retry cycle.
 */
@ConfigurationProperties("clearpost.publication")
public record PublicationSettings(@DefaultValue("R5/PT3M") String retryCycle,
                                  @DefaultValue("PT2H") Duration maxProcessingWait) {
}
