package dev.paperclipee.rest.attachment;

import dev.paperclipee.attachment.boundary.IssueAttachments;
import dev.paperclipee.rest.platform.Caller;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Spec §10.4: {@code GET /api/issues/:issueId/attachments}, oldest first. */
@Tag(name = "attachments")
@Path("issues/{issueId}/attachments")
@Produces(MediaType.APPLICATION_JSON)
public class IssueAttachmentsResource {

    @Inject
    IssueAttachments attachments;

    @Inject
    Caller caller;

    @GET
    public List<AttachmentResponse> list(@PathParam("issueId") String issueId) {
        return attachments.list(caller.actor(), issueId).stream().map(AttachmentResponse::of).toList();
    }
}
