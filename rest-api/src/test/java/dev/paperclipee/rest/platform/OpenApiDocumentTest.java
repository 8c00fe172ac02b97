package dev.paperclipee.rest.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The path and operation-id rules of the OpenAPI filter (the whole document: OpenApiIT in micro). */
class OpenApiDocumentTest {

    @Test
    void pathsMoveUnderApiOnce() {
        assertEquals("/api/companies", OpenApiDocument.underApi("/companies"));
        assertEquals("/api/companies/{companyId}/goals", OpenApiDocument.underApi("companies/{companyId}/goals"));
        assertEquals("/api/health", OpenApiDocument.underApi("/api/health"), "already there");
        assertEquals("/api", OpenApiDocument.underApi("/"));
        assertEquals("/api/apiary", OpenApiDocument.underApi("/apiary"), "a segment that merely starts with api");
    }

    @Test
    void wordsAreTheLiteralSegmentsCapitalised() {
        assertEquals("CompaniesGoals", OpenApiDocument.words("/api/companies/{companyId}/goals"));
        assertEquals("Goals", OpenApiDocument.words("/api/goals/{goalId}"));
        assertEquals("HeartbeatRunsLog", OpenApiDocument.words("/api/heartbeat-runs/{id}/log"));
        assertEquals("", OpenApiDocument.words("/api"));
    }
}
