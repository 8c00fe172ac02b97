package dev.paperclipee.rest.attachment;

import dev.paperclipee.attachment.boundary.AttachmentContent;
import dev.paperclipee.attachment.boundary.IssueAttachments;
import dev.paperclipee.attachment.entity.Asset;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Downloads;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

/** Spec §10.4: {@code /api/attachments/:attachmentId} and its content. */
@Tag(name = "attachments")
@Path("attachments/{attachmentId}")
@Produces(MediaType.APPLICATION_JSON)
public class AttachmentsResource {

    @Inject
    IssueAttachments attachments;

    @Inject
    Caller caller;

    /**
     * The stored bytes with the stored type and length, always as a download: the type came from
     * the uploader, so the browser must neither render it ({@code attachment}, a sandboxing CSP)
     * nor guess another one ({@code nosniff}).
     */
    @GET
    @Path("content")
    @Produces(MediaType.WILDCARD)
    public Response content(@PathParam("attachmentId") String attachmentId) {
        AttachmentContent content = attachments.content(caller.actor(), Json.id("Attachment", attachmentId));
        Asset asset = content.attachment().asset();
        StreamingOutput bytes = out -> {
            try (InputStream in = content.bytes()) {
                in.transferTo(out);
            }
        };
        return download(Response.ok(bytes), asset);
    }

    /** The headers of the download without opening the file (JAX-RS would otherwise run GET and drop the stream). */
    @HEAD
    @Path("content")
    @Produces(MediaType.WILDCARD)
    public Response contentHeaders(@PathParam("attachmentId") String attachmentId) {
        return download(Response.ok(), attachments.find(caller.actor(), Json.id("Attachment", attachmentId)).asset());
    }

    private static Response download(Response.ResponseBuilder response, Asset asset) {
        return response
                .type(asset.getContentType())
                .header(HttpHeaders.CONTENT_LENGTH, asset.getByteSize())
                .header("Content-Disposition", Downloads.contentDisposition(asset.getOriginalFilename()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .build();
    }

    /** Answers the deleted attachment; its file is removed once the deletion has committed. */
    @DELETE
    public AttachmentResponse delete(@PathParam("attachmentId") String attachmentId) {
        return AttachmentResponse.of(attachments.delete(caller.actor(), Json.id("Attachment", attachmentId)));
    }
}
