package dev.paperclipee.rest.issue;

import dev.paperclipee.issue.boundary.IssueComments;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.QueryParams;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Spec §10.4: {@code /api/issues/:issueId} (a UUID or an identifier such as {@code ACM-12}), its
 * checkout, release and force-release (§10.4.1) and its comments.
 */
@Tag(name = "issues")
@Path("issues/{issueId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IssuesResource {

    @Inject
    Issues issues;

    @Inject
    IssueComments comments;

    @Inject
    Caller caller;

    @GET
    public IssueResponse get(@PathParam("issueId") String issueId) {
        Issue issue = issues.find(caller.actor(), issueId);
        return IssueResponse.of(issue, issues.ancestors(issue));
    }

    @PATCH
    public IssueResponse update(@PathParam("issueId") String issueId,
                                @NotNull(message = "a JSON object is required") @Valid IssueRequests.Update body) {
        return IssueResponse.of(issues.update(caller.actor(), issueId, body.toChanges()));
    }

    @POST
    @Path("checkout")
    public IssueResponse checkout(@PathParam("issueId") String issueId,
                                  @NotNull(message = "a JSON object is required") @Valid IssueRequests.Checkout body) {
        return IssueResponse.of(issues.checkout(caller.actor(), issueId, body.agent(), body.statuses()));
    }

    /** The body is optional ({@code {}} or none). */
    @POST
    @Path("release")
    public IssueResponse release(@PathParam("issueId") String issueId) {
        return IssueResponse.of(issues.release(caller.actor(), issueId));
    }

    @POST
    @Path("admin/force-release")
    public IssueResponse forceRelease(@PathParam("issueId") String issueId, IssueRequests.ForceRelease body) {
        // null only when no body was sent at all: a JSON null is refused by StrictJsonBodies
        boolean clearAssignee = body != null && Boolean.TRUE.equals(body.clearAssignee());
        return IssueResponse.of(issues.forceRelease(caller.actor(), issueId, clearAssignee));
    }

    /** The thread oldest first ({@code order=desc} for newest first), only after {@code after} when given. */
    @GET
    @Path("comments")
    public List<CommentResponse> comments(@PathParam("issueId") String issueId,
                                          @QueryParam("after") String after,
                                          @QueryParam("order") String order,
                                          @QueryParam("limit") String limit) {
        return comments.list(caller.actor(), issueId, Json.uuid("after", after), QueryParams.descending("order", order),
                        QueryParams.integer("limit", limit, IssueComments.DEFAULT_LIMIT))
                .stream().map(CommentResponse::of).toList();
    }

    @POST
    @Path("comments")
    public Response comment(@PathParam("issueId") String issueId,
                            @NotNull(message = "a JSON object is required") @Valid IssueRequests.Comment body) {
        return Response.status(Response.Status.CREATED)
                .entity(CommentResponse.of(comments.add(caller.actor(), issueId, body.body())))
                .build();
    }
}
