package dev.paperclipee.approval.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Spec §8.3, with upstream's revision loop: {@code pending → approved | rejected | cancelled},
 * {@code pending → revision_requested} (the board asks for changes), {@code revision_requested →
 * pending} (the requester resubmits), and from {@code revision_requested} the board may still
 * decide ({@code approved | rejected}) or either side cancel. {@code approved}, {@code rejected}
 * and {@code cancelled} are decisions: terminal, nothing leaves them.
 */
public enum ApprovalStatus {
    pending, revision_requested, approved, rejected, cancelled;

    /** The statuses this one may move to; empty for a decision. */
    public Set<ApprovalStatus> next() {
        return switch (this) {
            case pending -> EnumSet.of(revision_requested, approved, rejected, cancelled);
            case revision_requested -> EnumSet.of(pending, approved, rejected, cancelled);
            case approved, rejected, cancelled -> EnumSet.noneOf(ApprovalStatus.class);
        };
    }

    public boolean canMoveTo(ApprovalStatus target) {
        return next().contains(target);
    }

    /** Approved, rejected or cancelled: final (§8.3 "terminal after decision"). */
    public boolean isDecided() {
        return this == approved || this == rejected || this == cancelled;
    }
}
