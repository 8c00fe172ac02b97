package dev.paperclipee.shared.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules every stored text obeys: required/optional, length, NUL, valid UTF-16. */
class TextTest {

    private static final String GRINNING = "\uD83D\uDE00"; // 😀, one code point, two chars

    @Test
    void requiredIsTrimmed() {
        assertEquals("Acme", Text.required("name", "  Acme \t\n", Text.NAME));
        assertEquals("Acme Corp", Text.required("name", "\u2003Acme Corp\u2003", Text.NAME), "Unicode spaces too");
    }

    @Test
    void requiredRefusesNull() {
        assertInvalid(() -> Text.required("name", null, Text.NAME), "name", "is required", "invalid_type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u2003"})
    void requiredRefusesBlank(String value) {
        assertInvalid(() -> Text.required("name", value, Text.NAME), "name", "must not be empty", "too_small");
    }

    @Test
    void optionalKeepsNullAndTheValueAsGiven() {
        assertNull(Text.optional("description", null, Text.LONG));
        assertEquals("", Text.optional("description", "", Text.LONG));
        assertEquals("  indented\n", Text.optional("description", "  indented\n", Text.LONG));
    }

    @Test
    void maxLengthIsInclusive() {
        assertEquals("x".repeat(Text.NAME), Text.required("name", "x".repeat(Text.NAME), Text.NAME));
        assertEquals("y".repeat(5), Text.optional("d", "y".repeat(5), 5));
    }

    @Test
    void longerIsRefused() {
        assertInvalid(() -> Text.required("name", "x".repeat(Text.NAME + 1), Text.NAME),
                "name", "must be at most 200 characters", "too_big");
        assertInvalid(() -> Text.optional("description", "y".repeat(6), 5),
                "description", "must be at most 5 characters", "too_big");
    }

    @Test
    void lengthIsCheckedAfterTrimming() {
        assertEquals("x".repeat(5), Text.required("name", "  " + "x".repeat(5) + "  ", 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "Ac\u0000me", "Acme\u0000", "\u0000Acme"})
    void nulIsRefused(String value) {
        assertInvalid(() -> Text.required("name", value, Text.NAME), "name", "must not contain NUL characters", "invalid_string");
        assertInvalid(() -> Text.optional("description", value, Text.LONG),
                "description", "must not contain NUL characters", "invalid_string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "\uDE00", "a\uD83Db", "a\uDE00b", "ab\uD83D", "\uDE00\uD83D", "\uD83D\uD83D\uDE00"})
    void loneSurrogatesAreRefused(String value) {
        assertInvalid(() -> Text.optional("body", value, Text.LONG),
                "body", "contains an invalid (lone surrogate) character", "invalid_string");
    }

    @ParameterizedTest
    @ValueSource(strings = {GRINNING, "Launch " + GRINNING + "!", GRINNING + GRINNING, "\uD834\uDD1E clef",
            "Ångström Größe 東京 مرحبا"})
    void validSurrogatePairsAndOtherScriptsAreAccepted(String value) {
        assertEquals(value, Text.required("name", value, Text.NAME));
    }

    @Test
    void nonNegativeBounds() {
        assertEquals(0, Text.nonNegative("budgetMonthlyCents", 0));
        assertEquals(1, Text.nonNegative("budgetMonthlyCents", 1));
        assertEquals(Integer.MAX_VALUE, Text.nonNegative("budgetMonthlyCents", Integer.MAX_VALUE));
        assertInvalid(() -> Text.nonNegative("budgetMonthlyCents", -1), "budgetMonthlyCents", "must be zero or more", "too_small");
        assertInvalid(() -> Text.nonNegative("budgetMonthlyCents", Long.MIN_VALUE), "budgetMonthlyCents", "must be zero or more", "too_small");
        assertInvalid(() -> Text.nonNegative("budgetMonthlyCents", Integer.MAX_VALUE + 1L),
                "budgetMonthlyCents", "must be at most 2147483647", "too_big");
        assertInvalid(() -> Text.nonNegative("budgetMonthlyCents", Long.MAX_VALUE),
                "budgetMonthlyCents", "must be at most 2147483647", "too_big");
    }

    /** The exception carries upstream's 400 details shape: {path: [field], message, code}. */
    static void assertInvalid(Runnable action, String field, String message, String code) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action::run);
        assertEquals(field + ": " + message, e.getMessage());
        assertEquals(List.of(Map.of("path", List.of(field), "message", message, "code", code)), e.details());
    }
}
