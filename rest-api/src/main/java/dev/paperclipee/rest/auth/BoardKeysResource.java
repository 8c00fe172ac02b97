package dev.paperclipee.rest.auth;

import dev.paperclipee.access.boundary.BoardKeys;
import dev.paperclipee.access.control.RateLimits;
import dev.paperclipee.access.entity.BoardApiKey;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.RateLimited;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code /api/board/api-keys}: the calling board user's API keys for scripts and CLIs — create
 * (201, the {@code token} shown this once), list (never a token or hash), revoke. Board only
 * (agents 403); rate limited per caller (429 with {@code Retry-After}).
 */
@Tag(name = "auth")
@Path("board/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BoardKeysResource {

    @Inject
    BoardKeys keys;

    @Inject
    Caller caller;

    @Inject
    RateLimits limits;

    @Schema(name = "BoardKeyCreateRequest")
    public record Create(@NotNull @Size(min = 1, max = 200) String name) {
    }

    /** A board API key as listed. */
    public record KeyResponse(String id, String name, String createdAt, String revokedAt, String lastUsedAt) {
        static KeyResponse of(BoardApiKey k) {
            return new KeyResponse(k.getId().toString(), k.getName(), Json.time(k.getCreatedAt()), Json.time(k.getRevokedAt()),
                    Json.time(k.getLastUsedAt()));
        }
    }

    /** The answer to creating a key: the only one that carries the {@code token}. */
    public record Created(String id, String name, String createdAt, String revokedAt, String lastUsedAt, String token) {
        @Override
        public String toString() {
            return "Created[id=" + id + ", token=(shown once)]";
        }
    }

    @GET
    public List<KeyResponse> list() {
        limit();
        return keys.list(caller.actor()).stream().map(KeyResponse::of).toList();
    }

    @POST
    public Response create(@NotNull(message = "a JSON object is required") @Valid Create body) {
        limit();
        BoardKeys.IssuedBoardKey issued = keys.create(caller.actor(), body.name());
        KeyResponse k = KeyResponse.of(issued.key());
        return Response.status(Response.Status.CREATED)
                .entity(new Created(k.id(), k.name(), k.createdAt(), k.revokedAt(), k.lastUsedAt(), issued.token()))
                .build();
    }

    /** Revokes the key and answers it; revoking a revoked key answers it unchanged. */
    @DELETE
    @Path("{keyId}")
    public KeyResponse revoke(@PathParam("keyId") String keyId) {
        limit();
        return KeyResponse.of(keys.revoke(caller.actor(), Json.id("API key", keyId)));
    }

    private void limit() {
        RateLimited.check(limits, RateLimits.Kind.KEYS, caller.actor().type() + ":" + caller.actor().id());
    }
}
