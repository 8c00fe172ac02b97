package dev.paperclipee.approval.boundary;

import dev.paperclipee.agent.boundary.IssuedKey;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.approval.entity.Approval;

/**
 * An approval just approved, with what approving it created: for a {@code hire_agent} request the
 * hired agent and, if the payload asked, its first API key (the only time its token is shown).
 *
 * @param hiredAgent null unless the approval was a hire
 * @param apiKey     null unless the hire asked for a key ({@code createApiKey})
 */
public record ApprovalDecision(Approval approval, Agent hiredAgent, IssuedKey apiKey) {

    @Override
    public String toString() {
        return "ApprovalDecision[approval=" + approval.getId() + ", hiredAgent="
                + (hiredAgent == null ? null : hiredAgent.getId()) + ", apiKey=" + apiKey + "]";
    }
}
