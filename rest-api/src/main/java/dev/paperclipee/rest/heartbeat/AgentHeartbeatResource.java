package dev.paperclipee.rest.heartbeat;

import dev.paperclipee.heartbeat.boundary.HeartbeatRuns;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Spec §10.3 {@code POST /api/agents/:agentId/heartbeat/invoke}: queues a manual heartbeat and
 * answers 202 with the queued run at once (the spec allows 2 s; the run starts after the answer).
 * A paused, terminated or over-budget agent is a 409. Any body is ignored.
 */
@Tag(name = "heartbeat")
@Path("agents/{agentId}/heartbeat")
@Produces(MediaType.APPLICATION_JSON)
public class AgentHeartbeatResource {

    @Inject
    HeartbeatRuns runs;

    @Inject
    Caller caller;

    @POST
    @Path("invoke")
    public Response invoke(@PathParam("agentId") String agentId) {
        return Response.accepted(RunResponse.of(runs.invoke(caller.actor(), Json.id("Agent", agentId)))).build();
    }
}
