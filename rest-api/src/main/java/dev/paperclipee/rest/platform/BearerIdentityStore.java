package dev.paperclipee.rest.platform;

import dev.paperclipee.access.boundary.Authentication;
import dev.paperclipee.access.control.RunTokens;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.BoardKeyTokens;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens (spec §9.2, deployment-modes.md §4): a JWT-shaped token is a run-scoped agent
 * token, {@code pcb_…} a board API key, anything else an agent's long-lived key. Valid → the
 * agent (with its company and run) or the board user; anything else is INVALID, without saying why.
 */
@ApplicationScoped
public class BearerIdentityStore implements IdentityStore {

    @Inject
    Authentication authentication;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof BearerCredential bearer)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return of(authenticate(authentication, bearer.token()));
    }

    /** One lookup, chosen by the token's shape. */
    static Optional<Actor> authenticate(Authentication authentication, String token) {
        if (RunTokens.shapedLikeToken(token)) {
            return authentication.runToken(token);
        }
        if (token.startsWith(BoardKeyTokens.PREFIX)) {
            return authentication.boardKey(token);
        }
        return authentication.agentKey(token);
    }

    static CredentialValidationResult of(Optional<Actor> actor) {
        if (actor.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        ActorPrincipal principal = new ActorPrincipal(actor.get());
        return new CredentialValidationResult(principal, Set.of(principal.group()));
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE);
    }
}
