package dev.paperclipee.secret.control;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code local_encrypted} provider of this server: the cipher under the master key, loaded
 * (or created) on first use rather than at start, so that a server that never stores a secret
 * never writes a key file. A key that cannot be loaded fails the secret operation that needed it
 * with the reason (never the key), and is tried again next time.
 */
@ApplicationScoped
public class SecretVault {

    private volatile SecretCipher cipher;

    public SecretCipher cipher() {
        SecretCipher loaded = cipher;
        if (loaded == null) {
            synchronized (this) {
                loaded = cipher;
                if (loaded == null) {
                    loaded = new SecretCipher(MasterKey.current().key());
                    cipher = loaded;
                }
            }
        }
        return loaded;
    }
}
