package io.clearpost.publish.account;

import io.clearpost.support.NotFound;
import io.clearpost.support.Conflict;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.FieldError;
import io.clearpost.content.Platform;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.clearpost.engine.EngineClock;

import java.net.URI;
import java.time.Duration;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A brand's platform accounts: {@code PUT /api/brands/{brand}/accounts/{platform}} connects one (the
 * strategist or an admin), {@code GET} lists them without any secret, {@code DELETE} disconnects
 * (the platform falls back to the sandbox).
 */
@RestController
@RequestMapping("/api/brands/{brand}/accounts")
class AccountController {

    static final int MAX_ENDPOINT = 2_000;
    static final int MAX_SECRET = 4_000;
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9:._@-]{1,200}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~:@+=/-]{1,200}");
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{1," + MAX_SECRET + "}");

    private final PlatformAccounts accounts;
    private final BrandRepository brands;
    private final SecretCipher cipher;
    private final TokenRenewalSettings renewal;

    AccountController(PlatformAccounts accounts, BrandRepository brands, SecretCipher cipher,
                      TokenRenewalSettings renewal) {
        this.accounts = accounts;
        this.brands = brands;
        this.cipher = cipher;
        this.renewal = renewal;
    }

    /** What a strategist sends to connect an account; secrets go in, never come back out. */
    record Connect(String accountId, String accessToken, String refreshToken, OffsetDateTime tokenExpiresAt,
                   String clientId, String clientSecret, String endpoint, String webhookSecret) {

        @Override
        public String toString() {
            return "Connect[accountId=" + accountId + ", clientId=" + clientId + ", endpoint=" + endpoint + "]";
        }
    }

    /**
     * An account as the API shows it: which secrets are set, not what they are; when the access token and the
     * refresh token (if known) expire, when the token was last renewed, and the {@link TokenHealth} with the last
     * renewal's error (stripped of secrets) while it is {@code RENEWAL_FAILED}.
     */
    record AccountView(String platform, String accountId, String clientId, String endpoint, boolean hasAccessToken,
                       boolean hasRefreshToken, boolean hasClientSecret, boolean hasWebhookSecret,
                       OffsetDateTime tokenExpiresAt, OffsetDateTime refreshTokenExpiresAt,
                       OffsetDateTime lastRenewedAt, TokenHealth health, String renewalError, String connectedBy,
                       OffsetDateTime updatedAt) {

        static AccountView of(PlatformAccount a, Duration ahead) {
            Credentials c = a.credentials();
            return new AccountView(a.platform(), a.accountId(), a.clientId(), a.endpoint(), present(c.accessToken()),
                    present(c.refreshToken()), present(c.clientSecret()), present(c.webhookSecret()),
                    utc(a.tokenExpiresAt()), utc(a.refreshTokenExpiresAt()), utc(a.lastRenewedAt()),
                    TokenHealth.of(a, EngineClock.now(), ahead), a.renewalError(), a.connectedBy(), utc(a.updatedAt()));
        }

        private static OffsetDateTime utc(java.time.Instant instant) {
            return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
        }

        private static boolean present(String secret) {
            return secret != null && !secret.isBlank();
        }
    }

    @GetMapping
    List<AccountView> list(@AuthenticationPrincipal CurrentUser user, @PathVariable String brand) {
        allowed(user, brand);
        return accounts.ofBrand(brand).stream().map(a -> AccountView.of(a, renewal.ahead())).toList();
    }

    @PutMapping("/{platform}")
    AccountView connect(@AuthenticationPrincipal CurrentUser user, @PathVariable String brand,
                        @PathVariable String platform, @RequestBody Connect body) {
        allowed(user, brand);
        validate(brand, platform, body);
        if (!cipher.configured()) {
            throw new Conflict("credentials cannot be stored: clearpost.secrets.key is not configured");
        }
        PlatformAccount account = accounts.connect(brand, platform, blankToNull(body.accountId()),
                blankToNull(body.clientId()), blankToNull(body.endpoint()),
                new Credentials(blankToNull(body.accessToken()), blankToNull(body.refreshToken()),
                        blankToNull(body.clientSecret()), blankToNull(body.webhookSecret())),
                body.tokenExpiresAt() == null ? null : body.tokenExpiresAt().toInstant(), user.id());
        return AccountView.of(account, renewal.ahead());
    }

    @DeleteMapping("/{platform}")
    ResponseEntity<Void> disconnect(@AuthenticationPrincipal CurrentUser user, @PathVariable String brand,
                                    @PathVariable String platform) {
        allowed(user, brand);
        if (!accounts.disconnect(brand, platform, user.id())) {
            throw new NotFound("account " + platform + " of brand " + brand);
        }
        return ResponseEntity.noContent().build();
    }

    private void allowed(CurrentUser user, String brand) {
        user.requireRole(brand, "brand " + brand, true, Role.STRATEGIST);
        if (!brands.existsById(brand)) {
            throw new NotFound("brand " + brand);
        }
    }

    private void validate(String brand, String platform, Connect body) {
        List<FieldError> errors = new ArrayList<>();
        if (Platform.ofKey(platform).isEmpty()) {
            throw new InvalidInput("platform", "is not a known platform");
        }
        if (!brands.findById(brand).orElseThrow().platforms().contains(platform)) {
            throw new InvalidInput("platform", "is not a platform of " + brand);
        }
        if (Platform.WEBHOOK.key().equals(platform)) {
            if (!httpsUrl(body.endpoint())) {
                errors.add(new FieldError("endpoint", "must be an https URL of at most " + MAX_ENDPOINT
                        + " characters, with a host and no user info, that the webhook is posted to"));
            }
            if (blankToNull(body.webhookSecret()) == null || body.webhookSecret().length() < 16) {
                errors.add(new FieldError("webhookSecret", "must have at least 16 characters"));
            }
        } else {
            if (blankToNull(body.accessToken()) == null) {
                errors.add(new FieldError("accessToken", "is required"));
            }
            if (blankToNull(body.accountId()) == null && !Platform.MASTODON.key().equals(platform)) {
                errors.add(new FieldError("accountId", "is required: the " + platform + " account, page or author id"));
            }
            if (blankToNull(body.refreshToken()) != null
                    && (blankToNull(body.clientId()) == null || blankToNull(body.clientSecret()) == null)) {
                errors.add(new FieldError("clientId", "and clientSecret are required to refresh the access token"));
            }
        }
        // bounded to the columns (account_id, client_id VARCHAR(200), endpoint VARCHAR(2000)); secrets are sealed
        // into one encrypted column, so each is bounded to what a platform issues
        if (!absent(body.accountId()) && !ACCOUNT_ID.matcher(body.accountId()).matches()) {
            errors.add(new FieldError("accountId", "must be 1 to 200 of the characters A-Z a-z 0-9 : . _ @ - "
                    + "(a platform's account, page or author id), without \"..\""));
        } else if (!absent(body.accountId()) && body.accountId().contains("..")) {
            errors.add(new FieldError("accountId", "must not contain \"..\""));
        }
        if (!absent(body.clientId()) && !CLIENT_ID.matcher(body.clientId()).matches()) {
            errors.add(new FieldError("clientId", "must be 1 to 200 of the characters A-Z a-z 0-9 . _ ~ : @ + = / -"));
        }
        if (!absent(body.endpoint()) && !Platform.WEBHOOK.key().equals(platform)) {
            errors.add(new FieldError("endpoint", "is only for the webhook platform"));
        }
        for (String[] field : new String[][] {{"accessToken", body.accessToken()},
                {"refreshToken", body.refreshToken()}, {"clientSecret", body.clientSecret()},
                {"webhookSecret", body.webhookSecret()}}) {
            if (!absent(field[1]) && !SECRET.matcher(field[1]).matches()) {
                errors.add(new FieldError(field[0], "must be 1 to " + MAX_SECRET
                        + " printable ASCII characters without spaces"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    /** An absolute https URL with a host, no user info and no fragment, that fits the endpoint column. */
    static boolean httpsUrl(String value) {
        if (value == null || value.length() > MAX_ENDPOINT || !value.startsWith("https://")) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty()
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean absent(String value) {
        return value == null || value.isEmpty();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
