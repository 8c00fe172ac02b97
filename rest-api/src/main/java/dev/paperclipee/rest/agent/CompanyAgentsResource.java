package dev.paperclipee.rest.agent;

import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Spec §10.3: {@code /api/companies/:companyId/agents}. Hiring directly is the board's (403 for agents). */
@Tag(name = "agents")
@Path("companies/{companyId}/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyAgentsResource {

    @Inject
    Agents agents;

    @Inject
    Caller caller;

    /** The company's agents, oldest first; {@code ?status=} filters by one status. */
    @GET
    public List<AgentResponse> list(@PathParam("companyId") String companyId, @QueryParam("status") String status) {
        return agents.list(caller.actor(), Json.id("Company", companyId), status).stream().map(AgentResponse::of).toList();
    }

    @POST
    public Response create(@PathParam("companyId") String companyId,
                           @NotNull(message = "a JSON object is required") @Valid AgentRequests.Create body) {
        return Response.status(Response.Status.CREATED)
                .entity(AgentResponse.of(agents.create(caller.actor(), Json.id("Company", companyId), body.toDraft())))
                .build();
    }
}
