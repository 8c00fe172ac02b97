package dev.paperclipee.system;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client gets when the server fails in a way nobody planned for: a JSON 500 whose
 * {@code details.requestId} is the response's {@code X-Request-Id}, no stack trace or exception
 * name in the body, and the server log's SEVERE line names the same request id. The failure is
 * a database error the API does not map (a trigger raising a custom SQLSTATE), so it reaches the
 * mapper as an EJB system exception, the path that once ended in the server's HTML error page.
 */
class UnexpectedErrorsIT {

    static Api api;

    @BeforeAll
    static void connect() {
        api = Api.ofSharedApp();
    }

    @Test
    void anUnexpectedFailureIsAJson500NamingTheRequestIdWhichTheServerLogNamesToo() throws Exception {
        String company = api.post("/api/companies", "{\"name\":\"Failing " + token() + "\"}").object().getString("id");
        String trigger = "unexpected_" + token().toLowerCase().replaceAll("[^a-z0-9]", "");
        try (Connection db = PaperclipApp.get().openDatabase(); Statement s = db.createStatement()) {
            s.execute("create function " + trigger + "() returns trigger language plpgsql as $$"
                    + " begin if new.title = 'explode' then raise exception 'planned surprise' using errcode = 'PX999'; end if;"
                    + " return new; end $$");
            s.execute("create trigger " + trigger + " before insert on goals for each row execute function " + trigger + "()");
        }
        int goalsBefore = api.get("/api/companies/" + company + "/goals").array().size();
        try {
            Api.Reply failed = api.send("POST", "/api/companies/" + company + "/goals", Api.JSON, "{\"title\":\"explode\"}",
                    Map.of("X-Request-Id", "surprise-" + trigger));
            assertEquals(500, failed.status(), failed::toString);
            assertTrue(failed.header("Content-Type").orElse("").startsWith("application/json"), failed::toString);
            JsonObject body = failed.object();
            assertEquals("Internal server error", body.getString("error"));
            assertEquals("surprise-" + trigger, body.getJsonObject("details").getString("requestId"));
            assertEquals("surprise-" + trigger, failed.header("X-Request-Id").orElse(null));
            assertFalse(failed.body().contains("Exception") || failed.body().contains("planned surprise")
                    || failed.body().contains("at dev."), "nothing of the failure's inside: " + failed.body());
            assertEquals(goalsBefore, api.get("/api/companies/" + company + "/goals").array().size(), "nothing written");
            String log = PaperclipApp.get().logSinceStart();
            assertTrue(log.contains("Unexpected error in request surprise-" + trigger), "the server log names the request");

            Api.Reply fine = api.post("/api/companies/" + company + "/goals", "{\"title\":\"calm\"}");
            assertEquals(201, fine.status(), "the next request is served as usual: " + fine);
        } finally {
            try (Connection db = PaperclipApp.get().openDatabase(); Statement s = db.createStatement()) {
                s.execute("drop trigger if exists " + trigger + " on goals");
                s.execute("drop function if exists " + trigger + "()");
            }
        }
    }
}
