package dev.paperclipee.issue.entity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.paperclipee.issue.entity.IssueStatus.backlog;
import static dev.paperclipee.issue.entity.IssueStatus.blocked;
import static dev.paperclipee.issue.entity.IssueStatus.cancelled;
import static dev.paperclipee.issue.entity.IssueStatus.done;
import static dev.paperclipee.issue.entity.IssueStatus.in_progress;
import static dev.paperclipee.issue.entity.IssueStatus.in_review;
import static dev.paperclipee.issue.entity.IssueStatus.todo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Spec §8.2, transcribed independently of the enum: every pair of statuses is checked. */
class IssueStatusTest {

    private static final Map<IssueStatus, Set<IssueStatus>> SPEC = Map.of(
            backlog, EnumSet.of(todo, cancelled),
            todo, EnumSet.of(in_progress, blocked, cancelled),
            in_progress, EnumSet.of(in_review, blocked, done, cancelled),
            in_review, EnumSet.of(in_progress, done, cancelled),
            blocked, EnumSet.of(todo, in_progress, cancelled),
            done, EnumSet.noneOf(IssueStatus.class),
            cancelled, EnumSet.noneOf(IssueStatus.class));

    @ParameterizedTest
    @EnumSource(IssueStatus.class)
    void allowsExactlyTheSpecTransitions(IssueStatus from) {
        for (IssueStatus to : IssueStatus.values()) {
            assertEquals(SPEC.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
        }
    }

    @ParameterizedTest
    @EnumSource(IssueStatus.class)
    void onlyDoneAndCancelledAreTerminal(IssueStatus status) {
        assertEquals(status == done || status == cancelled, status.isTerminal());
        assertEquals(!status.isTerminal(), status.isOpen());
    }
}
