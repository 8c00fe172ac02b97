package dev.paperclipee.shared.entity;

/** Query settings shared by the read paths. */
public final class Queries {

    /**
     * EclipseLink's read-only query hint: pages that are only shown are not registered in the
     * transaction's unit of work, which otherwise clones every row for change tracking (a large
     * part of a list's CPU time in the profile). Never for rows the caller goes on to change.
     */
    public static final String READ_ONLY = "eclipselink.read-only";

    private Queries() {
    }
}
