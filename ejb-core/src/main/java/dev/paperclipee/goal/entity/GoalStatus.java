package dev.paperclipee.goal.entity;

/** Spec §7.4. Names are wire and column values. */
public enum GoalStatus {
    planned, active, achieved, cancelled
}
