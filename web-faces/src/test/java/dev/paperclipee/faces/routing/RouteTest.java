package dev.paperclipee.faces.routing;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTest {

    static final String ID = "3ab3bb59-23aa-4493-b7a0-a28bd2464b6d";

    @Test
    void aSectionOfACompanyIsRenderedByItsPageInCompany() {
        Route route = Route.of("/companies/" + ID + "/org").orElseThrow();

        assertEquals(UUID.fromString(ID), route.companyId());
        assertEquals("org", route.section());
        assertNull(route.itemId());
        assertEquals("/company/org.xhtml", route.viewPath());
        assertEquals("/companies/" + ID + "/org", route.path());
    }

    @Test
    void anItemOfASectionIsRenderedByTheSectionsDetailPage() {
        Route agent = Route.of("/companies/" + ID + "/agents/" + ID).orElseThrow();
        Route issue = Route.of("/companies/" + ID + "/tasks/ACME-12/").orElseThrow();

        assertEquals("/company/agents/detail.xhtml", agent.viewPath());
        assertEquals(ID, agent.itemId());
        assertEquals("/company/tasks/detail.xhtml", issue.viewPath());
        assertEquals("ACME-12", issue.itemId());
        assertEquals("/companies/" + ID + "/tasks/ACME-12", issue.path());
    }

    @Test
    void anythingElseIsNoRoute() {
        for (String path : new String[] {"/companies", "/companies/", "/companies/" + ID, "/companies/not-a-uuid/org",
                "/companies/" + ID + "/../WEB-INF/web", "/companies/" + ID + "/Org", "/companies/" + ID + "/org/a/b",
                "/companies/" + ID + "/org/a.b", "/companies/" + ID + "/org.xhtml", null}) {
            assertEquals(Optional.empty(), Route.of(path), String.valueOf(path));
        }
    }

    @Test
    void aHyphenatedSectionIsOneSection() {
        assertTrue(Route.of("/companies/" + ID + "/cost-rollups").isPresent());
        assertEquals("/company/cost-rollups.xhtml", Route.of("/companies/" + ID + "/cost-rollups").orElseThrow().viewPath());
    }
}
