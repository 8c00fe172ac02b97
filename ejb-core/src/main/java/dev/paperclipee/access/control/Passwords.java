package dev.paperclipee.access.control;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import java.util.Map;

/**
 * Board passwords as stored (spec §16, deployment-modes.md §4): Jakarta Security's
 * {@link Pbkdf2PasswordHash} with HMAC-SHA256, a 32-byte salt and enough iterations to make a
 * stolen hash slow to guess while a login still costs well under a second on two cores. The
 * stored text names its own algorithm and iterations, so raising them later still verifies old
 * hashes.
 */
@Dependent
public class Passwords {

    /** At least this long: the only rule, as length is what makes a password hard to guess. */
    public static final int MIN_LENGTH = 12;
    static final String ITERATIONS = "210000";

    /**
     * Looked up on first use, not at deployment: {@code local_trusted} never hashes a password,
     * and a deployment without Jakarta Security's beans (a slimmed-down container test) still starts.
     */
    @Inject
    Instance<Pbkdf2PasswordHash> pbkdf2Beans;

    private Pbkdf2PasswordHash pbkdf2;

    public String hash(String password) {
        return pbkdf2().generate(password.toCharArray());
    }

    public boolean verify(String password, String storedHash) {
        return storedHash != null && password != null && pbkdf2().verify(password.toCharArray(), storedHash);
    }

    private Pbkdf2PasswordHash pbkdf2() {
        if (pbkdf2 == null) {
            Pbkdf2PasswordHash hash = pbkdf2Beans.get();
            hash.initialize(Map.of(
                    "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                    "Pbkdf2PasswordHash.Iterations", ITERATIONS,
                    "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                    "Pbkdf2PasswordHash.KeySizeBytes", "32"));
            pbkdf2 = hash;
        }
        return pbkdf2;
    }
}
