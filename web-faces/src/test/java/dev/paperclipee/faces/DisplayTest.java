package dev.paperclipee.faces;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisplayTest {

    final Display display = new Display();

    @Test
    void moneyIsDollarsWithCentsAndThousands() {
        assertEquals("$0.00", display.money(0));
        assertEquals("$1.23", display.money(123));
        assertEquals("$12,345.60", display.money(1_234_560));
        assertEquals("-$0.05", display.money(-5));
        assertEquals("no limit", display.budget(0));
    }

    @Test
    void barsAreCappedAndColouredByTheBudgetThresholds() {
        assertEquals(0, display.barPercent(500, 0), "no budget, no bar");
        assertEquals("none", display.barLevel(500, 0));
        assertEquals(50, display.barPercent(50, 100));
        assertEquals("ok", display.barLevel(79, 100));
        assertEquals("warn", display.barLevel(80, 100));
        assertEquals("over", display.barLevel(100, 100));
        assertEquals(100, display.barPercent(250, 100), "over budget fills the bar, no more");
    }

    @Test
    void jsonFieldsReadLikeWords() {
        List<Display.Field> fields = display.fields("""
                {"name":"Builder","budgetMonthlyCents":2500,"createApiKey":true,"reportsTo":null,
                 "plan":"Ship v1.\\nThen grow.","adapterConfig":{"command":"true"}}""");

        assertEquals(List.of("Name", "Budget monthly cents", "Create API key", "Reports to", "Plan", "Adapter config"),
                fields.stream().map(Display.Field::name).toList());
        assertEquals(List.of("Builder", "2500", "yes", "—", "Ship v1.\nThen grow."),
                fields.stream().limit(5).map(Display.Field::value).toList());
        assertTrue(fields.get(4).multiline(), "text with a line break is shown as a block");
        assertTrue(fields.get(5).value().contains("\"command\""), fields.get(5)::value);
        assertEquals(List.of(), display.fields("not json"));
        assertEquals(List.of(), display.fields("[1,2]"));
    }

    @Test
    void labelsAndNames() {
        assertEquals("in progress", display.label("in_progress"));
        assertEquals("Issue prefix", Display.humanName("issuePrefix"));
        assertEquals("Logo URL", Display.humanName("logoUrl"));
    }
}
