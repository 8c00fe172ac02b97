package dev.paperclipee.shared.entity;

import jakarta.ejb.ApplicationException;

/** 403: the caller is known but may not do this (another company, a board-only action). */
@ApplicationException(rollback = true)
public class ForbiddenException extends DomainException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message, null);
    }

    /** The wording upstream's CLI recognises for a board-only refusal. */
    public static ForbiddenException boardOnly() {
        return new ForbiddenException("Board access required");
    }
}
