package dev.paperclipee.approval.entity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.paperclipee.approval.entity.ApprovalStatus.approved;
import static dev.paperclipee.approval.entity.ApprovalStatus.cancelled;
import static dev.paperclipee.approval.entity.ApprovalStatus.pending;
import static dev.paperclipee.approval.entity.ApprovalStatus.rejected;
import static dev.paperclipee.approval.entity.ApprovalStatus.revision_requested;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Spec §8.3 with the revision loop, transcribed independently of the enum: every pair of statuses is checked. */
class ApprovalStatusTest {

    private static final Map<ApprovalStatus, Set<ApprovalStatus>> SPEC = Map.of(
            pending, EnumSet.of(approved, rejected, cancelled, revision_requested),
            revision_requested, EnumSet.of(pending, approved, rejected, cancelled),
            approved, EnumSet.noneOf(ApprovalStatus.class),
            rejected, EnumSet.noneOf(ApprovalStatus.class),
            cancelled, EnumSet.noneOf(ApprovalStatus.class));

    @ParameterizedTest
    @EnumSource(ApprovalStatus.class)
    void allowsExactlyTheSpecTransitions(ApprovalStatus from) {
        for (ApprovalStatus to : ApprovalStatus.values()) {
            assertEquals(SPEC.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
        }
    }

    @ParameterizedTest
    @EnumSource(ApprovalStatus.class)
    void decisionsAreFinal(ApprovalStatus status) {
        assertEquals(status == approved || status == rejected || status == cancelled, status.isDecided());
        assertEquals(status.isDecided(), status.next().isEmpty());
    }
}
