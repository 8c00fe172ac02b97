package dev.paperclipee.rest.platform;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything that is not a domain refusal. Input the JSON layer could not read is a 400, a
 * concurrent edit a 409, and only the truly unexpected a 500 — logged with the request id that
 * the response carries, never with a stack trace in the body.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    /**
     * The servlet request, whose attributes are the JAX-RS request's properties (RequestIds puts
     * the id there). Not {@code ContainerRequestContext}: RESTEasy (WildFly) cannot inject that into
     * a provider and then fails every error response ("Unable to find contextual data").
     */
    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException web) {
            return fromWebApplication(web);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException || t instanceof ProcessingException) {
                return malformed(t);
            }
            if (t instanceof OptimisticLockException) {
                return ApiError.response(409, "The record was changed by someone else; reload and try again");
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                Response mapped = fromSqlState(sql.getSQLState());
                if (mapped != null) {
                    LOG.fine(() -> "Database refused request " + requestId()
                            + ": SQLState " + sql.getSQLState() + " " + firstLine(sql.getMessage()));
                    return mapped;
                }
            }
        }
        String requestId = requestId();
        LOG.log(Level.SEVERE, "Unexpected error in request " + requestId, e);
        return ApiError.response(500, "Internal server error", requestId == null ? null : Map.of("requestId", requestId));
    }

    /**
     * The id {@link RequestIds} gave the request, or null. Never throws: this runs for exceptions
     * of any origin (an EJB's system exception among them), and a mapper that fails leaves the
     * client with the server's HTML error page instead of a JSON 500.
     */
    private String requestId() {
        try {
            Object id = request == null ? null : request.getAttribute(RequestIds.PROPERTY);
            return id == null ? null : id.toString();
        } catch (RuntimeException noRequest) {
            return null;
        }
    }

    private static Response fromWebApplication(WebApplicationException web) {
        int status = web.getResponse().getStatus();
        if (web.getResponse().hasEntity() && web.getResponse().getEntity() instanceof ApiError) {
            return web.getResponse();
        }
        if (web.getCause() != null && status == 400) {
            return malformed(web.getCause());
        }
        return switch (status) {
            case 404 -> ApiError.response(404, "API route not found");
            case 405 -> ApiError.response(405, "Method not allowed");
            case 406 -> ApiError.response(406, "Not acceptable: this API answers application/json");
            case 415 -> ApiError.response(415, "Unsupported media type: send application/json");
            case 400 -> ApiError.response(400, "Bad request");
            default -> ApiError.response(status, web.getResponse().getStatusInfo().getReasonPhrase());
        };
    }

    private static Response malformed(Throwable cause) {
        String reason = cause.getMessage() == null ? "" : cause.getMessage().replaceAll("\\s+", " ");
        if (reason.length() > 300) {
            reason = reason.substring(0, 300) + "…";
        }
        return ApiError.response(400, "Malformed JSON body", reason.isEmpty() ? null : Map.of("reason", reason));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Database refusals the API can explain; null for the ones it cannot. */
    private static Response fromSqlState(String state) {
        return switch (state) {
            case "23505" -> ApiError.response(409, "Conflicts with an existing record");
            case "23503" -> ApiError.response(422, "Refers to a record that does not exist");
            case "23514", "23502", "22P02", "22021", "22001", "22003", "54000" ->
                    ApiError.response(400, "Invalid value");
            default -> null;
        };
    }
}
