package dev.paperclipee.rest.agent;

import dev.paperclipee.agent.boundary.AgentKeys;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.access.control.RateLimits;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.RateLimited;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Spec §10.3: {@code /api/agents/:agentId} with its status actions and API keys, and
 * {@code /api/agents/me} (the literal path wins over the template). Pause, resume, terminate and
 * the keys are board-only; the status actions take no body (a sent {@code {}} is ignored).
 */
@Tag(name = "agents")
@Path("agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentsResource {

    @Inject
    Agents agents;

    @Inject
    AgentKeys keys;

    @Inject
    Caller caller;

    @Inject
    RateLimits limits;

    /** The calling agent with its {@code chainOfCommand}; 404 for the board, which is not an agent. */
    @GET
    @Path("me")
    public AgentProfileResponse me() {
        return AgentProfileResponse.of(agents.me(caller.actor()));
    }

    @GET
    @Path("{agentId}")
    public AgentResponse get(@PathParam("agentId") String agentId) {
        return AgentResponse.of(agents.find(caller.actor(), Json.id("Agent", agentId)));
    }

    @PATCH
    @Path("{agentId}")
    public AgentResponse update(@PathParam("agentId") String agentId,
                                @NotNull(message = "a JSON object is required") @Valid AgentRequests.Update body) {
        return AgentResponse.of(agents.update(caller.actor(), Json.id("Agent", agentId), body.toChanges()));
    }

    @POST
    @Path("{agentId}/pause")
    public AgentResponse pause(@PathParam("agentId") String agentId) {
        return AgentResponse.of(agents.pause(caller.actor(), Json.id("Agent", agentId)));
    }

    @POST
    @Path("{agentId}/resume")
    public AgentResponse resume(@PathParam("agentId") String agentId) {
        return AgentResponse.of(agents.resume(caller.actor(), Json.id("Agent", agentId)));
    }

    @POST
    @Path("{agentId}/terminate")
    public AgentResponse terminate(@PathParam("agentId") String agentId) {
        return AgentResponse.of(agents.terminate(caller.actor(), Json.id("Agent", agentId)));
    }

    @GET
    @Path("{agentId}/keys")
    public List<KeyResponse> keys(@PathParam("agentId") String agentId) {
        limitKeys();
        return keys.list(caller.actor(), Json.id("Agent", agentId)).stream().map(KeyResponse::of).toList();
    }

    /** 201 with the key and its {@code token}, shown this once. */
    @POST
    @Path("{agentId}/keys")
    public Response createKey(@PathParam("agentId") String agentId,
                              @NotNull(message = "a JSON object is required") @Valid AgentRequests.CreateKey body) {
        limitKeys();
        return Response.status(Response.Status.CREATED)
                .entity(KeyResponse.Created.of(keys.create(caller.actor(), Json.id("Agent", agentId), body.name())))
                .build();
    }

    /** Revokes the key and answers it; revoking a revoked key answers it unchanged. */
    @DELETE
    @Path("{agentId}/keys/{keyId}")
    public KeyResponse revokeKey(@PathParam("agentId") String agentId, @PathParam("keyId") String keyId) {
        limitKeys();
        return KeyResponse.of(keys.revoke(caller.actor(), Json.id("Agent", agentId), Json.id("API key", keyId)));
    }

    /** Key management is rate limited per caller (spec §16): 429 with Retry-After. */
    private void limitKeys() {
        RateLimited.check(limits, RateLimits.Kind.KEYS, caller.actor().type() + ":" + caller.actor().id());
    }
}
