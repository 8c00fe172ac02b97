package dev.paperclipee.activity.control;

import dev.paperclipee.shared.entity.Text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a partial update changed, for its {@code *.updated} activity row. The rules every PATCH
 * shares live here once: a field is applied only when it was sent and differs from the current
 * value; a blank description clears it; and a description's text never goes into the audit
 * trail (it may be long, or quote things that should not be copied around).
 */
public final class ChangeSet {

    private final Map<String, Object> changes = new LinkedHashMap<>();

    /** A required text such as a name or title; the entity trims it, so it is compared trimmed. */
    public void text(String field, String requested, String current, Consumer<String> apply) {
        if (requested != null && !requested.strip().equals(current)) {
            apply.accept(requested);
            changes.put(field, requested.strip());
        }
    }

    /** A description: absent stays, blank clears, anything else replaces it. */
    public void description(String requested, String current, Consumer<String> apply) {
        if (requested == null) {
            return;
        }
        String value = Text.blankToNull(requested);
        if (!Objects.equals(value, current)) {
            apply.accept(value);
            changes.put("description", value == null ? "" : "(changed)");
        }
    }

    /** Any other change, with the value the audit trail shows. */
    public void put(String field, Object shown) {
        changes.put(field, shown);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    Map<String, Object> asMap() {
        return Collections.unmodifiableMap(changes);
    }
}
