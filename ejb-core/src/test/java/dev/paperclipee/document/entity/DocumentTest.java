package dev.paperclipee.document.entity;

import dev.paperclipee.shared.entity.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Spec §7.15: a document and its append-only revisions. */
class DocumentTest {

    private static final UUID COMPANY = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();

    @Test
    void revisionsAreNumberedFromOneAndTheLatestIsCopiedIntoTheDocument() {
        Document d = new Document(COMPANY, null, USER);
        assertEquals(0, d.getLatestRevisionNumber());
        assertNull(d.getLatestRevisionId());

        DocumentRevision first = d.revise("Plan", null, "# Plan\n", "first draft", null, USER);
        DocumentRevision second = d.revise(null, DocumentFormat.markdown, "# Plan v2\n", null, AGENT, USER);

        assertAll(
                () -> assertEquals(1, first.getRevisionNumber()),
                () -> assertEquals(2, second.getRevisionNumber()),
                () -> assertNotEquals(first.getId(), second.getId()),
                () -> assertEquals(d.getId(), second.getDocumentId()),
                () -> assertEquals(COMPANY, second.getCompanyId()),
                () -> assertEquals("first draft", first.getChangeSummary()),
                () -> assertNull(second.getChangeSummary()),
                () -> assertEquals(second.getId(), d.getLatestRevisionId()),
                () -> assertEquals(2, d.getLatestRevisionNumber()),
                () -> assertEquals("# Plan v2\n", d.getLatestBody()),
                () -> assertEquals("Plan", d.getTitle(), "a null title keeps the current one"),
                () -> assertEquals(USER, d.getCreatedByUserId()),
                () -> assertEquals(AGENT, d.getUpdatedByAgentId()),
                () -> assertNull(d.getUpdatedByUserId(), "an agent's write names the agent only"),
                () -> assertEquals(AGENT, second.getCreatedByAgentId()),
                () -> assertNull(second.getCreatedByUserId()));
    }

    @Test
    void aBlankTitleClearsIt() {
        Document d = new Document(COMPANY, null, USER);
        d.revise("Plan", null, "x", null, null, USER);
        d.revise("  ", null, "x", null, null, USER);
        assertNull(d.getTitle());
    }

    @Test
    void theBodyIsRequiredButMayBeEmptyAndIsKeptExactly() {
        Document d = new Document(COMPANY, null, USER);
        assertThrows(InvalidInputException.class, () -> d.revise(null, null, null, null, null, USER));
        assertEquals(0, d.getLatestRevisionNumber(), "a refused write changes nothing");

        assertEquals("", d.revise(null, null, "", null, null, USER).getBody());
        assertEquals("  indented\n\n", d.revise(null, null, "  indented\n\n", null, null, USER).getBody());
        assertEquals(Document.MAX_BODY, d.revise(null, null, "a".repeat(Document.MAX_BODY), null, null, USER)
                .getBody().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\uD800", "x\uDC00y"})
    void bodyTitleAndSummaryFollowTheTextRules(String bad) {
        Document d = new Document(COMPANY, null, USER);
        assertThrows(InvalidInputException.class, () -> d.revise(null, null, bad, null, null, USER));
        assertThrows(InvalidInputException.class, () -> d.revise(bad, null, "ok", null, null, USER));
        assertThrows(InvalidInputException.class, () -> d.revise(null, null, "ok", bad, null, USER));
        assertEquals(0, d.getLatestRevisionNumber(), "a refused write changes nothing");
        assertNull(d.getLatestRevisionId());
    }

    @Test
    void tooLongIsRefused() {
        Document d = new Document(COMPANY, null, USER);
        assertThrows(InvalidInputException.class,
                () -> d.revise(null, null, "a".repeat(Document.MAX_BODY + 1), null, null, USER));
        assertThrows(InvalidInputException.class, () -> d.revise("t".repeat(501), null, "ok", null, null, USER));
        assertThrows(InvalidInputException.class, () -> d.revise(null, null, "ok", "s".repeat(501), null, USER));
        assertEquals("", d.getLatestBody());
    }
}
