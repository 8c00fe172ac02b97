package dev.paperclipee.rest.skill;

import dev.paperclipee.heartbeat.boundary.AgentSkills;
import dev.paperclipee.rest.platform.Public;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /api/skills/index} and {@code GET /api/skills/:name}: the Paperclip skill an agent
 * follows (how to authenticate, the heartbeat procedure, the endpoints), as markdown with front
 * matter. Public, like upstream's skill files: it holds no secret, and an agent reads it before
 * it has made its first authenticated call.
 */
@Tag(name = "skills")
@Path("skills")
@Public
public class SkillsResource {

    static final String MARKDOWN = "text/markdown;charset=utf-8";

    @Inject
    AgentSkills skills;

    /** One entry of the index: the skill's name, the description of its front matter, and where to read it. */
    public record SkillResponse(String name, String description, String path) {
    }

    @GET
    @Path("index")
    @Produces(MediaType.APPLICATION_JSON)
    public List<SkillResponse> index() {
        return skills.index().stream().map(s -> new SkillResponse(s.name(), s.description(), s.path())).toList();
    }

    @GET
    @Path("{name}")
    @Produces({MARKDOWN, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "the skill as markdown",
            content = @Content(mediaType = "text/markdown", schema = @Schema(implementation = String.class)))
    public Response skill(@PathParam("name") String name) {
        return Response.ok(skills.markdown(name), MARKDOWN).build();
    }
}
