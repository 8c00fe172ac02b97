package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent skill served at {@code /api/skills} (issue 8, api-contract "How a real agent runs a
 * heartbeat"): the index, the markdown with its front matter, the same text for an agent's key,
 * and every route the skill tells an agent to call exists on this server — so the skill cannot
 * drift from the API. That the CLI adapters deliver the same text is ejb-core's
 * ClaudeLocalAdapterTest / CodexLocalAdapterTest.
 */
class SkillsApiIT {

    /** {@code GET /api/agents/me}, {@code POST /api/issues/:id/checkout}, … as the skill writes them. */
    static final Pattern ROUTE = Pattern.compile("`?(GET|POST|PUT|PATCH|DELETE) (/api/[^\\s`?]+)");

    static Api api;

    @BeforeAll
    static void start() {
        api = Api.ofSharedApp();
    }

    @Test
    void theIndexListsThePaperclipSkillAndItIsServedAsMarkdown() {
        JsonArray index = api.get("/api/skills/index").array();
        assertEquals(1, index.size(), index::toString);
        JsonObject entry = index.getJsonObject(0);
        assertEquals("paperclip", entry.getString("name"));
        assertEquals("/api/skills/paperclip", entry.getString("path"));
        assertFalse(entry.getString("description").isBlank());

        Api.Reply skill = api.get("/api/skills/paperclip");
        assertEquals(200, skill.status(), skill::toString);
        assertTrue(skill.header("Content-Type").orElse("").startsWith("text/markdown"), skill::toString);
        assertTrue(skill.body().startsWith("---\nname: paperclip\n"), "front matter first");
        for (String must : new String[] {"Authorization: Bearer", "X-Paperclip-Run-Id", "PAPERCLIP_API_KEY",
                "/api/issues/:id/checkout", "409"}) {
            assertTrue(skill.body().contains(must), "the skill explains " + must);
        }
        assertError(api.get("/api/skills/no-such-skill"), 404);
    }

    @Test
    void anAgentReadsTheSameSkillWithItsKey() {
        String company = api.post("/api/companies", "{\"name\":\"Skills " + token() + "\"}").object().getString("id");
        String agent = api.post("/api/companies/" + company + "/agents", "{\"name\":\"Reader\"}").object().getString("id");
        String key = api.post("/api/agents/" + agent + "/keys", "{\"name\":\"k\"}").object().getString("token");
        Api.Reply withKey = api.get("/api/skills/paperclip", Map.of("Authorization", "Bearer " + key));
        assertEquals(200, withKey.status(), withKey::toString);
        assertEquals(api.get("/api/skills/paperclip").body(), withKey.body());
    }

    @Test
    void everyRouteTheSkillNamesExistsOnThisServer() {
        String skill = api.get("/api/skills/paperclip").body();
        Set<String> routes = new LinkedHashSet<>();
        Matcher m = ROUTE.matcher(skill);
        while (m.find()) {
            routes.add(m.group(1) + " " + m.group(2));
        }
        assertTrue(routes.size() >= 10, "the skill names the heartbeat's routes: " + routes);
        String unknown = UUID.randomUUID().toString();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            // placeholders (:id, :cid, $PAPERCLIP_COMPANY_ID, <id>) become an unknown id: the route must
            // still be one this server knows (its answer may be a 404 for the id, never "API route not found")
            String path = route.substring(route.indexOf(' ') + 1)
                    .replaceAll(":[a-zA-Z]+|\\$[A-Z_]+|<[^>]+>", unknown)
                    .replace("/documents/" + unknown, "/documents/notes");
            Api.Reply reply = api.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : Api.JSON,
                    method.equals("GET") || method.equals("DELETE") ? null : "{}", Map.of());
            assertFalse(reply.body().contains("API route not found") || reply.status() == 405,
                    route + " is not a route of this server: " + reply);
            assertTrue(reply.status() < 500, route + ": " + reply);
        }
    }
}
