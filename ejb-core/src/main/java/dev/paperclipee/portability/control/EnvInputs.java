package dev.paperclipee.portability.control;

import dev.paperclipee.heartbeat.control.Redactor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Environment bindings as portable input declarations (company-package.md §8): a value never
 * leaves the server if it is a secret reference or its name looks secret ({@code *_KEY},
 * {@code *TOKEN*}, …); those become {@code kind: secret} with an empty default. An absolute path is
 * {@code portability: system_dependent} with an empty default; {@code PATH} is dropped.
 */
public final class EnvInputs {

    /** Agent metadata key for declarations imported without a value, so an export declares them again. */
    public static final String PENDING = "portableInputs";

    private static final Pattern ABSOLUTE = Pattern.compile("(/|[A-Za-z]:[\\\\/]|~/).*", Pattern.DOTALL);

    private EnvInputs() {
    }

    /** The declarations of an env binding map, plus declarations still waiting for a value. */
    public static Map<String, Object> declare(Map<String, Object> env, Map<String, Object> pending) {
        Map<String, Object> inputs = new TreeMap<>();
        if (env != null) {
            env.forEach((key, value) -> {
                if (key.equals("PATH")) {
                    return;
                }
                Map<String, Object> d = new LinkedHashMap<>();
                if (!(value instanceof String text) || Redactor.looksSecret(key)) {
                    d.put("kind", "secret");
                    d.put("requirement", "optional");
                    d.put("default", "");
                } else if (isAbsolutePath(text)) {
                    d.put("kind", "plain");
                    d.put("requirement", "optional");
                    d.put("default", "");
                    d.put("portability", "system_dependent");
                } else {
                    d.put("kind", "plain");
                    d.put("requirement", "optional");
                    d.put("default", text);
                }
                inputs.put(key, d);
            });
        }
        if (pending != null) {
            pending.forEach((key, declaration) -> inputs.putIfAbsent(key, canonical(declaration)));
        }
        return inputs;
    }

    /** A declaration's fields in the order exports write them (stored JSON does not keep the order). */
    static Object canonical(Object declaration) {
        if (!(declaration instanceof Map<?, ?> d)) {
            return declaration;
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String field : ORDER) {
            if (d.containsKey(field)) {
                ordered.put(field, d.get(field));
            }
        }
        new TreeMap<>(d).forEach((k, v) -> ordered.putIfAbsent(String.valueOf(k), v));
        return ordered;
    }

    private static final java.util.List<String> ORDER = java.util.List.of("kind", "requirement", "default", "portability",
            "description");

    public static boolean isAbsolutePath(String text) {
        return text != null && ABSOLUTE.matcher(text).matches();
    }

    /** Plain inputs with a non-empty default become bindings; the rest wait for a value. */
    public static Map<String, Object> bindings(Map<String, Object> inputs) {
        Map<String, Object> env = new TreeMap<>();
        inputs.forEach((key, declaration) -> {
            if (declaration instanceof Map<?, ?> d && !"secret".equals(d.get("kind"))
                    && d.get("default") instanceof String value && !value.isEmpty()) {
                env.put(key, value);
            }
        });
        return env;
    }

    /** The declarations {@link #bindings} did not bind. */
    public static Map<String, Object> unbound(Map<String, Object> inputs) {
        Map<String, Object> rest = new TreeMap<>(inputs);
        rest.keySet().removeAll(bindings(inputs).keySet());
        return rest;
    }
}
