package dev.paperclipee.rest.platform;

import dev.paperclipee.access.boundary.Authentication;
import dev.paperclipee.access.entity.Actor;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Locale;
import java.util.Optional;

/**
 * Agent API keys (spec §9.2, api-contract "Who is calling"): {@code Authorization: Bearer <key>}
 * makes the request the key's agent. A header that is not a valid key of a live agent — unknown,
 * revoked, malformed, another scheme, a terminated agent — is a 401 that names none of these
 * (and never echoes the token). No header at all is the local board, as before. {@link Public}
 * resources (health) are not looked at. Tokens are never logged.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthentication implements ContainerRequestFilter {

    static final String INVALID = "Invalid API key: unknown, revoked, or not an agent API key";
    private static final String SCHEME = "bearer ";

    @Inject
    Authentication authentication;

    @Inject
    Caller caller;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> target = resource == null ? null : resource.getResourceClass();
        if (target != null && target.isAnnotationPresent(Public.class)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        Optional<Actor> agent = token(header).flatMap(authentication::agentKey);
        if (agent.isEmpty()) {
            request.abortWith(ApiError.response(401, INVALID));
            return;
        }
        caller.authenticatedAs(agent.get());
    }

    /** The token of a {@code Bearer} header (scheme case-insensitive), or empty. */
    static Optional<String> token(String header) {
        String trimmed = header.strip();
        if (trimmed.length() <= SCHEME.length() || !trimmed.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Optional.empty();
        }
        return Optional.of(trimmed.substring(SCHEME.length()).strip());
    }
}
