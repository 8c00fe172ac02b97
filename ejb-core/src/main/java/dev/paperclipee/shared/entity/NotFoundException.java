package dev.paperclipee.shared.entity;

import jakarta.ejb.ApplicationException;

/** 404: the entity does not exist, or the caller may not know that it exists. */
@ApplicationException(rollback = true)
public class NotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message, null);
    }

    public static NotFoundException of(String kind, Object id) {
        return new NotFoundException(kind + " not found");
    }
}
