package dev.paperclipee.rest.auth;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.DeploymentMode;
import dev.paperclipee.rest.platform.Caller;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/auth/me}: who the request's credentials make the caller (401 without any in authenticated mode). */
@Tag(name = "auth")
@Path("auth/me")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    Caller caller;

    /**
     * @param kind           {@code board} or {@code agent}
     * @param userId         the board user, for the board
     * @param agentId        the agent, for an agent
     * @param companyId      an agent's company
     * @param runId          the run an agent acts in, if any
     * @param deploymentMode {@code local_trusted} or {@code authenticated}
     */
    public record MeResponse(String kind, String userId, String agentId, String companyId, String runId,
                             String deploymentMode) {
    }

    @GET
    public MeResponse me() {
        Actor actor = caller.actor();
        return new MeResponse(actor.isAgent() ? "agent" : "board",
                actor.isBoard() ? actor.id() : null,
                actor.isAgent() ? actor.id() : null,
                actor.companyId() == null ? null : actor.companyId().toString(),
                actor.runId() == null ? null : actor.runId().toString(),
                DeploymentMode.current().wire());
    }
}
