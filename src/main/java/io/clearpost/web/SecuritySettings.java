package io.clearpost.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How callers log in. {@code clearpost.security.basic.enabled}: HTTP Basic against the engine's identity store (the
 * embedded default); off, Basic credentials answer 401. {@code clearpost.security.jwt.*}: JWT bearer tokens of an
 * OpenID Connect provider, accepted only when Spring's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * or {@code jwk-set-uri} is set ({@link BearerTokenLogin}).
 */
@ConfigurationProperties("clearpost.security")
public record SecuritySettings(@DefaultValue Basic basic, @DefaultValue Jwt jwt) {

    public record Basic(@DefaultValue("true") boolean enabled) {
    }

    /**
     * @param audience    the {@code aud} every token must contain (Clearpost's client id at the provider); required
     * @param issuer      the {@code iss} every token must carry; required when no {@code issuer-uri} is set (with
     *                    {@code jwk-set-uri} alone Spring checks no issuer), and then equal to it when both are set
     * @param userClaim   the claim naming the Clearpost user: a user id, or an e-mail (a value with {@code @})
     * @param groupsClaim when set, the claim whose values ({@code acme-bank:legal}, {@code admin}) are the caller's
     *                    roles instead of their memberships
     */
    public record Jwt(String audience, String issuer, @DefaultValue("sub") String userClaim, String groupsClaim) {
    }
}
