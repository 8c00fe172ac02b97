package dev.paperclipee.heartbeat.control;

import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The http adapter's {@code payloadTemplate} (spec §11.3): any JSON whose string values may hold
 * placeholders, filled in per run.
 *
 * <ul>
 *   <li>{@code {{agent.id}}}, {@code {{agent.name}}}, {@code {{company.id}}}, {@code {{run.id}}},
 *       {@code {{run.callbackUrl}}}, {@code {{run.token}}} (the run-scoped API key, so that the
 *       remote agent can call the API and the callback), {@code {{api.url}}}: their text;</li>
 *   <li>{@code {{context}}}: a string that is exactly this placeholder becomes the context object
 *       itself; inside a longer string, the context's JSON text;</li>
 *   <li>{@code {{env.NAME}}}: the run environment's value, or the empty string when the run has no
 *       such variable (e.g. {@code PAPERCLIP_TASK_ID} of a timer run).</li>
 * </ul>
 * Any other placeholder is a configuration error, reported when the config is stored and refused
 * at invocation: a typo would otherwise reach the agent as literal braces. Object keys are not
 * templated.
 */
final class PayloadTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern ENV = Pattern.compile("env\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> NAMES =
            Set.of("agent.id", "agent.name", "company.id", "run.id", "run.callbackUrl", "run.token", "api.url", "context");

    private PayloadTemplate() {
    }

    /** Records a problem for each unknown placeholder, at its place under {@code key}. */
    static void check(String key, JsonValue template, AdapterConfig config) {
        check(new ArrayList<>(List.of(key)), template, config);
    }

    private static void check(List<String> path, JsonValue value, AdapterConfig config) {
        if (value instanceof JsonObject object) {
            object.forEach((name, member) -> {
                path.add(name);
                check(path, member, config);
                path.remove(path.size() - 1);
            });
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                path.add(String.valueOf(i));
                check(path, array.get(i), config);
                path.remove(path.size() - 1);
            }
        } else if (value instanceof JsonString string) {
            Matcher placeholder = PLACEHOLDER.matcher(string.getString());
            while (placeholder.find()) {
                String name = placeholder.group(1);
                if (!NAMES.contains(name) && !ENV.matcher(name).matches()) {
                    config.problem(path, "unknown placeholder {{" + name + "}}", "unknown_placeholder");
                }
            }
        }
    }

    /** The template with every placeholder filled in for {@code invocation}. */
    static JsonValue render(JsonValue template, Invocation invocation) {
        if (template instanceof JsonObject object) {
            JsonObjectBuilder rendered = JsonText.JSON.createObjectBuilder();
            object.forEach((name, member) -> rendered.add(name, render(member, invocation)));
            return rendered.build();
        }
        if (template instanceof JsonArray array) {
            JsonArrayBuilder rendered = JsonText.JSON.createArrayBuilder();
            array.forEach(item -> rendered.add(render(item, invocation)));
            return rendered.build();
        }
        if (template instanceof JsonString string) {
            return render(string.getString(), invocation);
        }
        return template;
    }

    private static JsonValue render(String text, Invocation invocation) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        if (placeholder.matches() && placeholder.group(1).equals("context")) {
            return context(invocation);
        }
        placeholder.reset();
        if (!placeholder.find()) {
            return JsonText.JSON.createValue(text);
        }
        String filled = placeholder.replaceAll(match -> Matcher.quoteReplacement(value(match.group(1), invocation)));
        return JsonText.JSON.createValue(filled);
    }

    private static String value(String name, Invocation invocation) {
        Matcher env = ENV.matcher(name);
        if (env.matches()) {
            Map<String, String> environment = invocation.environment();
            String value = environment == null ? null : environment.get(env.group(1));
            return value == null ? "" : value;
        }
        Object value = switch (name) {
            case "agent.id" -> invocation.agentId();
            case "agent.name" -> invocation.agentName();
            case "company.id" -> invocation.companyId();
            case "run.id" -> invocation.runId();
            case "run.callbackUrl" -> invocation.callbackUrl();
            case "run.token" -> invocation.runToken();
            case "api.url" -> invocation.apiUrl();
            case "context" -> context(invocation);
            default -> throw new IllegalArgumentException("unknown placeholder {{" + name + "}}");
        };
        return value == null ? "" : value.toString();
    }

    private static JsonValue context(Invocation invocation) {
        return invocation.context() == null ? JsonValue.NULL : invocation.context();
    }

    /** What is sent when the config has no template: the ids, the callback and the context. */
    static JsonObject defaultPayload(Invocation invocation) {
        JsonObjectBuilder payload = JsonText.JSON.createObjectBuilder()
                .add("agentId", invocation.agentId().toString())
                .add("companyId", invocation.companyId().toString())
                .add("runId", invocation.runId().toString());
        if (invocation.callbackUrl() != null) {
            payload.add("callbackUrl", invocation.callbackUrl().toString());
        } else {
            payload.addNull("callbackUrl");
        }
        return payload.add("context", context(invocation)).build();
    }
}
