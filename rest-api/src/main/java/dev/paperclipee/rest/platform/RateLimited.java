package dev.paperclipee.rest.platform;

import dev.paperclipee.access.control.RateLimits;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.OptionalLong;

/** 429 with {@code Retry-After} (seconds) when a rate limit of {@link RateLimits} is spent (spec §16). */
public final class RateLimited {

    static final String TOO_MANY = "Too many requests: try again later";

    private RateLimited() {
    }

    public static void check(RateLimits limits, RateLimits.Kind kind, String who) {
        OptionalLong retryAfter = limits.take(kind, who);
        if (retryAfter.isPresent()) {
            throw new WebApplicationException(Response.status(429)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Retry-After", String.valueOf(retryAfter.getAsLong()))
                    .entity(new ApiError(TOO_MANY, java.util.Map.of("retryAfterSeconds", retryAfter.getAsLong())))
                    .build());
        }
    }
}
