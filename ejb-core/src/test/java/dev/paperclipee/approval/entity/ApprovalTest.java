package dev.paperclipee.approval.entity;

import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.InvalidInputException;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static dev.paperclipee.shared.entity.JsonText.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec §7.10, §8.3: what an approval does on each move, and that a decision is final (409). */
class ApprovalTest {

    private static final UUID COMPANY = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final UUID BOARD = UUID.randomUUID();

    private static JsonObject json(String text) {
        return JSON.createReader(new StringReader(text)).readObject();
    }

    private static Approval requested() {
        return new Approval(COMPANY, ApprovalType.request_board_approval, json("{\"ask\":\"more disk\"}"), AGENT, null);
    }

    /** The moves, each as the boundary calls it. */
    enum Move {
        APPROVE(ApprovalStatus.approved, a -> a.approve(BOARD, "ok")),
        REJECT(ApprovalStatus.rejected, a -> a.reject(BOARD, "no")),
        CANCEL(ApprovalStatus.cancelled, a -> a.cancel(null, "withdrawn")),
        REQUEST_REVISION(ApprovalStatus.revision_requested, a -> a.requestRevision(BOARD, "smaller")),
        RESUBMIT(ApprovalStatus.pending, a -> a.resubmit(null));

        final ApprovalStatus target;
        final Consumer<Approval> apply;

        Move(ApprovalStatus target, Consumer<Approval> apply) {
            this.target = target;
            this.apply = apply;
        }
    }

    /** An approval brought into {@code status} through its own moves. */
    private static Approval in(ApprovalStatus status) {
        Approval a = requested();
        switch (status) {
            case pending -> { }
            case revision_requested -> a.requestRevision(BOARD, "x");
            case approved -> a.approve(BOARD, null);
            case rejected -> a.reject(BOARD, null);
            case cancelled -> a.cancel(null, null);
        }
        assertEquals(status, a.getStatus());
        return a;
    }

    @Test
    void aNewRequestIsPendingAndNamesItsRequester() {
        Approval a = requested();
        assertEquals(ApprovalStatus.pending, a.getStatus());
        assertEquals(AGENT, a.getRequestedByAgentId());
        assertNull(a.getRequestedByUserId());
        assertTrue(a.isRequestedBy(AGENT));
        assertFalse(a.isRequestedBy(UUID.randomUUID()));
        assertFalse(a.isRequestedBy(null));
        assertEquals(json("{\"ask\":\"more disk\"}"), a.payload());
        assertNull(a.getDecidedAt());
    }

    @ParameterizedTest
    @EnumSource(ApprovalStatus.class)
    void everyMoveFromEveryStatusFollowsTheMachine(ApprovalStatus from) {
        for (Move move : Move.values()) {
            Approval a = in(from);
            if (from.canMoveTo(move.target)) {
                move.apply.accept(a);
                assertEquals(move.target, a.getStatus(), from + " -> " + move);
            } else {
                ConflictException e = assertThrows(ConflictException.class, () -> move.apply.accept(a), from + " -> " + move);
                assertEquals(from, a.getStatus(), "a refused move changes nothing");
                @SuppressWarnings("unchecked")
                Map<String, Object> details = (Map<String, Object>) e.details();
                assertEquals(from.name(), details.get("status"));
                assertEquals(move.target.name(), details.get("requestedStatus"));
                if (from.isDecided()) {
                    assertTrue(e.getMessage().contains("final"), e.getMessage());
                }
            }
        }
    }

    @Test
    void aDecisionRecordsWhoWhenAndWhy() {
        Approval a = requested();
        a.approve(BOARD, "  go ahead ");
        assertEquals(BOARD, a.getDecidedByUserId());
        assertNotNull(a.getDecidedAt());
        assertEquals("  go ahead ", a.getDecisionNote());
        Approval blank = requested();
        blank.reject(BOARD, "   ");
        assertNull(blank.getDecisionNote(), "a blank note is no note");
    }

    @Test
    void anAgentsCancellationHasNoDecidingUser() {
        Approval a = requested();
        a.cancel(null, null);
        assertEquals(ApprovalStatus.cancelled, a.getStatus());
        assertNull(a.getDecidedByUserId());
        assertNotNull(a.getDecidedAt());
    }

    @Test
    void resubmittingReplacesThePayloadAndClearsTheRevisionRequest() {
        Approval a = requested();
        a.requestRevision(BOARD, "ask for less");
        assertEquals("ask for less", a.getDecisionNote());
        a.resubmit(json("{\"ask\":\"a little disk\"}"));
        assertEquals(ApprovalStatus.pending, a.getStatus());
        assertEquals(json("{\"ask\":\"a little disk\"}"), a.payload());
        assertNull(a.getDecisionNote());
        assertNull(a.getDecidedByUserId());
        assertNull(a.getDecidedAt());

        a.requestRevision(BOARD, "again");
        a.resubmit(null);
        assertEquals(json("{\"ask\":\"a little disk\"}"), a.payload(), "no new payload keeps the old one");
    }

    @Test
    void aBadNoteOrPayloadIsA400AndChangesNothing() {
        Approval a = requested();
        InvalidInputException note = assertThrows(InvalidInputException.class, () -> a.approve(BOARD, "a\u0000b"));
        assertEquals(List.of("decisionNote"), path(note));
        assertEquals(ApprovalStatus.pending, a.getStatus());
        assertThrows(InvalidInputException.class, () -> a.approve(BOARD, "x".repeat(100_001)));
        assertEquals(ApprovalStatus.pending, a.getStatus());

        InvalidInputException payload = assertThrows(InvalidInputException.class,
                () -> new Approval(COMPANY, ApprovalType.request_board_approval, json("{\"k\":\"a\\u0000b\"}"), null, BOARD));
        assertEquals(List.of("payload"), path(payload));
        assertThrows(InvalidInputException.class,
                () -> new Approval(COMPANY, ApprovalType.request_board_approval, json("{\"k\":\"" + "x".repeat(100_001) + "\"}"), null, BOARD));
        assertThrows(InvalidInputException.class, () -> new Approval(COMPANY, ApprovalType.hire_agent, null, null, BOARD));

        Approval open = requested();
        assertThrows(InvalidInputException.class, () -> open.resubmit(json("{\"k\":\"a\\u0000b\"}")),
                "a payload that could never be stored is a 400 before the status is looked at");
        assertEquals(ApprovalStatus.pending, open.getStatus());
    }

    @Test
    void anApprovedHireNamesItsAgentInThePayload() {
        Approval a = new Approval(COMPANY, ApprovalType.hire_agent, json("{\"name\":\"Ada\",\"reportsTo\":null}"), AGENT, null);
        a.approve(BOARD, null);
        UUID hired = UUID.randomUUID();
        a.recordHire(hired);
        assertEquals(json("{\"name\":\"Ada\",\"reportsTo\":null,\"agentId\":\"" + hired + "\"}"), a.payload());
    }

    @SuppressWarnings("unchecked")
    static List<Object> path(InvalidInputException e) {
        return (List<Object>) ((List<Map<String, Object>>) e.details()).get(0).get("path");
    }
}
