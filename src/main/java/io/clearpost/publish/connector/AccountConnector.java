package io.clearpost.publish.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.engine.EngineClock;
import io.clearpost.publish.account.PlatformAccount;
import io.clearpost.publish.account.PlatformAccounts;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.time.Instant;

/**
 * A real platform client for the brands that connected an account on its platform (the others
 * publish to the sandbox). Runs calls with the account's access token; when the platform answers
 * 401 it refreshes the token once, where the account has a refresh token and the platform an OAuth
 * token endpoint, and otherwise tells the strategist to reconnect the account.
 */
public abstract class AccountConnector implements PlatformConnector {

    protected final String platform;
    protected final PlatformAccounts accounts;
    protected final PlatformHttp http;

    protected AccountConnector(String platform, PlatformAccounts accounts, PlatformHttp http) {
        this.platform = platform;
        this.accounts = accounts;
        this.http = http;
    }

    @Override
    public boolean serves(String brand, String platformKey) {
        return platform.equals(platformKey) && accounts.exists(brand, platformKey);
    }

    /** A call made with an account's credentials. */
    @FunctionalInterface
    protected interface AccountCall<T> {
        T run(PlatformAccount account) throws PublishFailure;
    }

    /** Runs the call; on an expired token, refreshes once and runs it again, or asks for a reconnect. */
    protected <T> T withAccount(PostRequest request, AccountCall<T> call) throws PublishFailure {
        PlatformAccount account = accounts.find(request.brand(), platform).orElseThrow(() -> new PublishFailure(
                PublishFailure.Kind.AUTH_EXPIRED, "no " + platform + " account is connected for " + request.brand(), null));
        try {
            return call.run(account);
        } catch (PublishFailure failure) {
            if (failure.kind() != PublishFailure.Kind.AUTH_EXPIRED) {
                throw failure;
            }
            if (!canRefresh(account)) {
                throw reconnect(account, failure);
            }
            PlatformAccount renewed = accounts.renewAlone(account, this::refresh);
            try {
                return call.run(renewed);
            } catch (PublishFailure again) {
                throw again.kind() == PublishFailure.Kind.AUTH_EXPIRED ? reconnect(renewed, again) : again;
            }
        }
    }

    protected boolean canRefresh(PlatformAccount account) {
        return account.credentials().refreshToken() != null && http.settings().tokenUrl(platform) != null;
    }

    /**
     * The OAuth 2.0 refresh-token grant (RFC 6749 §6): {@code grant_type=refresh_token}, the refresh
     * token and the client's credentials, form-encoded to the token endpoint. Platforms with another
     * shape override this.
     */
    protected PlatformAccount refresh(PlatformAccount account) throws PublishFailure {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", account.credentials().refreshToken());
        form.add("client_id", account.clientId());
        form.add("client_secret", account.credentials().clientSecret());
        JsonNode token = http.call(platform, "the token refresh", () -> http.client().post()
                .uri(http.settings().tokenUrl(platform))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(JsonNode.class));
        return renewed(account, token);
    }

    /**
     * Stores the tokens of a token endpoint's answer: {@code access_token}, {@code expires_in}, and where the
     * platform sends them {@code refresh_token} and the refresh token's lifetime ({@code refresh_token_expires_in}:
     * LinkedIn, Pinterest; {@code refresh_expires_in}: TikTok), in seconds from now on the engine clock.
     */
    protected PlatformAccount renewed(PlatformAccount account, JsonNode token) throws PublishFailure {
        if (token == null || !token.path("access_token").isTextual()) {
            throw new PublishFailure(PublishFailure.Kind.AUTH_EXPIRED, platform
                    + " did not renew the access token; reconnect the account", null);
        }
        Instant now = EngineClock.now();
        String refreshToken = token.path("refresh_token").isTextual() ? token.path("refresh_token").asText() : null;
        Instant expiresAt = seconds(token, "expires_in", now);
        Instant refreshExpiresAt = seconds(token, "refresh_token_expires_in", now);
        if (refreshExpiresAt == null) {
            refreshExpiresAt = seconds(token, "refresh_expires_in", now);
        }
        return accounts.refreshed(account, token.path("access_token").asText(), refreshToken, expiresAt,
                refreshExpiresAt);
    }

    private static Instant seconds(JsonNode token, String field, Instant now) {
        return token.path(field).canConvertToLong() ? now.plusSeconds(token.path(field).asLong()) : null;
    }

    /** The platform this connector serves (its key, e.g. {@code linkedin}). */
    String platform() {
        return platform;
    }

    /** Whether the account's access token can be renewed now, by {@link #renewNow}. */
    boolean renewable(PlatformAccount account) {
        return canRefresh(account);
    }

    /** Renews the account's access token by the platform's refresh code path (the one a 401 takes), and stores it. */
    PlatformAccount renewNow(PlatformAccount account) throws PublishFailure {
        return accounts.renewAlone(account, this::refresh);
    }

    private PublishFailure reconnect(PlatformAccount account, PublishFailure cause) {
        return new PublishFailure(PublishFailure.Kind.AUTH_EXPIRED, cause.getMessage() + " — reconnect the "
                + platform + " account of " + account.brand(), null);
    }

    /** The variant's text, with its link appended when the platform has no separate link field. */
    protected static String textWithLink(PostRequest request) {
        String text = request.variant().text() == null ? "" : request.variant().text();
        String link = request.variant().link();
        return link == null || link.isBlank() || text.contains(link) ? text : text + "\n\n" + link;
    }
}
