package io.clearpost.notify;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The outbox sweep ({@link MailDispatcher}) and the daily digest ({@link DailyDigest}) run on Spring's scheduler. */
@Configuration
@EnableScheduling
class MailConfiguration {
}
