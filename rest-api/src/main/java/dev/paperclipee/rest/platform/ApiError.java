package dev.paperclipee.rest.platform;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error body upstream clients parse: {@code {"error": "...", "details": ...}} (spec §10.9). */
public record ApiError(String error, @JsonbNillable(false) Object details) {

    public static Response response(int status, String error, Object details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(error, details))
                .build();
    }

    public static Response response(int status, String error) {
        return response(status, error, null);
    }
}
