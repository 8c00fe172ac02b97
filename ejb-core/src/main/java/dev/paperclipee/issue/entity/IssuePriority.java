package dev.paperclipee.issue.entity;

/** Spec §7.6. Names are wire and column values. */
public enum IssuePriority {
    critical, high, medium, low
}
