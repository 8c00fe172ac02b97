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

/** {@code GET /api/health}: public in every mode, for probes and load balancers. */
@Path("health")
@Public
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    Health health;

    public record HealthResponse(String status, String version, String deploymentMode) {
    }

    @GET
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
