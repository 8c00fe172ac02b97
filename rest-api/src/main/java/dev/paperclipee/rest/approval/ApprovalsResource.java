package dev.paperclipee.rest.approval;

import dev.paperclipee.approval.boundary.Approvals;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

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

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Spec §10.6, §8.3: {@code /api/approvals/:approvalId} and its decisions. Approve, reject and
 * request-revision are the board's; cancel is the requesting agent's or the board's; resubmit
 * answers a revision request. Deciding a decided approval is a 409. Decision bodies are optional
 * ({@code {decisionNote?}}).
 */
@Tag(name = "approvals")
@Path("approvals/{approvalId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApprovalsResource {

    @Inject
    Approvals approvals;

    @Inject
    Caller caller;

    @GET
    public ApprovalResponse get(@PathParam("approvalId") String approvalId) {
        return ApprovalResponse.of(approvals.find(caller.actor(), Json.id("Approval", approvalId)));
    }

    /** The approval, and for a hire the new {@code agent} (and {@code apiKey} with its token, once). */
    @POST
    @Path("approve")
    public ApprovedResponse approve(@PathParam("approvalId") String approvalId, @Valid ApprovalRequests.Decision body) {
        return ApprovedResponse.of(approvals.approve(caller.actor(), Json.id("Approval", approvalId),
                ApprovalRequests.Decision.noteOf(body)));
    }

    @POST
    @Path("reject")
    public ApprovalResponse reject(@PathParam("approvalId") String approvalId, @Valid ApprovalRequests.Decision body) {
        return ApprovalResponse.of(approvals.reject(caller.actor(), Json.id("Approval", approvalId),
                ApprovalRequests.Decision.noteOf(body)));
    }

    @POST
    @Path("cancel")
    public ApprovalResponse cancel(@PathParam("approvalId") String approvalId, @Valid ApprovalRequests.Decision body) {
        return ApprovalResponse.of(approvals.cancel(caller.actor(), Json.id("Approval", approvalId),
                ApprovalRequests.Decision.noteOf(body)));
    }

    @POST
    @Path("request-revision")
    public ApprovalResponse requestRevision(@PathParam("approvalId") String approvalId, @Valid ApprovalRequests.Decision body) {
        return ApprovalResponse.of(approvals.requestRevision(caller.actor(), Json.id("Approval", approvalId),
                ApprovalRequests.Decision.noteOf(body)));
    }

    /** {@code revision_requested → pending}, with the revised payload if one is sent. */
    @POST
    @Path("resubmit")
    public ApprovalResponse resubmit(@PathParam("approvalId") String approvalId,
                                     @NotNull(message = "a JSON object is required") @Valid ApprovalRequests.Resubmit body) {
        return ApprovalResponse.of(approvals.resubmit(caller.actor(), Json.id("Approval", approvalId),
                Json.object("payload", body.payload())));
    }
}
