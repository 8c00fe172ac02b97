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

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * Spec §10.8: {@code GET /api/companies/:companyId/activity}, newest first. Filters are exact
 * matches ({@code agentId} must be a UUID); {@code limit} 1–500 (default 100), {@code offset} ≥ 0.
 */
@Tag(name = "activity")
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
            @Parameter(description = "entries concerning this agent", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("agentId") String agentId,
            @Parameter(description = "e.g. issue, goal, agent, company") @QueryParam("entityType") String entityType,
            @Parameter(description = "the history of one entity") @QueryParam("entityId") String entityId,
            @Parameter(description = "e.g. issue.checked_out") @QueryParam("action") String action,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"agent", "user", "system"}))
            @QueryParam("actorType") String actorType,
            @Parameter(description = "page size, default 100",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "entries to skip", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
            @QueryParam("offset") String offset) {
        UUID company = Json.id("Company", companyId);
        ActivityFilter filter = new ActivityFilter(Json.uuid("agentId", agentId), entityType, entityId, action, actorType,
                QueryParams.integer("limit", limit), QueryParams.integer("offset", offset));
        return activities.list(caller.actor(), company, filter).stream().map(ActivityResponse::of).toList();
    }
}
