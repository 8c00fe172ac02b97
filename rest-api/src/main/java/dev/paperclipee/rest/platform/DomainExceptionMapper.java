package dev.paperclipee.rest.platform;

import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.DomainException;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.PayloadTooLargeException;
import dev.paperclipee.shared.entity.RuleViolationException;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Domain refusals to their status codes (spec §10.9, STYLE "Errors → HTTP"). */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException e) {
        return ApiError.response(status(e), e.getMessage(), e.details());
    }

    static int status(DomainException e) {
        if (e instanceof InvalidInputException) {
            return 400;
        }
        if (e instanceof ForbiddenException) {
            return 403;
        }
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof ConflictException) {
            return 409;
        }
        if (e instanceof RuleViolationException) {
            return 422;
        }
        if (e instanceof PayloadTooLargeException) {
            return 413;
        }
        return 400;
    }
}
