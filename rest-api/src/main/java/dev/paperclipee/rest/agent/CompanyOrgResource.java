package dev.paperclipee.rest.agent;

import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code GET /api/companies/:companyId/org}: the reporting tree, roots first, terminated agents left out. */
@Tag(name = "agents")
@Path("companies/{companyId}/org")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyOrgResource {

    @Inject
    Agents agents;

    @Inject
    Caller caller;

    @GET
    public List<OrgNodeResponse> org(@PathParam("companyId") String companyId) {
        return agents.org(caller.actor(), Json.id("Company", companyId)).stream().map(OrgNodeResponse::of).toList();
    }
}
