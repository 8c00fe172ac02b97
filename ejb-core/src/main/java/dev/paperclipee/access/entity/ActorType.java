package dev.paperclipee.access.entity;

/** Who performed an action, as {@code activity_log.actor_type} records it (spec §7.11). */
public enum ActorType {
    agent, user, system
}
