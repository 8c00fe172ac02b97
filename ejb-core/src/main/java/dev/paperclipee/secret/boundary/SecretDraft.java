package dev.paperclipee.secret.boundary;

/**
 * A new secret: {@code name} (unique in the company), the {@code value} (stored encrypted, never
 * shown again), an optional {@code description}, and the {@code provider} (null or
 * {@code local_encrypted}, the only one of this server).
 */
public record SecretDraft(String name, String value, String description, String provider) {
}
