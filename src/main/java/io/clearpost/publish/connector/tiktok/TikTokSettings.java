package io.clearpost.publish.connector.tiktok;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clearpost.connectors.tiktok.audited}: whether TikTok has audited the app for Direct Post. Until it
 * has, TikTok lets the app post only privately ({@code SELF_ONLY}), so a variant choosing any other privacy
 * level is refused before anything is sent. https://developers.tiktok.com/doc/content-sharing-guidelines
 */
@ConfigurationProperties("clearpost.connectors.tiktok")
public record TikTokSettings(@DefaultValue("false") boolean audited) {
}
