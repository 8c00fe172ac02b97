package dev.paperclipee.rest.dashboard;

import dev.paperclipee.dashboard.boundary.Dashboards;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Spec §10.8: {@code GET /api/companies/:companyId/dashboard}, read live for the board and the company's agents. */
@Tag(name = "dashboard")
@Path("companies/{companyId}/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyDashboardResource {

    @Inject
    Dashboards dashboards;

    @Inject
    Caller caller;

    @GET
    public DashboardResponse get(@PathParam("companyId") String companyId) {
        return DashboardResponse.of(dashboards.of(caller.actor(), Json.id("Company", companyId)));
    }
}
