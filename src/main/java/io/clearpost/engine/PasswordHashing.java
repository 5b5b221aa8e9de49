package io.clearpost.engine;

import org.operaton.bpm.engine.identity.User;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.digest.PasswordEncryptor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * How the engine's identity store hashes passwords: BCrypt (Spring Security's crypto) instead of the engine's
 * single salted SHA-512, which a GPU tries by the billion per second. Hashes stored by earlier versions
 * ({@code {SHA-512}…}) are still checked; {@link #isCurrent} tells the login to store the password again, so
 * each is upgraded on its owner's next successful login.
 * <p>
 * The engine's own lock-out (a delay after each failure, a permanent lock after {@code loginMaxAttempts}) is
 * switched off: Clearpost locks for a growing, bounded time instead (io.clearpost.tenancy's login locks).
 */
@Component
public class PasswordHashing extends AbstractProcessEnginePlugin {

    static final String ALGORITHM = "bcrypt";
    private static final String PREFIX = "{" + ALGORITHM + "}";

    private final PasswordHashSettings settings;

    PasswordHashing(PasswordHashSettings settings) {
        this.settings = settings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setPasswordEncryptor(new BCryptDigest(settings.hashStrength()));
        // the engine's PasswordManager always keeps its SHA-512 checker: older hashes still verify
        // no engine lock: its delay grows per failure and after loginMaxAttempts it locks for ever
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setLoginDelayBase(0);
        configuration.setLoginDelayMaxTime(0);
    }

    /** Whether the user's stored hash is of the current algorithm (an older one is replaced at the next login). */
    public static boolean isCurrent(User user) {
        return user.getPassword() != null && user.getPassword().startsWith(PREFIX);
    }

    /**
     * BCrypt of the SHA-256 of what the engine hashes (the password followed by its salt): BCrypt reads at most
     * 72 bytes, and a long password must neither be cut nor refused.
     */
    static final class BCryptDigest implements PasswordEncryptor {

        private final BCryptPasswordEncoder bcrypt;

        BCryptDigest(int strength) {
            this.bcrypt = new BCryptPasswordEncoder(strength);
        }

        @Override
        public String encrypt(String password) {
            return bcrypt.encode(preHash(password));
        }

        @Override
        public boolean check(String password, String encrypted) {
            return bcrypt.matches(preHash(password), encrypted);
        }

        @Override
        public String hashAlgorithmName() {
            return ALGORITHM;
        }

        private static String preHash(String password) {
            try {
                return Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
