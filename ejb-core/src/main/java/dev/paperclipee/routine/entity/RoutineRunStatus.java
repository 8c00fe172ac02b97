package dev.paperclipee.routine.entity;

/** The outcome of one firing of a routine; names are wire and column values. */
public enum RoutineRunStatus {
    /** a new issue was created from the template */
    issue_created,
    /** the previous occurrence's issue is still open; the firing is recorded against it */
    coalesced,
    /** the previous occurrence's issue is still open and the policy is {@code skip_if_active} */
    skipped,
    /** the issue could not be created (e.g. the assignee was terminated); the reason is kept */
    failed
}
