package dev.paperclipee.routine.entity;

/**
 * What a firing does while the issue of the routine's previous occurrence is still open
 * (upstream's {@code concurrencyPolicy}; default {@code coalesce_if_active}): record the firing
 * against the open issue without a new one, record it as skipped, or create a new issue anyway.
 */
public enum ConcurrencyPolicy {
    coalesce_if_active, skip_if_active, always_enqueue
}
