package dev.paperclipee.rest.heartbeat;

import dev.paperclipee.heartbeat.boundary.HeartbeatRuns;
import dev.paperclipee.heartbeat.entity.RunStatus;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.QueryParams;
import dev.paperclipee.shared.entity.InvalidInputException;

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
import java.util.Set;

/**
 * {@code GET /api/companies/:companyId/heartbeat-runs?agentId=&status=}: the company's runs,
 * newest first; {@code status} is a comma list; {@code limit} 1–500 (default 50), {@code offset}.
 */
@Tag(name = "heartbeat")
@Path("companies/{companyId}/heartbeat-runs")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyHeartbeatRunsResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Inject
    HeartbeatRuns runs;

    @Inject
    Caller caller;

    @GET
    public List<RunResponse> list(
            @PathParam("companyId") String companyId,
            @Parameter(description = "one agent's runs", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("agentId") String agentId,
            @Parameter(description = "comma list of queued, running, succeeded, failed, cancelled, timed_out")
            @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
            @QueryParam("offset") String offset) {
        int size = QueryParams.integer("limit", limit, DEFAULT_LIMIT);
        int skip = QueryParams.integer("offset", offset, 0);
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT, "too_big");
        }
        if (skip < 0) {
            throw new InvalidInputException("offset", "must be at least 0", "too_small");
        }
        Set<RunStatus> statuses = QueryParams.enums(RunStatus.class, "status", status);
        return runs.list(caller.actor(), Json.id("Company", companyId), Json.uuid("agentId", agentId), statuses, size, skip)
                .stream().map(RunResponse::of).toList();
    }
}
