package dev.paperclipee.rest.platform;

import dev.paperclipee.rest.company.CompanyRequests;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonConfigTest {

    private final Jsonb jsonb = new JsonConfig().getContext(Object.class);

    @Test
    void readsRequestRecordsAndIgnoresUnknownFields() {
        var create = jsonb.fromJson("{\"name\":\"Acme\",\"budgetMonthlyCents\":500,\"workMode\":\"x\"}",
                CompanyRequests.Create.class);
        assertEquals("Acme", create.name());
        assertEquals(500L, create.budgetMonthlyCents());
        assertNull(create.description());
    }

    @Test
    void refusesNumbersWhereTextIsExpected() {
        assertThrows(JsonbException.class, () -> jsonb.fromJson("{\"name\":5}", CompanyRequests.Create.class));
    }

    @Test
    void refusesNumbersPastTheirType() {
        assertThrows(JsonbException.class,
                () -> jsonb.fromJson("{\"name\":\"x\",\"budgetMonthlyCents\":99999999999999999999}", CompanyRequests.Create.class));
    }

    @Test
    void writesNullFields() {
        assertEquals("{\"error\":\"e\"}", jsonb.toJson(new ApiError("e", null)));
    }
}
