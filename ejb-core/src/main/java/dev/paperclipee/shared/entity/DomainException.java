package dev.paperclipee.shared.entity;

import java.util.Map;

/**
 * A refusal the caller can understand: each subtype maps to one HTTP status (spec §10.9) and
 * carries a human message plus optional machine-readable details.
 */
public abstract class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object details;

    /**
     * No stack trace: a refusal is an expected answer, not a fault (it is never logged with one),
     * and filling in the trace of a deep server stack cost more than the rest of a refused checkout.
     */
    protected DomainException(String message, Object details) {
        super(message, null, false, false);
        this.details = details;
    }

    /** A map or list serialised into the {@code details} of the error body, or null. */
    public Object details() {
        return details;
    }

    protected static Map<String, Object> noDetails() {
        return null;
    }
}
