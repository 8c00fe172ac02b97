package dev.paperclipee.rest.agent;

import dev.paperclipee.agent.boundary.AgentProfile;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.json.JsonObject;

import java.util.List;

/**
 * {@code GET /agents/me}: the agent's fields as {@link AgentResponse} has them, plus its
 * {@code chainOfCommand}, direct manager first, up to the root.
 */
public record AgentProfileResponse(String id, String companyId, String name, String role, String title, String icon,
                                   String status, String reportsTo, String capabilities, String adapterType,
                                   JsonObject adapterConfig, JsonObject runtimeConfig, int budgetMonthlyCents,
                                   int spentMonthlyCents, String budgetAlert, String pauseReason, String pausedAt, JsonObject permissions,
                                   String lastHeartbeatAt, JsonObject metadata, String createdAt, String updatedAt,
                                   List<Manager> chainOfCommand) {

    /** One manager in the chain. */
    public record Manager(String id, String name, String role, String title) {
        static Manager of(Agent a) {
            return new Manager(a.getId().toString(), a.getName(), WireEnum.of(a.getRole()), a.getTitle());
        }
    }

    public static AgentProfileResponse of(AgentProfile profile) {
        AgentResponse a = AgentResponse.of(profile.agent());
        return new AgentProfileResponse(a.id(), a.companyId(), a.name(), a.role(), a.title(), a.icon(), a.status(),
                a.reportsTo(), a.capabilities(), a.adapterType(), a.adapterConfig(), a.runtimeConfig(),
                a.budgetMonthlyCents(), a.spentMonthlyCents(), a.budgetAlert(), a.pauseReason(), a.pausedAt(), a.permissions(),
                a.lastHeartbeatAt(), a.metadata(), a.createdAt(), a.updatedAt(),
                profile.chainOfCommand().stream().map(Manager::of).toList());
    }
}
