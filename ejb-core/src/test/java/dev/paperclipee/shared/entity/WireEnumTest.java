package dev.paperclipee.shared.entity;

import dev.paperclipee.company.entity.CompanyStatus;
import dev.paperclipee.goal.entity.GoalLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Enums on the wire and in CHECK-constrained columns: their exact lower-case names. */
class WireEnumTest {

    @ParameterizedTest
    @EnumSource(CompanyStatus.class)
    void roundTrip(CompanyStatus status) {
        assertEquals(status.name(), WireEnum.of(status));
        assertEquals(status, WireEnum.parse(CompanyStatus.class, "status", WireEnum.of(status)));
    }

    @Test
    void nullStaysNull() {
        assertNull(WireEnum.of(null));
        assertNull(WireEnum.parse(CompanyStatus.class, "status", null));
    }

    @Test
    void wireValuesAreTheConstantNames() {
        assertEquals("paused", WireEnum.of(CompanyStatus.paused));
        assertEquals(GoalLevel.company, WireEnum.parse(GoalLevel.class, "level", "company"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Paused", "PAUSED", " paused", "paused ", "pause", "deleted", "0"})
    void anythingElseIsA400ListingTheAllowedValues(String value) {
        TextTest.assertInvalid(() -> WireEnum.parse(CompanyStatus.class, "status", value),
                "status", "must be one of active, paused, archived", "invalid_enum_value");
    }

    @Test
    void allowedListsTheConstantsInOrder() {
        assertEquals("active, paused, archived", WireEnum.allowed(CompanyStatus.class));
        assertEquals("company, team, agent, task", WireEnum.allowed(GoalLevel.class));
    }
}
