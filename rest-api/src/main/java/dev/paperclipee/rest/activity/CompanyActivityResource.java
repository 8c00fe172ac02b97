package dev.paperclipee.rest.activity;

import dev.paperclipee.activity.boundary.Activities;
import dev.paperclipee.activity.boundary.ActivityFilter;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.QueryParams;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/**
 * Spec §10.8: {@code GET /api/companies/:companyId/activity}, newest first. Filters are exact
 * matches ({@code agentId} must be a UUID); {@code limit} 1–500 (default 100), {@code offset} ≥ 0.
 */
@Path("companies/{companyId}/activity")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyActivityResource {

    @Inject
    Activities activities;

    @Inject
    Caller caller;

    @GET
    public List<ActivityResponse> list(
            @PathParam("companyId") String companyId,
            @QueryParam("agentId") String agentId,
            @QueryParam("entityType") String entityType,
            @QueryParam("entityId") String entityId,
            @QueryParam("action") String action,
            @QueryParam("actorType") String actorType,
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        UUID company = Json.id("Company", companyId);
        ActivityFilter filter = new ActivityFilter(Json.uuid("agentId", agentId), entityType, entityId, action, actorType,
                QueryParams.integer("limit", limit), QueryParams.integer("offset", offset));
        return activities.list(caller.actor(), company, filter).stream().map(ActivityResponse::of).toList();
    }
}
