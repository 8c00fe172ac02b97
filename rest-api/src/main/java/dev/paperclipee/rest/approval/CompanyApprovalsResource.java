package dev.paperclipee.rest.approval;

import dev.paperclipee.approval.boundary.Approvals;
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

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Spec §10.6: {@code /api/companies/:companyId/approvals}. The board and the company's agents
 * list and request; newest first, {@code ?status=} filters, {@code limit} 1–500 (default 100).
 */
@Tag(name = "approvals")
@Path("companies/{companyId}/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyApprovalsResource {

    @Inject
    Approvals approvals;

    @Inject
    Caller caller;

    @GET
    public List<ApprovalResponse> list(
            @PathParam("companyId") String companyId,
            @Parameter(schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"pending", "revision_requested", "approved", "rejected", "cancelled"}))
            @QueryParam("status") String status,
            @Parameter(description = "page size, default 100",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "approvals to skip", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
            @QueryParam("offset") String offset) {
        return approvals.list(caller.actor(), Json.id("Company", companyId), status, QueryParams.integer("limit", limit),
                QueryParams.integer("offset", offset)).stream().map(ApprovalResponse::of).toList();
    }

    /** 201 with the new {@code pending} approval. */
    @POST
    public Response create(@PathParam("companyId") String companyId,
                           @NotNull(message = "a JSON object is required") @Valid ApprovalRequests.Create body) {
        return Response.status(Response.Status.CREATED)
                .entity(ApprovalResponse.of(approvals.request(caller.actor(), Json.id("Company", companyId), body.type(),
                        Json.object("payload", body.payload()))))
                .build();
    }
}
