package dev.paperclipee.routine.entity;

/** Upstream's routine statuses; names are wire and column values. Only an active routine fires on schedule. */
public enum RoutineStatus {
    active, paused, archived
}
