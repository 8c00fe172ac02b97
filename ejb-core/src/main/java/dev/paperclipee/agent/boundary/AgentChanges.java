package dev.paperclipee.agent.boundary;

import dev.paperclipee.shared.entity.Change;

import jakarta.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A partial update of an agent: a null field stays as it is. The clearable fields are
 * {@link Change}s: title, icon and capabilities clear with null or blank, {@code reportsTo} with
 * null makes the agent a root, and the JSON objects reset with null ({@code metadata} to null,
 * the others to {@code {}} — for the runtime config with the default heartbeat policy).
 */
public record AgentChanges(String name, String role, Change<String> title, Change<String> icon,
                           Change<String> capabilities, Change<UUID> reportsTo, String status, String adapterType,
                           Change<JsonObject> adapterConfig, Change<JsonObject> runtimeConfig, Long budgetMonthlyCents,
                           Change<JsonObject> permissions, Change<JsonObject> metadata) {

    /** What an agent may change about itself: presentation only (spec §9.2 gives it no more). */
    static final Set<String> SELF_SERVICE = Set.of("title", "icon", "capabilities");

    /** The fields this update sends, by their API names. */
    Set<String> sent() {
        Set<String> sent = new LinkedHashSet<>();
        add(sent, "name", name);
        add(sent, "role", role);
        add(sent, "title", title);
        add(sent, "icon", icon);
        add(sent, "capabilities", capabilities);
        add(sent, "reportsTo", reportsTo);
        add(sent, "status", status);
        add(sent, "adapterType", adapterType);
        add(sent, "adapterConfig", adapterConfig);
        add(sent, "runtimeConfig", runtimeConfig);
        add(sent, "budgetMonthlyCents", budgetMonthlyCents);
        add(sent, "permissions", permissions);
        add(sent, "metadata", metadata);
        return sent;
    }

    private static void add(Set<String> sent, String field, Object value) {
        if (value != null) {
            sent.add(field);
        }
    }
}
