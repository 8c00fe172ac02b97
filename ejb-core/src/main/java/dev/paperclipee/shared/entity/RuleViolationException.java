package dev.paperclipee.shared.entity;

import jakarta.ejb.ApplicationException;

/** 422: well-formed, but breaks a rule of the domain (a cycle, a foreign-company link). */
@ApplicationException(rollback = true)
public class RuleViolationException extends DomainException {

    private static final long serialVersionUID = 1L;

    public RuleViolationException(String message) {
        super(message, null);
    }

    public RuleViolationException(String message, Object details) {
        super(message, details);
    }
}
