package dev.paperclipee.faces;

import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.DomainException;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.PayloadTooLargeException;
import dev.paperclipee.shared.entity.RuleViolationException;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * The one place where a refusal of the domain ({@link DomainException}: not found, forbidden,
 * conflict, rule violation, invalid input) becomes something the operator sees. In an AJAX
 * request or a postback it is a toast (growl {@code messages} in the template updates itself) and
 * the request counts as failed validation, so dialogs stay open ({@code args.validationFailed}).
 * When a page cannot even be shown (an unknown company in the address) it is the HTTP status of
 * the refusal. Backing beans therefore call boundaries without catching their refusals.
 * Anything else goes on to the container's handler.
 */
public class DomainMessages extends ExceptionHandlerWrapper {

    public DomainMessages(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        FacesContext context = FacesContext.getCurrentInstance();
        Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        while (events.hasNext()) {
            Optional<DomainException> refusal = domainCause(events.next().getContext().getException());
            if (refusal.isEmpty()) {
                continue;
            }
            events.remove();
            show(context, refusal.get());
        }
        getWrapped().handle();
    }

    private static void show(FacesContext context, DomainException refusal) {
        ExternalContext external = context.getExternalContext();
        boolean canShowMessage = context.getPartialViewContext().isAjaxRequest() || context.isPostback();
        if (canShowMessage || external.isResponseCommitted()) {
            context.addMessage(null, message(refusal));
            context.validationFailed();
            return;
        }
        try {
            external.responseSendError(status(refusal), refusal.getMessage());
            context.responseComplete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The toast of a refusal: a heading by kind, the domain's own words as detail. */
    public static FacesMessage message(DomainException refusal) {
        String heading;
        FacesMessage.Severity severity = FacesMessage.SEVERITY_ERROR;
        if (refusal instanceof ConflictException) {
            heading = "Conflict";
            severity = FacesMessage.SEVERITY_WARN;
        } else if (refusal instanceof RuleViolationException) {
            heading = "Not allowed";
            severity = FacesMessage.SEVERITY_WARN;
        } else if (refusal instanceof ForbiddenException) {
            heading = "Forbidden";
        } else if (refusal instanceof NotFoundException) {
            heading = "Not found";
        } else if (refusal instanceof InvalidInputException || refusal instanceof PayloadTooLargeException) {
            heading = "Invalid input";
        } else {
            heading = "Refused";
        }
        return new FacesMessage(severity, heading, refusal.getMessage());
    }

    static int status(DomainException refusal) {
        if (refusal instanceof NotFoundException) {
            return 404;
        }
        if (refusal instanceof ForbiddenException) {
            return 403;
        }
        if (refusal instanceof ConflictException) {
            return 409;
        }
        return 422;
    }

    static Optional<DomainException> domainCause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainException d) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
