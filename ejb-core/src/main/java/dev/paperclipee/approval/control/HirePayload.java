package dev.paperclipee.approval.control;

import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.approval.entity.Approval;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The payload of a {@code hire_agent} approval (spec §12.1, api-contract: "an agent-create body"):
 * the fields of {@code POST /companies/:id/agents} — {@code name} (required), {@code role, title,
 * icon, reportsTo, capabilities, adapterType, adapterConfig, runtimeConfig, budgetMonthlyCents,
 * permissions, metadata} — plus {@code createApiKey} (boolean): approving the hire then also
 * issues the agent's first API key, shown once in the approve answer. Other fields are kept but
 * not read. Each field must have its JSON type (400 with the path {@code [payload, field]});
 * {@code agentId} is the server's (set when the hire is approved) and is dropped from a request.
 *
 * @param createApiKey whether approval issues the hired agent's first API key
 */
public record HirePayload(AgentDraft draft, boolean createApiKey) {

    static final String PARENT = "payload";

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final BigDecimal MAX_CENTS = BigDecimal.valueOf(Integer.MAX_VALUE);

    /** Reads the payload; a field of the wrong JSON type is a 400 under {@code payload}. */
    public static HirePayload read(JsonObject payload) {
        AgentDraft draft = new AgentDraft(
                text(payload, "name"), text(payload, "role"), text(payload, "title"), text(payload, "icon"),
                uuid(payload, "reportsTo"), text(payload, "capabilities"), text(payload, "adapterType"),
                object(payload, "adapterConfig"), object(payload, "runtimeConfig"), cents(payload, "budgetMonthlyCents"),
                object(payload, "permissions"), object(payload, "metadata"));
        if (draft.name() == null) {
            throw problem("name", "is required", "invalid_type");
        }
        return new HirePayload(draft, bool(payload, "createApiKey"));
    }

    /** The payload as it is stored while the request is open: without a client-sent {@code agentId}. */
    public static JsonObject stored(JsonObject payload) {
        if (!payload.containsKey(Approval.HIRED_AGENT_KEY)) {
            return payload;
        }
        return JsonText.JSON.createObjectBuilder(payload).remove(Approval.HIRED_AGENT_KEY).build();
    }

    private static JsonValue value(JsonObject payload, String field) {
        JsonValue value = payload.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private static String text(JsonObject payload, String field) {
        JsonValue value = value(payload, field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw problem(field, "must be a string", "invalid_type");
    }

    private static UUID uuid(JsonObject payload, String field) {
        String text = text(payload, field);
        if (text == null) {
            return null;
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            throw problem(field, "must be a UUID", "invalid_string");
        }
        return UUID.fromString(text);
    }

    private static JsonObject object(JsonObject payload, String field) {
        JsonValue value = value(payload, field);
        if (value == null) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            return value.asJsonObject();
        }
        throw problem(field, "must be a JSON object or null", "invalid_type");
    }

    /** Whole cents within the int columns; compared as a decimal first, so {@code 1e999} is not expanded. */
    private static Long cents(JsonObject payload, String field) {
        JsonValue value = value(payload, field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber n)) {
            throw problem(field, "must be a whole number", "invalid_type");
        }
        BigDecimal amount = n.bigDecimalValue();
        if (amount.signum() < 0) {
            throw problem(field, "must be zero or more", "too_small");
        }
        if (amount.compareTo(MAX_CENTS) > 0) {
            throw problem(field, "must be at most " + Integer.MAX_VALUE, "too_big");
        }
        if (amount.stripTrailingZeros().scale() > 0) {
            throw problem(field, "must be a whole number", "invalid_type");
        }
        return amount.longValueExact();
    }

    private static boolean bool(JsonObject payload, String field) {
        JsonValue value = value(payload, field);
        if (value == null) {
            return false;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw problem(field, "must be true or false", "invalid_type");
    }

    private static InvalidInputException problem(String field, String message, String code) {
        return new InvalidInputException(List.of(PARENT, field), message, code);
    }
}
