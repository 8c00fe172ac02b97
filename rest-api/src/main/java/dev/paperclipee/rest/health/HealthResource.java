package dev.paperclipee.rest.health;

import dev.paperclipee.access.entity.DeploymentMode;
import dev.paperclipee.rest.platform.Public;
import dev.paperclipee.shared.boundary.Health;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/health}: public in every mode, for probes and load balancers. */
@Tag(name = "health")
@Path("health")
@Public
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    Health health;

    public record HealthResponse(String status, String version, String deploymentMode) {
    }

    @GET
    @APIResponse(responseCode = "200", description = "ready",
            content = @Content(schema = @Schema(implementation = HealthResponse.class)))
    @APIResponse(responseCode = "503", description = "starting, or the database is unavailable",
            content = @Content(schema = @Schema(implementation = HealthResponse.class)))
    public Response health() {
        Health.State state = health.check();
        String status = switch (state) {
            case OK -> "ok";
            case STARTING -> "starting";
            case DATABASE_UNAVAILABLE -> "database_unavailable";
        };
        return Response.status(state == Health.State.OK ? 200 : 503)
                .entity(new HealthResponse(status, health.version(), DeploymentMode.current().wire()))
                .build();
    }
}
