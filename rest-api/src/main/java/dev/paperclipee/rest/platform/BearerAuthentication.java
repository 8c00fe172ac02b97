package dev.paperclipee.rest.platform;

import dev.paperclipee.access.boundary.Authentication;
import dev.paperclipee.access.control.RunTokens;
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

    /**
     * What the request's headers make of it: the board (no credentials), an agent, or a refusal.
     *
     * @param agent   the agent to act as; null for the board or a refusal
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

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> target = resource == null ? null : resource.getResourceClass();
        if (target != null && target.isAnnotationPresent(Public.class)) {
            return;
        }
        Decision decision = decide(request.getHeaderString(HttpHeaders.AUTHORIZATION), request.getMethod(),
                request.getHeaderString(RUN_ID_HEADER));
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
        Optional<Actor> agent = token(authorization).flatMap(this::authenticate);
        if (agent.isEmpty()) {
            return Decision.refused(401, INVALID, null);
        }
        Actor actor = agent.get();
        if (runIdHeader == null || runIdHeader.isBlank() || method == null
                || !MUTATIONS.contains(method.toUpperCase(Locale.ROOT))) {
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
        return RunTokens.shapedLikeToken(token) ? authentication.runToken(token) : authentication.agentKey(token);
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
