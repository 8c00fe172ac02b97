package dev.paperclipee.secret.entity;

import dev.paperclipee.shared.entity.RuleViolationException;

import java.util.Map;

/**
 * 422 (and a failed run, {@code secret_unavailable}): an env binding names a secret that is not
 * (or no longer) a secret of the company, a version it does not have, or a value that cannot be
 * decrypted. The message names the variable and the secret, never a value.
 */
public class SecretUnavailableException extends RuleViolationException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "secret_unavailable";

    public SecretUnavailableException(String message, Map<String, ?> details) {
        super(message, details);
    }
}
