package dev.paperclipee.rest.agent;

import dev.paperclipee.agent.boundary.AgentChanges;
import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.rest.platform.Json;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request bodies of the agent routes; lengths are checked again by the entity. The JSON columns
 * are raw JSON values (an object or null; anything else is a 400), and so are the clearable fields
 * of an update: {@code "reportsTo": null} makes the agent a root, an absent field leaves the value.
 */
public final class AgentRequests {

    private AgentRequests() {
    }

    @Schema(name = "AgentCreateRequest")
    public record Create(@NotNull @Size(min = 1, max = 200) String name,
                         String role,
                         @Size(max = 200) String title,
                         @Size(max = 200) String icon,
                         @Size(max = 36) String reportsTo,
                         @Size(max = 100_000) String capabilities,
                         @Size(max = 100) String adapterType,
                         JsonValue adapterConfig,
                         JsonValue runtimeConfig,
                         @PositiveOrZero Long budgetMonthlyCents,
                         JsonValue permissions,
                         JsonValue metadata) {
        AgentDraft toDraft() {
            return new AgentDraft(name, role, title, icon, Json.uuid("reportsTo", reportsTo), capabilities, adapterType,
                    Json.object("adapterConfig", adapterConfig), Json.object("runtimeConfig", runtimeConfig),
                    budgetMonthlyCents, Json.object("permissions", permissions), Json.object("metadata", metadata));
        }
    }

    @Schema(name = "AgentUpdateRequest")
    public record Update(@Size(min = 1, max = 200) String name,
                         String role,
                         JsonValue title,
                         JsonValue icon,
                         JsonValue capabilities,
                         JsonValue reportsTo,
                         String status,
                         @Size(max = 100) String adapterType,
                         JsonValue adapterConfig,
                         JsonValue runtimeConfig,
                         @PositiveOrZero Long budgetMonthlyCents,
                         JsonValue permissions,
                         JsonValue metadata) {
        AgentChanges toChanges() {
            return new AgentChanges(name, role, Json.change("title", title, Json::text), Json.change("icon", icon, Json::text),
                    Json.change("capabilities", capabilities, Json::text), Json.idChange("reportsTo", reportsTo), status,
                    adapterType, Json.change("adapterConfig", adapterConfig, Json::object),
                    Json.change("runtimeConfig", runtimeConfig, Json::object), budgetMonthlyCents,
                    Json.change("permissions", permissions, Json::object), Json.change("metadata", metadata, Json::object));
        }
    }

    @Schema(name = "AgentKeyCreateRequest")
    public record CreateKey(@NotNull @Size(min = 1, max = 200) String name) {
    }
}
