package dev.paperclipee.project.entity;

import dev.paperclipee.goal.entity.Goal;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.RuleViolationException;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Spec §7.5: what a project accepts about itself. */
class ProjectTest {

    private static final UUID COMPANY = UUID.randomUUID();

    private final Project project = new Project(COMPANY, " Launch ", null, null);

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void newProjectDefaults() {
        assertEquals("Launch", project.getName());
        assertEquals(ProjectStatus.backlog, project.getStatus());
        assertNull(project.getGoalId());
        assertNull(project.getLeadAgentId());
        assertNull(project.getTargetDate());
        assertNull(project.getEnv());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a\u0000", "\uDBFF"})
    void nameRulesAreTextRules(String name) {
        assertThrows(InvalidInputException.class, () -> project.rename(name));
        assertEquals("Launch", project.getName());
        assertThrows(InvalidInputException.class, () -> project.rename("n".repeat(201)));
    }

    @Test
    void servesOnlyGoalsOfItsCompany() {
        Goal own = new Goal(COMPANY, "Own", null, null, null);
        project.serve(own);
        assertEquals(own.getId(), project.getGoalId());

        Goal foreign = new Goal(UUID.randomUUID(), "Foreign", null, null, null);
        assertThrows(RuleViolationException.class, () -> project.serve(foreign));
        assertEquals(own.getId(), project.getGoalId(), "unchanged");

        project.serve(null);
        assertNull(project.getGoalId());
    }

    @Test
    void targetDateWithinWhatEveryoneCanRepresent() {
        project.target(LocalDate.of(2026, 3, 1));
        assertEquals(LocalDate.of(2026, 3, 1), project.getTargetDate());
        assertThrows(InvalidInputException.class, () -> project.target(LocalDate.of(0, 1, 1)));
        assertThrows(InvalidInputException.class, () -> project.target(LocalDate.of(10_000, 1, 1)));
        project.target(null);
        assertNull(project.getTargetDate());
    }

    @Test
    void envIsKeptAsJsonText() {
        project.configureEnv(json("{\"API_URL\":\"https://x.test\",\"nested\":{\"list\":[1,\"two\",null]}}"));
        assertEquals(json("{\"API_URL\":\"https://x.test\",\"nested\":{\"list\":[1,\"two\",null]}}"), json(project.getEnv()));

        project.configureEnv(null);
        assertNull(project.getEnv());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"K\":\"a\\u0000b\"}", "{\"a\\u0000\":1}", "{\"K\":[\"\\ud800\"]}", "{\"K\":{\"L\":\"\\udc00\"}}"})
    void envRefusesWhatPostgresqlCannotStore(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> project.configureEnv(json(text)));
        assertEquals("env", e.getMessage().substring(0, 3));
        assertNull(project.getEnv());
    }

    @Test
    void envHasAMaximumSize() {
        assertThrows(InvalidInputException.class, () -> project.configureEnv(json("{\"K\":\"" + "v".repeat(100_000) + "\"}")));
    }
}
