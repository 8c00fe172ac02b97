package dev.paperclipee.rest.secret;

import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.secret.boundary.Secrets;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Spec §7.12: {@code /api/secrets/:secretId} — read, rename, rotate, delete; board only. Deleting
 * a secret that an agent's or project's env still refers to is a 409 naming them.
 */
@Tag(name = "secrets")
@Path("secrets/{secretId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecretsResource {

    @Inject
    Secrets secrets;

    @Inject
    Caller caller;

    @GET
    public SecretResponse get(@PathParam("secretId") String secretId) {
        return SecretResponse.of(secrets.find(caller.actor(), Json.id("Secret", secretId)));
    }

    @PATCH
    public SecretResponse update(@PathParam("secretId") String secretId,
                                 @NotNull(message = "a JSON object is required") @Valid SecretRequests.Update body) {
        return SecretResponse.of(secrets.update(caller.actor(), Json.id("Secret", secretId), body.toChanges()));
    }

    /** A new version with the new value; bindings to {@code latest} use it from the next run on. */
    @POST
    @Path("rotate")
    public SecretResponse rotate(@PathParam("secretId") String secretId,
                                 @NotNull(message = "a JSON object is required") @Valid SecretRequests.Rotate body) {
        return SecretResponse.of(secrets.rotate(caller.actor(), Json.id("Secret", secretId), body.value()));
    }

    /** 200 with the deleted secret; its versions go with it. */
    @DELETE
    public SecretResponse delete(@PathParam("secretId") String secretId) {
        return SecretResponse.of(secrets.delete(caller.actor(), Json.id("Secret", secretId)));
    }
}
