package dev.paperclipee.issue.entity;

import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.RuleViolationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IssueTest {

    private static final UUID COMPANY = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();

    private static Issue issue(int number) {
        return new Issue(COMPANY, "ACM", number, "Fix the build", null, null);
    }

    @Test
    void isNumberedWithTheCompanyPrefixAndTakesDefaults() {
        Issue issue = issue(12);
        issue.start(null);
        assertEquals("ACM-12", issue.getIdentifier());
        assertEquals(12, issue.getIssueNumber());
        assertEquals(IssueStatus.backlog, issue.getStatus());
        assertEquals(IssuePriority.medium, issue.getPriority());
        assertEquals(0, issue.getRequestDepth());
    }

    @Test
    void anAssignedNewIssueStartsInTodo() {
        Issue issue = issue(1);
        issue.assignAgent(AGENT);
        issue.start(null);
        assertEquals(IssueStatus.todo, issue.getStatus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"done", "cancelled"})
    void cannotBeCreatedTerminal(String status) {
        Issue issue = issue(1);
        assertThrows(RuleViolationException.class, () -> issue.start(IssueStatus.valueOf(status)));
    }

    @Test
    void cannotBeCreatedInProgressWithoutAssignee() {
        assertThrows(RuleViolationException.class, () -> issue(1).start(IssueStatus.in_progress));
    }

    @Test
    void refusesTransitionsOutsideTheMachineWithTheAllowedTargets() {
        Issue issue = issue(1);
        issue.start(null);
        ConflictException e = assertThrows(ConflictException.class, () -> issue.moveTo(IssueStatus.done));
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) e.details();
        assertEquals("backlog", details.get("from"));
        assertEquals("done", details.get("to"));
        assertEquals(java.util.List.of("todo", "cancelled"), details.get("allowed"));
        assertEquals(IssueStatus.backlog, issue.getStatus());
    }

    @Test
    void terminalStatusesAreFinal() {
        Issue issue = issue(1);
        issue.start(IssueStatus.todo);
        issue.moveTo(IssueStatus.cancelled);
        assertNotNull(issue.getCancelledAt());
        for (IssueStatus target : IssueStatus.values()) {
            if (target != IssueStatus.cancelled) {
                assertThrows(ConflictException.class, () -> issue.moveTo(target), "cancelled -> " + target);
            }
        }
    }

    @Test
    void startedAtIsSetOnlyTheFirstTime() throws InterruptedException {
        Issue issue = issue(1);
        issue.assignAgent(AGENT);
        issue.start(null);
        issue.moveTo(IssueStatus.in_progress);
        var first = issue.getStartedAt();
        assertNotNull(first);
        issue.moveTo(IssueStatus.in_review);
        Thread.sleep(2);
        issue.moveTo(IssueStatus.in_progress);
        assertSame(first, issue.getStartedAt());
        assertNull(issue.getCompletedAt());
        issue.moveTo(IssueStatus.done);
        assertNotNull(issue.getCompletedAt());
        assertNull(issue.getCancelledAt());
    }

    @Test
    void inProgressNeedsAnAssignee() {
        Issue issue = issue(1);
        issue.start(IssueStatus.todo);
        assertThrows(RuleViolationException.class, () -> issue.moveTo(IssueStatus.in_progress));
        assertEquals(IssueStatus.todo, issue.getStatus());
    }

    @Test
    void aNewOwnerSendsWorkInProgressBackToTodo() {
        Issue issue = issue(1);
        issue.assignAgent(AGENT);
        issue.start(IssueStatus.in_progress);
        assertTrue(issue.assignAgent(UUID.randomUUID()));
        assertEquals(IssueStatus.todo, issue.getStatus());
        assertFalse(issue.assignAgent(issue.getAssigneeAgentId()), "same owner is no change");
    }

    @Test
    void agentAndUserAssigneesExcludeEachOther() {
        Issue issue = issue(1);
        issue.assignAgent(AGENT);
        issue.assignUser("00000000-0000-0000-0000-000000000001");
        assertNull(issue.getAssigneeAgentId());
        assertThrows(RuleViolationException.class, () -> Issue.requireSingleAssignee(AGENT, "u"));
    }

    @Test
    void releaseClearsOwnerAndReturnsToTodo() {
        Issue issue = issue(1);
        issue.assignAgent(AGENT);
        issue.start(IssueStatus.in_progress);
        issue.release();
        assertNull(issue.getAssigneeAgentId());
        assertEquals(IssueStatus.todo, issue.getStatus());
        assertNotNull(issue.getStartedAt(), "history is kept");
    }

    @Test
    void parentChainsNeverLoop() {
        Map<UUID, Issue> all = new HashMap<>();
        Issue a = issue(1);
        Issue b = issue(2);
        Issue c = issue(3);
        for (Issue i : new Issue[] {a, b, c}) {
            all.put(i.getId(), i);
        }
        b.moveUnder(a, all::get);
        c.moveUnder(b, all::get);
        assertThrows(RuleViolationException.class, () -> a.moveUnder(c, all::get));
        assertThrows(RuleViolationException.class, () -> a.moveUnder(a, all::get));
        assertNull(a.getParentId());
        Issue foreign = new Issue(UUID.randomUUID(), "OTH", 1, "x", null, null);
        assertThrows(RuleViolationException.class, () -> a.moveUnder(foreign, all::get));
    }

    @Test
    void delegationDepthGrowsAndIsBounded() {
        Issue parent = issue(1);
        Issue child = issue(2);
        child.delegatedFrom(parent);
        assertEquals(1, child.getRequestDepth());
        Issue deep = parent;
        for (int n = 2; n <= Issue.MAX_REQUEST_DEPTH + 1; n++) {
            Issue next = issue(n);
            next.delegatedFrom(deep);
            deep = next;
        }
        Issue last = deep;
        assertEquals(Issue.MAX_REQUEST_DEPTH, last.getRequestDepth());
        assertThrows(RuleViolationException.class, () -> issue(99).delegatedFrom(last));
    }

    @Test
    void textRulesHold() {
        assertThrows(InvalidInputException.class, () -> new Issue(COMPANY, "ACM", 1, " ", null, null));
        assertThrows(InvalidInputException.class, () -> new Issue(COMPANY, "ACM", 1, "a\u0000b", null, null));
        assertThrows(InvalidInputException.class, () -> new Issue(COMPANY, "ACM", 1, "x".repeat(501), null, null));
        assertThrows(InvalidInputException.class, () -> new Issue(COMPANY, "ACM", 1, "x", "\ud800", null));
    }

    @Test
    void recognisesIdentifiers() {
        assertTrue(Issue.looksLikeIdentifier("ACM-12"));
        assertTrue(Issue.looksLikeIdentifier("AC2-1"));
        assertFalse(Issue.looksLikeIdentifier("acm-12"));
        assertFalse(Issue.looksLikeIdentifier("ACM-0"));
        assertFalse(Issue.looksLikeIdentifier("ACM-"));
        assertFalse(Issue.looksLikeIdentifier("ACM-99999999999"));
        assertFalse(Issue.looksLikeIdentifier(null));
    }
}
