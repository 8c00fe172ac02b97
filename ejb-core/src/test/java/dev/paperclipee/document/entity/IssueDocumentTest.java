package dev.paperclipee.document.entity;

import dev.paperclipee.shared.entity.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Spec §7.15: the workflow keys an issue's documents are filed under. */
class IssueDocumentTest {

    private static final String SIXTY_FOUR = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @ParameterizedTest
    @ValueSource(strings = {"plan", "design", "notes", "a", "0", "v2", "release-notes", "test_plan", "9-to_5", SIXTY_FOUR})
    void lowerCaseSlugsAreKeys(String key) {
        assertEquals(key, IssueDocument.requireKey(key));
        Document document = new Document(UUID.randomUUID(), null, UUID.randomUUID());
        assertEquals(key, new IssueDocument(UUID.randomUUID(), key, document).getKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Plan", "PLAN", "-plan", "_plan", "plan notes", "plan.md", "plan/x", "../plan", "plän",
            "plan\n", " plan", "a" + SIXTY_FOUR, "plan\u0000", "\uD800"})
    void anythingElseIsA400NamingTheKey(String key) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IssueDocument.requireKey(key));
        assertEquals("key", e.getMessage().substring(0, e.getMessage().indexOf(':')));
    }

    @Test
    void nullIsNoKey() {
        assertThrows(InvalidInputException.class, () -> IssueDocument.requireKey(null));
    }

    @Test
    void theLinkCarriesTheDocumentsCompany() {
        UUID company = UUID.randomUUID();
        UUID issue = UUID.randomUUID();
        Document document = new Document(company, null, UUID.randomUUID());
        IssueDocument link = new IssueDocument(issue, "plan", document);

        assertEquals(company, link.getCompanyId());
        assertEquals(issue, link.getIssueId());
        assertEquals(document.getId(), link.getDocumentId());
    }
}
