package io.clearpost.publish.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts platform credentials at rest with AES-256-GCM. The key is {@code clearpost.secrets.key}
 * (environment: {@code CLEARPOST_SECRETS_KEY}), 32 bytes in base64. Each value gets a fresh 96-bit
 * nonce; the associated data binds a ciphertext to its row ({@code brand/platform}), so a value
 * copied to another account does not decrypt. Stored form: {@code v1:<base64(nonce | ciphertext | tag)>}.
 */
@Component
public class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(Settings settings) {
        this.key = settings.key() == null || settings.key().isBlank() ? null : keyOf(settings.key());
    }

    /** {@code clearpost.secrets.key}: the AES-256 key in base64; no default outside the demo profile. */
    @ConfigurationProperties("clearpost.secrets")
    public record Settings(String key) {
    }

    public boolean configured() {
        return key != null;
    }

    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    public String decrypt(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("stored secret is not in the v1 format");
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, NONCE_BYTES), context);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // wrong key, or the value was moved or altered: never guess
            throw new IllegalStateException("stored secret does not decrypt with the configured key", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        if (key == null) {
            throw new IllegalStateException("clearpost.secrets.key is not configured");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKeySpec keyOf(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("clearpost.secrets.key must be base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("clearpost.secrets.key must be 32 bytes (AES-256), base64-encoded; it has "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
