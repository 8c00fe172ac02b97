package dev.paperclipee.issue.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Spec §8.2: the issue status machine. Names are wire and column values. {@code done} and
 * {@code cancelled} are terminal: nothing leaves them.
 */
public enum IssueStatus {
    backlog, todo, in_progress, in_review, done, blocked, cancelled;

    /**
     * The statuses in which an agent-owned issue asks for its agent (execution-semantics §2, §3): it
     * is woken for them and a silent run on them gets its follow-up. A parked {@code backlog}
     * issue asks for nobody, nor does a closed one.
     */
    public static final Set<IssueStatus> ACTIONABLE = EnumSet.of(todo, in_progress, blocked, in_review);

    /** The statuses this one may move to (§8.2); empty for the terminal ones. */
    public Set<IssueStatus> next() {
        return switch (this) {
            case backlog -> EnumSet.of(todo, cancelled);
            case todo -> EnumSet.of(in_progress, blocked, cancelled);
            case in_progress -> EnumSet.of(in_review, blocked, done, cancelled);
            case in_review -> EnumSet.of(in_progress, done, cancelled);
            case blocked -> EnumSet.of(todo, in_progress, cancelled);
            case done, cancelled -> EnumSet.noneOf(IssueStatus.class);
        };
    }

    public boolean canMoveTo(IssueStatus target) {
        return next().contains(target);
    }

    public boolean isTerminal() {
        return this == done || this == cancelled;
    }

    /** Not done and not cancelled: what the dashboard counts as open. */
    public boolean isOpen() {
        return !isTerminal();
    }
}
