package dev.paperclipee.agent.boundary;

import java.util.UUID;

/**
 * CDI event, fired inside the transaction that paused or terminated an agent: its queued runs are
 * cancelled and its running runs stopped (issue 4: "pausing an agent with an active run cancels it
 * gracefully, then forcefully").
 *
 * @param reason {@code agent_paused} or {@code agent_terminated}
 */
public record AgentHalted(UUID agentId, UUID companyId, String reason) {
}
