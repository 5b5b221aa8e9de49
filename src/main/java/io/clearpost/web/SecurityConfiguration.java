package io.clearpost.web;

import io.clearpost.ops.MetricsSettings;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Users;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Every endpoint needs credentials, sent with each request: HTTP Basic, checked against the engine's identity
 * store (BCrypt hashes, lock-outs after failed logins: tenancy's {@code Users.authenticate}) unless
 * {@code clearpost.security.basic.enabled=false}, and, when configured, a JWT bearer token of an OpenID Connect
 * provider ({@link BearerTokenLogin}). Both give the same {@link CurrentUser}. A 401 does not challenge for Basic,
 * so browsers never prompt for or keep credentials; {@link StateChangeGuard} refuses cross-site writes. Roles and
 * brand membership are checked per request by the services.
 * Exceptions: the health probes (status only, no details, for anonymous callers) and the OpenAPI
 * description are public, and so is {@code POST /api/invitations/{token}} (the mailed token is the credential);
 * Prometheus may also use the scrape credential of {@link MetricsSettings};
 * every other actuator endpoint is for administrators.
 */
@Configuration
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecuritySettings settings, ObjectProvider<JwtDecoder> decoder,
                            ObjectProvider<BearerTokenLogin.TokenUsers> tokenUsers) throws Exception {
        BearerTokenLogin.TokenUsers bearer = tokenUsers.getIfAvailable();
        if (!settings.basic().enabled() && bearer == null) {
            throw new IllegalStateException("clearpost.security.basic.enabled=false leaves no way to log in: configure "
                    + "JWT login (spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri) or enable Basic");
        }
        if (settings.basic().enabled()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                    problem(response, HttpStatus.UNAUTHORIZED, "Authentication required")));
        }
        if (bearer != null) {
            http.oauth2ResourceServer(oauth -> oauth
                    .jwt(jwt -> jwt.decoder(decoder.getObject()).jwtAuthenticationConverter(bearer))
                    .authenticationEntryPoint((request, response, e) -> {
                        log.info("Bearer token refused: {}", reason(e, request));
                        problem(response, HttpStatus.UNAUTHORIZED, "The bearer token is not valid");
                    }));
        }
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // the container's error forwards and /error itself: problem+json, nothing to protect
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        // the invitation link is the credential: whoever holds it sets the invited user's password
                        .requestMatchers(HttpMethod.POST, "/api/invitations/*").permitAll()
                        .requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class)).hasAnyRole(ADMIN, METRICS)
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(ADMIN)
                        .requestMatchers("/api/**").hasAnyRole(USER, ADMIN)
                        .anyRequest().authenticated())
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) ->
                                problem(response, HttpStatus.UNAUTHORIZED, "Authentication required"))
                        .accessDeniedHandler((request, response, e) ->
                                problem(response, HttpStatus.FORBIDDEN, "Your role does not allow this")))
                .build();
    }

    /**
     * The 401 challenge. Clients send HTTP Basic credentials with each request, unasked; a browser holds none
     * (no login prompt for a Basic challenge), so no other site can make it send them.
     */
    static final String CHALLENGE = "Clearpost realm=\"clearpost\"";

    static final String ADMIN = "ADMIN";
    static final String USER = "USER";
    /** The scrape credential: reads /actuator/prometheus, nothing else. */
    static final String METRICS = "METRICS";

    @Bean
    AuthenticationProvider engineIdentity(Users users, MetricsSettings metrics) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String name = authentication.getName();
                Object credentials = authentication.getCredentials();
                String password = credentials == null ? null : credentials.toString();
                if (metrics.scrapeEnabled() && metrics.scrapeUser().equals(name)) {
                    if (password == null || !MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                            metrics.scrapePassword().getBytes(StandardCharsets.UTF_8))) {
                        throw new BadCredentialsException("Bad credentials");
                    }
                    return UsernamePasswordAuthenticationToken.authenticated(name, null,
                            AuthorityUtils.createAuthorityList("ROLE_" + METRICS));
                }
                CurrentUser user = users.authenticate(name, password)
                        .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
                return UsernamePasswordAuthenticationToken.authenticated(user, null,
                        AuthorityUtils.createAuthorityList("ROLE_" + (user.admin() ? ADMIN : USER)));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /**
     * What the firewall refuses (path traversal, {@code ;jsessionid=}, {@code //}, encoded slashes or NUL) is a
     * bad request, answered before any authentication: 400 problem+json with the security headers, never a
     * 401 challenge for credentials that would not help.
     */
    @Bean
    RequestRejectedHandler requestRejected() {
        return (request, response, e) -> ProblemResponses.write(response, HttpStatus.BAD_REQUEST.value(),
                "The request URL is not acceptable");
    }

    /**
     * Why a token was refused (expired, wrong audience, bad signature, no such user), never the token: the message
     * is Spring's or Nimbus', and any piece of the token it might quote is cut out.
     */
    private static String reason(AuthenticationException e, HttpServletRequest request) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            reason = reason.replace(token, "<token>");
            for (String part : token.split("\\.")) {
                if (part.length() >= 8) {
                    reason = reason.replace(part, "<token>");
                }
            }
        }
        return printable(reason);
    }

    /** A value from a request, fit for one log line: no control characters, at most 200 characters. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            // not "Basic": that would make a browser prompt for, and then keep sending, the credentials
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        ProblemResponses.write(response, status.value(), detail);
    }
}
