package dev.paperclipee.activity.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeSetTest {

    private final List<String> applied = new ArrayList<>();
    private final ChangeSet changes = new ChangeSet();

    @Test
    void absentOrEqualTextChangesNothing() {
        changes.text("name", null, "Acme", applied::add);
        changes.text("name", "  Acme ", "Acme", applied::add);
        changes.description(null, "Mission", applied::add);
        changes.description("Mission", "Mission", applied::add);
        changes.description("  ", null, applied::add);

        assertTrue(applied.isEmpty());
        assertTrue(changes.isEmpty());
    }

    @Test
    void aNewNameIsAppliedAndLoggedTrimmed() {
        changes.text("name", " Acme Two ", "Acme", applied::add);

        assertEquals(List.of(" Acme Two "), applied, "the entity gets the value as sent and trims it itself");
        assertEquals(Map.of("name", "Acme Two"), changes.asMap());
    }

    @Test
    void aBlankDescriptionClearsAndTheTextNeverReachesTheLog() {
        List<String> cleared = new ArrayList<>();
        changes.description(" ", "Old mission", cleared::add);
        changes.put("status", "paused");

        assertEquals(1, cleared.size());
        assertEquals(null, cleared.get(0));
        assertEquals(Map.of("description", "", "status", "paused"), changes.asMap());

        ChangeSet replaced = new ChangeSet();
        replaced.description("Secret plan details", "Old mission", applied::add);
        assertEquals(List.of("Secret plan details"), applied);
        assertEquals(Map.of("description", "(changed)"), replaced.asMap());
    }
}
