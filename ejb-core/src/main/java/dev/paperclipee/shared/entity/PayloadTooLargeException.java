package dev.paperclipee.shared.entity;

import jakarta.ejb.ApplicationException;

/** 413: an upload larger than the limit that applies to it; reading stopped where the limit was passed. */
@ApplicationException(rollback = true)
public class PayloadTooLargeException extends DomainException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message, Object details) {
        super(message, details);
    }
}
