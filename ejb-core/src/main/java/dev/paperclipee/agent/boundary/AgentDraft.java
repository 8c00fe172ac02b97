package dev.paperclipee.agent.boundary;

import jakarta.json.JsonObject;

import java.util.UUID;

/**
 * What the board gives to hire an agent directly (api-contract agents row). Null fields take
 * their defaults: role {@code general}, adapter type {@code process}, empty configs with the
 * default heartbeat policy, no budget limit, no manager.
 *
 * @param role one of {@link dev.paperclipee.agent.entity.AgentRole}, as text
 */
public record AgentDraft(String name, String role, String title, String icon, UUID reportsTo, String capabilities,
                         String adapterType, JsonObject adapterConfig, JsonObject runtimeConfig,
                         Long budgetMonthlyCents, JsonObject permissions, JsonObject metadata) {
}
