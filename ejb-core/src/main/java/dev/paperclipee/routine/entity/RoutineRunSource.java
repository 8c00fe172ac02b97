package dev.paperclipee.routine.entity;

/** What fired a routine: the scheduler's tick or a caller's {@code POST /routines/:id/run}. */
public enum RoutineRunSource {
    schedule, manual
}
