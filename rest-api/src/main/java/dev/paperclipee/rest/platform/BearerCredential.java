package dev.paperclipee.rest.platform;

import jakarta.security.enterprise.credential.Credential;

/** The token of an {@code Authorization: Bearer} header: an agent key, a run token or a board key. */
public record BearerCredential(String token) implements Credential {

    @Override
    public String toString() {
        return "BearerCredential[(not shown)]";
    }
}
