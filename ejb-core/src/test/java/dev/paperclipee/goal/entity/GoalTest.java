package dev.paperclipee.goal.entity;

import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec §7.4: what a goal accepts about itself and the tree rules it guards. */
class GoalTest {

    private static final UUID COMPANY = UUID.randomUUID();

    private final Map<UUID, Goal> tree = new HashMap<>();
    private final Function<UUID, Goal> lookup = tree::get;

    private Goal goal(String title) {
        Goal g = new Goal(COMPANY, title, null, null, null);
        tree.put(g.getId(), g);
        return g;
    }

    @Test
    void newGoalDefaultsToAPlannedTaskWithoutLinks() {
        Goal g = goal("  Ship v1 \n");

        assertEquals("Ship v1", g.getTitle(), "trimmed");
        assertEquals(GoalLevel.task, g.getLevel());
        assertEquals(GoalStatus.planned, g.getStatus());
        assertNull(g.getParentId());
        assertNull(g.getOwnerAgentId());
        assertNull(g.getDescription());
        assertFalse(g.isRoot(), "a task-level goal is never a root");
    }

    @Test
    void theRootGoalOfACompanyIsAnActiveCompanyLevelGoalWithoutParent() {
        Goal root = Goal.rootOf(COMPANY, "Acme", "Make anvils");

        assertTrue(root.isRoot());
        assertEquals("Acme mission", root.getTitle());
        assertEquals("Make anvils", root.getDescription());
        assertEquals(GoalStatus.active, root.getStatus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a\u0000b", "\uD800", "x\uDC00"})
    void titleRulesAreTextRules(String title) {
        assertThrows(InvalidInputException.class, () -> new Goal(COMPANY, title, null, null, null));
        Goal g = goal("Keep");
        assertThrows(InvalidInputException.class, () -> g.retitle(title));
        assertEquals("Keep", g.getTitle());
    }

    @Test
    void titleAndDescriptionHaveMaximumLengths() {
        assertEquals(500, goal("t".repeat(500)).getTitle().length());
        assertThrows(InvalidInputException.class, () -> goal("t".repeat(501)));
        assertThrows(InvalidInputException.class, () -> new Goal(COMPANY, "x", "d".repeat(100_001), null, null));
    }

    @Test
    void moveUnderAParentOfTheSameCompany() {
        Goal parent = goal("Parent");
        Goal child = goal("Child");

        child.moveUnder(parent, lookup);
        assertEquals(parent.getId(), child.getParentId());

        child.moveUnder(null, lookup);
        assertNull(child.getParentId(), "null makes it top-level again");
    }

    @Test
    void aParentOfAnotherCompanyIs422() {
        Goal foreign = new Goal(UUID.randomUUID(), "Foreign", null, null, null);
        Goal g = goal("Mine");

        RuleViolationException e = assertThrows(RuleViolationException.class, () -> g.moveUnder(foreign, lookup));
        assertTrue(e.getMessage().contains("same company"), e.getMessage());
        assertNull(g.getParentId(), "unchanged");
    }

    @Test
    void aGoalCannotBeItsOwnParent() {
        Goal g = goal("Self");
        assertThrows(RuleViolationException.class, () -> g.moveUnder(g, lookup));
        assertNull(g.getParentId());
    }

    @Test
    void aGoalCannotMoveBelowItsOwnDescendant() {
        Goal a = goal("A");
        Goal b = goal("B");
        Goal c = goal("C");
        b.moveUnder(a, lookup);
        c.moveUnder(b, lookup);

        RuleViolationException e = assertThrows(RuleViolationException.class, () -> a.moveUnder(c, lookup));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        assertNull(a.getParentId(), "unchanged");

        a.moveUnder(null, lookup);
        Goal d = goal("D");
        a.moveUnder(d, lookup); // a sibling tree is fine
        assertEquals(d.getId(), a.getParentId());
    }

    @Test
    void aCorruptLoopAboveTheParentDoesNotHang() {
        Goal x = goal("X");
        Goal y = goal("Y");
        x.moveUnder(y, lookup);
        y.moveUnder(goal("Z"), lookup);
        // an existing loop that does not include the moving goal (cannot be made through moveUnder)
        Map<UUID, Goal> loop = Map.of(x.getId(), y, y.getId(), x);
        Goal g = goal("G");
        g.moveUnder(x, id -> loop.getOrDefault(id, tree.get(id)));
        assertEquals(x.getId(), g.getParentId());
    }

    @Test
    void isRootNeedsCompanyLevelAndNoParent() {
        Goal root = Goal.rootOf(COMPANY, "Acme", null);
        tree.put(root.getId(), root);
        Goal other = goal("Other");

        root.changeLevel(GoalLevel.team);
        assertFalse(root.isRoot());
        root.changeLevel(GoalLevel.company);
        assertTrue(root.isRoot());
        root.moveUnder(other, lookup);
        assertFalse(root.isRoot(), "a company-level goal with a parent is not a root");
    }
}
