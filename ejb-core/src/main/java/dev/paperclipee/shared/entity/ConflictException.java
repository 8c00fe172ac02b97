package dev.paperclipee.shared.entity;

import jakarta.ejb.ApplicationException;

/** 409: the request is valid but the current state does not allow it. */
@ApplicationException(rollback = true)
public class ConflictException extends DomainException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message, null);
    }

    public ConflictException(String message, Object details) {
        super(message, details);
    }
}
