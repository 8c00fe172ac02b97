package dev.paperclipee.secret.control;

/** A stored secret value that cannot be read back; the message never contains a value. */
public class SecretDecryptionException extends Exception {

    private static final long serialVersionUID = 1L;

    public SecretDecryptionException(String message) {
        super(message, null, false, false);
    }
}
