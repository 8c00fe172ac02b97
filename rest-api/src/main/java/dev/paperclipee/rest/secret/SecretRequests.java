package dev.paperclipee.rest.secret;

import dev.paperclipee.secret.boundary.SecretChanges;
import dev.paperclipee.secret.boundary.SecretDraft;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request bodies of the secret routes. The value is checked by the boundary (non-empty, at most
 * 64 KiB); a validation message never repeats it.
 */
public final class SecretRequests {

    private SecretRequests() {
    }

    @Schema(name = "SecretCreateRequest")
    public record Create(@NotNull @Size(min = 1, max = 200) String name,
                         @NotNull String value,
                         @Size(max = 500) String description,
                         @Size(max = 100) String provider) {

        SecretDraft toDraft() {
            return new SecretDraft(name, value, description, provider);
        }

        @Override
        public String toString() {
            return "Create[name=" + name + ", value=(hidden)]";
        }
    }

    @Schema(name = "SecretUpdateRequest")
    public record Update(@Size(min = 1, max = 200) String name, @Size(max = 500) String description) {

        SecretChanges toChanges() {
            return new SecretChanges(name, description);
        }
    }

    @Schema(name = "SecretRotateRequest")
    public record Rotate(@NotNull String value) {

        @Override
        public String toString() {
            return "Rotate[value=(hidden)]";
        }
    }
}
