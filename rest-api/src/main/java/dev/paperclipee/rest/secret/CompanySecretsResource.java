package dev.paperclipee.rest.secret;

import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.secret.boundary.Secrets;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Spec §7.12: {@code /api/companies/:companyId/secrets}, board only (agents 403). */
@Tag(name = "secrets")
@Path("companies/{companyId}/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanySecretsResource {

    @Inject
    Secrets secrets;

    @Inject
    Caller caller;

    /** The company's secrets by name: metadata only. */
    @GET
    public List<SecretResponse> list(@PathParam("companyId") String companyId) {
        return secrets.list(caller.actor(), Json.id("Company", companyId)).stream().map(SecretResponse::of).toList();
    }

    /** 201 with the secret's metadata (version 1); the value is stored encrypted and never answered. */
    @POST
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(schema = @Schema(implementation = SecretResponse.class)))
    public Response create(@PathParam("companyId") String companyId,
                           @NotNull(message = "a JSON object is required") @Valid SecretRequests.Create body) {
        return Response.status(Response.Status.CREATED)
                .entity(SecretResponse.of(secrets.create(caller.actor(), Json.id("Company", companyId), body.toDraft())))
                .build();
    }
}
