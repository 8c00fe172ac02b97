package dev.paperclipee.approval.entity;

/**
 * Spec §7.10: what an approval asks the board for. Names are wire and column values.
 * <ul>
 *   <li>{@code hire_agent}: the payload is an agent-create body; approving creates that agent (§12.1);</li>
 *   <li>{@code approve_ceo_strategy}: the CEO's plan; the first approval unlocks the execution of the
 *       work the CEO delegated (§12.2);</li>
 *   <li>{@code budget_override_required}, {@code request_board_approval}: requests whose approval is
 *       recorded; the board acts on them with the ordinary routes (§12.3).</li>
 * </ul>
 */
public enum ApprovalType {
    hire_agent, approve_ceo_strategy, budget_override_required, request_board_approval
}
