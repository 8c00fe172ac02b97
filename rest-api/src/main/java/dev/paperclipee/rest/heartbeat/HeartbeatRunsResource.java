package dev.paperclipee.rest.heartbeat;

import dev.paperclipee.heartbeat.boundary.HeartbeatRuns;
import dev.paperclipee.heartbeat.control.RunLogFile;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.QueryParams;
import dev.paperclipee.shared.entity.InvalidInputException;

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

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code /api/heartbeat-runs/:runId}: read a run, cancel it, read its log from a byte offset (a
 * client tails a live run by passing {@code nextOffset} back), and the completion callback of
 * remote agents (http adapter), which only the run's own key may call.
 */
@Tag(name = "heartbeat")
@Path("heartbeat-runs")
@Produces(MediaType.APPLICATION_JSON)
public class HeartbeatRunsResource {

    static final int DEFAULT_LOG_BYTES = 256 * 1024;
    static final int MAX_LOG_BYTES = 4 * 1024 * 1024;

    @Inject
    HeartbeatRuns runs;

    @Inject
    Caller caller;

    @GET
    @Path("{runId}")
    public RunResponse get(@PathParam("runId") String runId) {
        return RunResponse.of(runs.find(caller.actor(), Json.id("Heartbeat run", runId)));
    }

    @POST
    @Path("{runId}/cancel")
    public RunResponse cancel(@PathParam("runId") String runId) {
        return RunResponse.of(runs.cancel(caller.actor(), Json.id("Heartbeat run", runId)));
    }

    @GET
    @Path("{runId}/log")
    public RunLogResponse log(
            @PathParam("runId") String runId,
            @Parameter(description = "byte offset to read from: 0, or the nextOffset of the previous answer",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
            @QueryParam("offset") String offset,
            @Parameter(description = "at most this many bytes of log lines",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4194304", defaultValue = "262144"))
            @QueryParam("limitBytes") String limitBytes) {
        long from = offset(offset);
        int max = QueryParams.integer("limitBytes", limitBytes, DEFAULT_LOG_BYTES);
        if (max < 1 || max > MAX_LOG_BYTES) {
            throw new InvalidInputException("limitBytes", "must be between 1 and " + MAX_LOG_BYTES, "too_big");
        }
        HeartbeatRuns.RunLog log = runs.log(caller.actor(), Json.id("Heartbeat run", runId), from, max);
        List<RunLogResponse.Chunk> chunks = log.chunks().stream().map(RunLogResponse.Chunk::of).toList();
        return new RunLogResponse(log.run().getId().toString(), log.run().getStatus().name(), from, log.nextOffset(),
                log.run().getStatus().terminal(), chunks);
    }

    @POST
    @Path("{runId}/callback")
    @Consumes(MediaType.APPLICATION_JSON)
    public RunResponse callback(@PathParam("runId") String runId,
                                @NotNull(message = "a JSON object is required") @Valid RunRequests.Callback body) {
        return RunResponse.of(runs.report(caller.actor(), Json.id("Heartbeat run", runId), body.toResult()));
    }

    private static long offset(String value) {
        if (value == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new InvalidInputException("offset", "must be a whole number of bytes, at least 0", "invalid_type");
    }

    /** A page of a run's log: whole NDJSON lines from {@code offset}; {@code done} once the run has ended. */
    @Schema(name = "RunLogResponse")
    public record RunLogResponse(String runId, String status, long offset, long nextOffset, boolean done,
                                 List<Chunk> chunks) {

        /** One log line: {@code {ts, stream, chunk, seq}}. */
        @Schema(name = "RunLogChunk")
        public record Chunk(String ts, String stream, String chunk, long seq) {
            static Chunk of(RunLogFile.Chunk c) {
                return new Chunk(Json.time(c.ts().atOffset(java.time.ZoneOffset.UTC)), c.stream().name(), c.chunk(), c.seq());
            }
        }
    }
}
