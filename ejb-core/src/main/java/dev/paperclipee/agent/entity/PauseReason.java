package dev.paperclipee.agent.entity;

/** Why an agent is paused: by the board ({@code manual}), by a hard budget stop, or by the system. */
public enum PauseReason {
    manual, budget, system
}
