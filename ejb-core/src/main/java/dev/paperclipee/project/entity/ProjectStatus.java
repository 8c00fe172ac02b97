package dev.paperclipee.project.entity;

/** Spec §7.5. Names are wire and column values; any status may follow any other. */
public enum ProjectStatus {
    backlog, planned, in_progress, completed, cancelled
}
