package io.clearpost.support;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one application context of the mail tests: the real application, sending through SMTP to {@link MailServer}
 * (GreenMail), on a database of its own, with retries a second apart instead of minutes so an outage ends inside a test, and links to
 * {@code https://clearpost.test}. Every mail test class uses this and nothing else, so they share one context.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // a database of its own (pom.xml: test.mail.datasource.url): contexts sharing one race for each other's jobs
        "spring.datasource.url=${test.mail.datasource.url}",
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=${test.port.smtp}",
        "spring.mail.properties.mail.smtp.connectiontimeout=2000",
        "spring.mail.properties.mail.smtp.timeout=5000",
        "clearpost.mail.base-url=https://clearpost.test",
        "clearpost.mail.retry.initial-backoff=PT1S",
        "clearpost.mail.retry.max-backoff=PT2S"})
public @interface MailTestContext {
}
