package dev.paperclipee.rest.issue;

import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.control.IssueFilter;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.QueryParams;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Spec §10.4: {@code /api/companies/:companyId/issues}. */
@Tag(name = "issues")
@Path("companies/{companyId}/issues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyIssuesResource {

    @Inject
    Issues issues;

    @Inject
    Caller caller;

    /**
     * Newest first, paged with {@code limit} (default 500, at most 1000) and {@code offset};
     * filters: {@code status} (comma list), {@code assigneeAgentId}, {@code projectId},
     * {@code parentId}, {@code q} (identifier, title or description contains).
     */
    @GET
    public List<IssueResponse> list(@PathParam("companyId") String companyId,
                                    @QueryParam("status") String status,
                                    @QueryParam("assigneeAgentId") String assigneeAgentId,
                                    @QueryParam("projectId") String projectId,
                                    @QueryParam("parentId") String parentId,
                                    @QueryParam("q") String q,
                                    @QueryParam("limit") String limit,
                                    @QueryParam("offset") String offset) {
        IssueFilter filter = new IssueFilter(QueryParams.enums(IssueStatus.class, "status", status),
                Json.uuid("assigneeAgentId", assigneeAgentId), Json.uuid("projectId", projectId),
                Json.uuid("parentId", parentId), q, QueryParams.integer("limit", limit, IssueFilter.DEFAULT_LIMIT),
                QueryParams.integer("offset", offset, 0));
        return issues.list(caller.actor(), Json.id("Company", companyId), filter).stream().map(IssueResponse::of).toList();
    }

    @POST
    public Response create(@PathParam("companyId") String companyId,
                           @NotNull(message = "a JSON object is required") @Valid IssueRequests.Create body) {
        return Response.status(Response.Status.CREATED)
                .entity(IssueResponse.of(issues.create(caller.actor(), Json.id("Company", companyId), body.toDraft())))
                .build();
    }
}
