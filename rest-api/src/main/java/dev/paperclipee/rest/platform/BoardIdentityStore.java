package dev.paperclipee.rest.platform;

import dev.paperclipee.access.boundary.BoardUsers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;

/**
 * Board users' e-mail and password (spec §9.1): checked against the PBKDF2 hash in {@code users}
 * by {@link BoardUsers}. A wrong password, an unknown e-mail and a disabled user are one INVALID.
 */
@ApplicationScoped
public class BoardIdentityStore implements IdentityStore {

    @Inject
    BoardUsers users;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return BearerIdentityStore.of(users.verify(login.getCaller(), login.getPasswordAsString()));
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE);
    }
}
