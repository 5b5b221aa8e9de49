package io.clearpost.web;

import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Users;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

import java.util.ArrayList;
import java.util.List;

/**
 * Single sign-on: JWT bearer tokens of an OpenID Connect provider, on only when Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} is set (Spring Boot then builds
 * the decoder, which checks the signature against the provider's keys and the token's times, and adds the
 * validators below). A token must name {@code clearpost.security.jwt.audience} and come from the configured issuer;
 * its {@link SecuritySettings.Jwt#userClaim() user claim} must name an existing Clearpost user. The caller's roles are
 * their memberships, or, with {@code clearpost.security.jwt.groups-claim}, what that claim asserts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BearerTokenLogin.Configured.class)
class BearerTokenLogin {

    /** Spring Boot builds a JWT decoder from either property (or from a public key file). */
    static class Configured extends AnyNestedCondition {

        Configured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")
        static class IssuerUri {
        }

        @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
        static class JwkSetUri {
        }

        @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.public-key-location")
        static class PublicKey {
        }
    }

    /**
     * Audience and issuer, added by Spring Boot to its decoder's validators. Spring checks the issuer itself only
     * when {@code issuer-uri} is set; with {@code jwk-set-uri} alone {@code clearpost.security.jwt.issuer} is
     * required, so that a key set shared by several tenants of a provider does not let another tenant's tokens in.
     */
    @Bean
    OAuth2TokenValidator<Jwt> clearpostTokenClaims(SecuritySettings settings, OAuth2ResourceServerProperties spring) {
        SecuritySettings.Jwt jwt = settings.jwt();
        String issuerUri = spring.getJwt().getIssuerUri();
        if (blank(jwt.audience())) {
            throw new IllegalStateException("clearpost.security.jwt.audience is required when JWT login is configured "
                    + "(spring.security.oauth2.resourceserver.jwt.*): the aud value the provider gives Clearpost's tokens");
        }
        if (blank(issuerUri) && blank(jwt.issuer())) {
            throw new IllegalStateException("clearpost.security.jwt.issuer is required when JWT login is configured "
                    + "without spring.security.oauth2.resourceserver.jwt.issuer-uri: the iss value of the provider's tokens");
        }
        if (!blank(issuerUri) && !blank(jwt.issuer()) && !issuerUri.equals(jwt.issuer())) {
            throw new IllegalStateException("clearpost.security.jwt.issuer differs from "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri: no token could pass both; set one of them");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtAudienceValidator(jwt.audience()));
        if (!blank(jwt.issuer())) {
            validators.add(new JwtIssuerValidator(jwt.issuer()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    @Bean
    TokenUsers tokenUsers(SecuritySettings settings, Users users) {
        return new TokenUsers(settings.jwt(), users);
    }

    /**
     * The Clearpost user a valid token names, as the same {@link CurrentUser} an HTTP Basic login gives. A token
     * naming no user (or an e-mail several users share) is refused: 401.
     */
    static final class TokenUsers implements Converter<Jwt, AbstractAuthenticationToken> {

        private final SecuritySettings.Jwt settings;
        private final Users users;

        TokenUsers(SecuritySettings.Jwt settings, Users users) {
            this.settings = settings;
            this.users = users;
        }

        @Override
        public AbstractAuthenticationToken convert(Jwt token) {
            String name = token.getClaimAsString(settings.userClaim());
            String userId = users.userIdOf(name).orElseThrow(() -> new InvalidBearerTokenException(
                    "No Clearpost user matches the token's " + settings.userClaim() + " claim "
                            + SecurityConfiguration.printable(name)));
            CurrentUser user = blank(settings.groupsClaim()) ? users.load(userId)
                    : users.withClaimedGroups(userId, groups(token));
            // the principal is the user, as for HTTP Basic; the token itself is not kept
            return new PreAuthenticatedAuthenticationToken(user, null, AuthorityUtils.createAuthorityList(
                    "ROLE_" + (user.admin() ? SecurityConfiguration.ADMIN : SecurityConfiguration.USER)));
        }

        private List<String> groups(Jwt token) {
            if (!token.hasClaim(settings.groupsClaim())) {
                return List.of();
            }
            try {
                List<String> groups = token.getClaimAsStringList(settings.groupsClaim());
                return groups == null ? List.of() : groups;
            } catch (IllegalArgumentException e) {
                throw new InvalidBearerTokenException("The token's " + settings.groupsClaim() + " claim is not a list");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
