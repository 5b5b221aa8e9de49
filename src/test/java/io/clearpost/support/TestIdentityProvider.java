package io.clearpost.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in OpenID Connect provider for JWT login tests: an RSA key of its own, whose public JWK set it serves
 * at {@link #jwkSetUri()} from an HTTP server in the test JVM (loopback, a free port), and tokens it signs with
 * that key, or with another key the set does not hold ({@link #signAsStranger}). A test class starts one before its
 * context (in {@code @DynamicPropertySource}) and stops it after its tests.
 */
public final class TestIdentityProvider {

    public static final String AUDIENCE = "clearpost-test";

    private final RSAKey key;
    private final HttpServer server;

    private TestIdentityProvider(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    /** Starts serving the JWK set. */
    public static TestIdentityProvider start() {
        RSAKey key = newKey();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(keys);
                }
            });
            server.start();
            return new TestIdentityProvider(key, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        server.stop(0);
    }

    /** The issuer ({@code iss}) of the tokens this provider signs. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/clearpost";
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** The claims of a valid token for a subject: this issuer, {@link #AUDIENCE}, issued now, valid for 5 minutes. */
    public JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(AUDIENCE)
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    public String token(String subject) {
        return sign(claims(subject).build());
    }

    public String token(String subject, Map<String, Object> extraClaims) {
        JWTClaimsSet.Builder claims = claims(subject);
        extraClaims.forEach(claims::claim);
        return sign(claims.build());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** A provider no Clearpost trusts: same issuer and claims, a key of its own, the same key id. */
    public String signAsStranger(JWTClaimsSet claims) {
        return sign(claims, stranger());
    }

    private RSAKey stranger() {
        try {
            return new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
