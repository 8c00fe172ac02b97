package dev.paperclipee.rest.attachment;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.attachment.boundary.AttachmentUpload;
import dev.paperclipee.attachment.boundary.IssueAttachments;
import dev.paperclipee.attachment.boundary.UploadTarget;
import dev.paperclipee.attachment.control.StagedObject;
import dev.paperclipee.rest.platform.ApiError;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.MalformedMultipartException;
import dev.paperclipee.rest.platform.MultipartForm;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.Text;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Spec §10.4: {@code POST /api/companies/:companyId/issues/:issueId/attachments}, a
 * {@code multipart/form-data} body with the file in the part {@code file} and optionally the
 * part {@code issueCommentId} (a comment of the same issue). The company and the issue are
 * checked before the body is read; the file is streamed to storage as it arrives, and reading
 * stops as soon as it passes the company's {@code attachmentMaxBytes} (413). Other parts are
 * ignored (at most 1 KiB each).
 */
@Tag(name = "attachments")
@Path("companies/{companyId}/issues/{issueId}/attachments")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyIssueAttachmentsResource {

    static final int MAX_FIELD_BYTES = 1024;

    @Inject
    IssueAttachments attachments;

    @Inject
    Caller caller;

    /** Any media type reaches the method, so that a wrong one gets a multipart-specific 415. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("companyId") String companyId, @PathParam("issueId") String issueId,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Actor actor = caller.actor();
        UploadTarget target = attachments.target(actor, Json.id("Company", companyId), issueId);
        MultipartForm form = MultipartForm.of(contentType, body);
        StagedObject staged = null;
        try {
            String filename = null;
            String fileType = null;
            String commentId = null;
            for (MultipartForm.Part part; (part = form.next()) != null; ) {
                switch (part.name()) {
                    case "file" -> {
                        if (staged != null) {
                            throw new InvalidInputException("file", "must be sent once", "invalid_type");
                        }
                        filename = part.filename();
                        fileType = part.contentType();
                        staged = attachments.receive(target, part.content());
                    }
                    case "issueCommentId" -> {
                        if (commentId != null) {
                            throw new InvalidInputException("issueCommentId", "must be sent once", "invalid_type");
                        }
                        commentId = part.text(MAX_FIELD_BYTES).strip();
                    }
                    default -> part.text(MAX_FIELD_BYTES);
                }
            }
            if (staged == null) {
                throw new InvalidInputException("file", "is required: send the file as the multipart part named file",
                        "invalid_type");
            }
            AttachmentUpload upload = new AttachmentUpload(filename, fileType,
                    Json.uuid("issueCommentId", Text.blankToNull(commentId)));
            return Response.status(Response.Status.CREATED)
                    .entity(AttachmentResponse.of(attachments.add(actor, target, staged, upload)))
                    .build();
        } catch (MalformedMultipartException e) {
            throw new WebApplicationException(ApiError.response(400, "Malformed multipart body",
                    Map.of("reason", e.getMessage())));
        } catch (IOException e) {
            throw new WebApplicationException(ApiError.response(400, "The upload could not be read",
                    Map.of("reason", String.valueOf(e.getMessage()))));
        } finally {
            if (staged != null) {
                attachments.discard(staged);
            }
        }
    }
}
