package dev.paperclipee.heartbeat.entity;

/**
 * Why a run exists (spec §7.8 {@code scheduler | manual | callback}, plus the wakes caused by
 * issue assignment and comments, and automation such as crash-recovery retries). Stored by name,
 * matching the SQL CHECK of {@code heartbeat_runs.invocation_source}.
 */
public enum InvocationSource {
    scheduler, manual, callback, assignment, automation
}
