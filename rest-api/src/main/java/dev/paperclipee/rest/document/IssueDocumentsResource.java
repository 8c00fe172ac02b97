package dev.paperclipee.rest.document;

import dev.paperclipee.document.boundary.IssueDocuments;
import dev.paperclipee.document.boundary.DocumentHistory;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.QueryParams;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Spec §10.4: {@code /api/issues/:issueId/documents} (the issue by UUID or identifier). Keys are
 * lower-case slugs ({@code plan}, {@code design}); a malformed key is a 400, an unknown one a 404.
 */
@Tag(name = "documents")
@Path("issues/{issueId}/documents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IssueDocumentsResource {

    @Inject
    IssueDocuments documents;

    @Inject
    Caller caller;

    /** The issue's documents ordered by key, without their bodies. */
    @GET
    public List<DocumentSummaryResponse> list(@PathParam("issueId") String issueId) {
        return documents.list(caller.actor(), issueId).stream().map(DocumentSummaryResponse::of).toList();
    }

    @GET
    @Path("{key}")
    public DocumentResponse get(@PathParam("issueId") String issueId, @PathParam("key") String key) {
        return DocumentResponse.of(documents.find(caller.actor(), issueId, key));
    }

    /** 201 when the key was created, 200 when a revision was appended; 409 when the base is not the latest revision. */
    @PUT
    @Path("{key}")
    public Response put(@PathParam("issueId") String issueId, @PathParam("key") String key,
                        @NotNull(message = "a JSON object is required") @Valid DocumentRequests.Put body) {
        IssueDocuments.Written written = documents.put(caller.actor(), issueId, key, body.toDraft());
        return Response.status(written.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(DocumentResponse.of(written.document()))
                .build();
    }

    /** Newest first; {@code limit} (default 50, at most 200). */
    @GET
    @Path("{key}/revisions")
    public List<RevisionResponse> revisions(@PathParam("issueId") String issueId, @PathParam("key") String key,
                                            @QueryParam("limit") String limit) {
        DocumentHistory history = documents.revisions(caller.actor(), issueId, key,
                QueryParams.integer("limit", limit, IssueDocuments.DEFAULT_REVISION_LIMIT));
        return history.revisions().stream().map(r -> RevisionResponse.of(r, history.issueId(), history.key())).toList();
    }

    @DELETE
    @Path("{key}")
    public DocumentResponse delete(@PathParam("issueId") String issueId, @PathParam("key") String key) {
        return DocumentResponse.of(documents.delete(caller.actor(), issueId, key));
    }
}
