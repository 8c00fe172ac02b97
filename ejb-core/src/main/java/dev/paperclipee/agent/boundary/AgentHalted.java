package dev.paperclipee.agent.boundary;

import java.util.UUID;

/**
 * CDI event, fired inside the transaction that paused or terminated an agent: its queued runs are
 * cancelled and its running runs stopped (issue 4: "pausing an agent with an active run cancels it
 * gracefully, then forcefully"; spec §13.2: a budget stop cancels them too).
 *
 * @param reason {@link #PAUSED}, {@link #TERMINATED} or {@link #BUDGET}; the cancelled runs' error code
 */
public record AgentHalted(UUID agentId, UUID companyId, String reason) {

    public static final String PAUSED = "agent_paused";
    public static final String TERMINATED = "agent_terminated";
    /** The agent's monthly budget is used up (spec §13.2 hard stop). */
    public static final String BUDGET = "budget_exceeded";

    /** What a run cancelled for this reason says. */
    public String message() {
        return switch (reason) {
            case PAUSED -> "Cancelled: the agent was paused";
            case BUDGET -> "Cancelled: the agent's monthly budget is used up";
            default -> "Cancelled: the agent was terminated";
        };
    }
}
