package dev.paperclipee.goal.entity;

/** Spec §7.4: where a goal sits in the hierarchy. Names are wire and column values. */
public enum GoalLevel {
    company, team, agent, task
}
