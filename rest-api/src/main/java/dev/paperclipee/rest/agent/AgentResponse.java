package dev.paperclipee.rest.agent;

import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.secret.control.Redaction;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.json.JsonObject;

import java.util.UUID;

/**
 * An agent as the API shows it (api-contract.md, agents row). The JSON columns are objects
 * ({@code metadata} may be null). {@code adapterConfig}, {@code runtimeConfig} and {@code metadata}
 * are shown redacted (spec §7.12): secret references as they are, sensitive plain values masked.
 * {@code spentMonthlyCents} is this UTC month's; {@code budgetAlert} is {@code none}, {@code soft}
 * (at or above 80 % of the budget) or {@code hard} (used up), spec §13.2.
 */
public record AgentResponse(String id, String companyId, String name, String role, String title, String icon,
                            String status, String reportsTo, String capabilities, String adapterType,
                            JsonObject adapterConfig, JsonObject runtimeConfig, int budgetMonthlyCents,
                            int spentMonthlyCents, String budgetAlert, String pauseReason, String pausedAt, JsonObject permissions,
                            String lastHeartbeatAt, JsonObject metadata, String createdAt, String updatedAt) {

    public static AgentResponse of(Agent a) {
        return new AgentResponse(a.getId().toString(), a.getCompanyId().toString(), a.getName(), WireEnum.of(a.getRole()),
                a.getTitle(), a.getIcon(), WireEnum.of(a.getStatus()), text(a.getReportsTo()), a.getCapabilities(),
                a.getAdapterType(), Redaction.of(a.getAdapterConfig()), Redaction.of(a.getRuntimeConfig()),
                a.getBudgetMonthlyCents(), a.getSpentMonthlyCents(), WireEnum.of(a.getBudgetAlert()),
                WireEnum.of(a.getPauseReason()),
                Json.time(a.getPausedAt()), Json.object(a.getPermissions()), Json.time(a.getLastHeartbeatAt()),
                Redaction.of(a.getMetadata()), Json.time(a.getCreatedAt()), Json.time(a.getUpdatedAt()));
    }

    static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
