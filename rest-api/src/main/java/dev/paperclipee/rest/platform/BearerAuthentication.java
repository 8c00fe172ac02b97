package dev.paperclipee.rest.platform;

import dev.paperclipee.access.boundary.Authentication;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.DeploymentMode;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Agent credentials (spec §9.2, api-contract "Who is calling" and "Rules clients rely on"):
 * {@code Authorization: Bearer <key>} makes the request the key's agent. A JWT-shaped token is a
 * run-scoped key (the agent acting in that run, while the run lives), a {@code pcp_} key a
 * long-lived one. A header that is not a valid key of a live agent — unknown, revoked, forged,
 * expired, of a finished run, malformed, another scheme, a terminated agent — is a 401 that names
 * none of these (and never echoes the token). No header at all is the local board, as before.
 * {@link Public} resources (health) are not looked at. Tokens are never logged.
 *
 * <p>{@value #RUN_ID_HEADER} on an agent's write (POST, PUT, PATCH, DELETE; reads ignore it, and
 * so does the board): with a run-scoped key it must name the key's own run; with a long-lived
 * key it may be left out, and when present must name a queued or running run of that same agent,
 * which the request then acts in (a checkout records it). Anything else is 422. A blank header
 * counts as absent. Cost: a long-lived key without the header is one lookup, as before; a run
 * token is one lookup; only a long-lived key that names a run costs a second.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthentication implements ContainerRequestFilter {

    static final String INVALID = "Invalid API key: unknown, revoked, or not an agent API key";
    /** Upstream's CLI sends it in lower case; HTTP header names are case-insensitive. */
    public static final String RUN_ID_HEADER = "X-Paperclip-Run-Id";
    static final String NOT_A_RUN_ID = RUN_ID_HEADER + " must be a run id (a UUID)";
    static final String NOT_THIS_KEYS_RUN = RUN_ID_HEADER + " does not match the run of this API key";
    static final String NOT_A_LIVE_RUN = RUN_ID_HEADER + " must name a queued or running run of this agent";
    static final Set<String> MUTATIONS = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String UNAUTHENTICATED = "Authentication required: log in, or send an API key";
    static final String UNTRUSTED_ORIGIN = "Board mutation requires trusted browser origin";

    private static final String SCHEME = "bearer ";
    /** Canonical text only: {@link UUID#fromString} also takes forms like "1-2-3-4-5". */
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Inject
    Authentication authentication;

    @Inject
    Caller caller;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    /**
     * What the request's headers make of it: the implicit board (no credentials), an
     * authenticated actor (an agent, or a board user by key or session), or a refusal.
     *
     * @param agent   the actor to act as (despite the name, also a board user); null for the implicit board or a refusal
     * @param status  0, or the status of the refusal
     * @param error   the refusal's message
     * @param details the refusal's details, or null
     */
    record Decision(Actor agent, int status, String error, Map<String, Object> details) {

        static final Decision BOARD = new Decision(null, 0, null, null);

        static Decision agent(Actor agent) {
            return new Decision(agent, 0, null, null);
        }

        static Decision refused(int status, String error, Map<String, Object> details) {
            return new Decision(null, status, error, details);
        }

        boolean isRefused() {
            return status != 0;
        }
    }

    /**
     * The request as {@link PaperclipAuthentication} left it: a bearer credential (valid, or
     * invalid → 401), a board session (mutations must come from the board's own origin → else
     * 403), or nothing — the implicit board in {@code local_trusted} mode, else 401. Where the
     * mechanism did not run (a test, a misconfigured server) the bearer header is checked here.
     */
    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> target = resource == null ? null : resource.getResourceClass();
        if (target != null && target.isAnnotationPresent(Public.class)) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Object via = servletRequest == null ? null : servletRequest.getAttribute(PaperclipAuthentication.VIA);
        Actor authenticated = servletRequest == null ? null : (Actor) servletRequest.getAttribute(Actor.REQUEST_ATTRIBUTE);
        Decision decision;
        if (authorization != null) {
            decision = via == null
                    ? decide(authorization, request.getMethod(), request.getHeaderString(RUN_ID_HEADER))
                    : afterAuthentication(PaperclipAuthentication.VIA_BEARER.equals(via) ? Optional.ofNullable(authenticated)
                            : Optional.empty(), request.getMethod(), request.getHeaderString(RUN_ID_HEADER));
        } else if (authenticated != null) {
            decision = isMutation(request.getMethod()) && !Origins.sameOrigin(request.getHeaderString("Origin"),
                    request.getHeaderString("Referer"), request.getHeaderString(HttpHeaders.HOST), servletRequest.getScheme())
                    ? Decision.refused(403, UNTRUSTED_ORIGIN, null)
                    : Decision.agent(authenticated);
        } else if (DeploymentMode.current().isLocalTrusted()) {
            decision = Decision.BOARD;
        } else {
            decision = Decision.refused(401, UNAUTHENTICATED, null);
        }
        if (decision.isRefused()) {
            request.abortWith(ApiError.response(decision.status(), decision.error(), decision.details()));
        } else if (decision.agent() != null) {
            caller.authenticatedAs(decision.agent());
        }
    }

    Decision decide(String authorization, String method, String runIdHeader) {
        if (authorization == null) {
            return Decision.BOARD;
        }
        return afterAuthentication(token(authorization).flatMap(this::authenticate), method, runIdHeader);
    }

    /** The {@value #RUN_ID_HEADER} rules for a request whose bearer credential made it {@code authenticated} (empty: 401). */
    Decision afterAuthentication(Optional<Actor> authenticated, String method, String runIdHeader) {
        if (authenticated.isEmpty()) {
            return Decision.refused(401, INVALID, null);
        }
        Actor actor = authenticated.get();
        if (runIdHeader == null || runIdHeader.isBlank() || !isMutation(method) || !actor.isAgent()) {
            return Decision.agent(actor);
        }
        String named = runIdHeader.strip();
        if (!UUID_TEXT.matcher(named).matches()) {
            return Decision.refused(422, NOT_A_RUN_ID, details(null));
        }
        UUID runId = UUID.fromString(named);
        if (actor.runId() != null) {
            if (actor.runId().equals(runId)) {
                return Decision.agent(actor);
            }
            Map<String, Object> details = details(runId);
            details.put("keyRunId", actor.runId().toString());
            return Decision.refused(422, NOT_THIS_KEYS_RUN, details);
        }
        return authentication.inRun(actor, runId)
                .map(Decision::agent)
                .orElseGet(() -> Decision.refused(422, NOT_A_LIVE_RUN, details(runId)));
    }

    private Optional<Actor> authenticate(String token) {
        return BearerIdentityStore.authenticate(authentication, token);
    }

    static boolean isMutation(String method) {
        return method != null && MUTATIONS.contains(method.toUpperCase(Locale.ROOT));
    }

    /** Names the header and, when it is a well-formed id, the run it named (never arbitrary header text). */
    private static Map<String, Object> details(UUID named) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("header", RUN_ID_HEADER);
        if (named != null) {
            details.put("runId", named.toString());
        }
        return details;
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
