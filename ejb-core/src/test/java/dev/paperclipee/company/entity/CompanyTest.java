package dev.paperclipee.company.entity;

import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec §7.1: what a company accepts about itself and how its status moves. */
class CompanyTest {

    private final Company company = new Company("Acme", "Makes anvils", "ACM");

    @Test
    void newCompanyDefaults() {
        assertNotNull(company.getId());
        assertEquals("Acme", company.getName());
        assertEquals("Makes anvils", company.getDescription());
        assertEquals("ACM", company.getIssuePrefix());
        assertEquals(CompanyStatus.active, company.getStatus());
        assertEquals(0, company.getIssueCounter());
        assertEquals(0, company.getBudgetMonthlyCents());
        assertEquals(0, company.getSpentMonthlyCents());
        assertEquals(10 * 1024 * 1024, company.getAttachmentMaxBytes());
        assertFalse(company.isRequireBoardApprovalForNewAgents());
        assertNull(company.getPauseReason());
        assertNull(company.getPausedAt());
        assertNull(company.getBrandColor());
        assertNull(company.getLogoUrl());
    }

    @Test
    void everyCompanyHasItsOwnId() {
        assertFalse(company.getId().equals(new Company("Acme", null, "ACMA").getId()));
    }

    @Test
    void renameTrims() {
        company.rename("  Acme Holdings\n");

        assertEquals("Acme Holdings", company.getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Ac\u0000me", "\uD83D"})
    void renameRefusesInvalidNamesAndKeepsTheOldOne(String name) {
        assertThrows(InvalidInputException.class, () -> company.rename(name));

        assertEquals("Acme", company.getName());
    }

    @Test
    void nameHasAMaximumLength() {
        company.rename("n".repeat(200));
        assertEquals(200, company.getName().length());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> company.rename("n".repeat(201)));
        assertEquals("name: must be at most 200 characters", e.getMessage());
    }

    @Test
    void constructorValidatesTheName() {
        assertThrows(InvalidInputException.class, () -> new Company(null, null, "CMP"));
        assertThrows(InvalidInputException.class, () -> new Company(" ", null, "CMP"));
    }

    @Test
    void describe() {
        company.describe(null);
        assertNull(company.getDescription());

        company.describe("d".repeat(100_000));
        assertEquals(100_000, company.getDescription().length());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> company.describe("d".repeat(100_001)));
        assertEquals("description: must be at most 100000 characters", e.getMessage());
        assertThrows(InvalidInputException.class, () -> company.describe("bad \u0000 byte"));
    }

    @Test
    void budgetIsNonNegativeCentsThatFitAnInt() {
        company.budget(0);
        assertEquals(0, company.getBudgetMonthlyCents());
        company.budget(250_00);
        assertEquals(250_00, company.getBudgetMonthlyCents());
        company.budget(Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, company.getBudgetMonthlyCents());

        InvalidInputException negative = assertThrows(InvalidInputException.class, () -> company.budget(-1));
        assertEquals("budgetMonthlyCents: must be zero or more", negative.getMessage());
        assertThrows(InvalidInputException.class, () -> company.budget(Integer.MAX_VALUE + 1L));
        assertEquals(Integer.MAX_VALUE, company.getBudgetMonthlyCents(), "a refused budget changes nothing");
    }

    @Test
    void attachmentLimitIsAtLeastOneByte() {
        company.limitAttachments(1);
        assertEquals(1, company.getAttachmentMaxBytes());

        assertThrows(InvalidInputException.class, () -> company.limitAttachments(0));
        assertThrows(InvalidInputException.class, () -> company.limitAttachments(-10));
        assertThrows(InvalidInputException.class, () -> company.limitAttachments(Integer.MAX_VALUE + 1L));
        assertEquals(1, company.getAttachmentMaxBytes());
    }

    @Test
    void boardApprovalForNewAgents() {
        company.requireBoardApprovalForNewAgents(true);

        assertTrue(company.isRequireBoardApprovalForNewAgents());
    }

    @ParameterizedTest
    @ValueSource(strings = {"#1f6feb", "#000000", "#FFFFFF", "#1F6FEB"})
    void brandColourIsRrggbbStoredInLowerCase(String colour) {
        company.brand(colour, null);

        assertEquals(colour.toLowerCase(), company.getBrandColor());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1f6feb", "#fff", "#1f6feb0", "#1f6fez", "red", " #1f6feb", "#1f6feb\n", "rgb(1,2,3)"})
    void otherColoursAreRefused(String colour) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> company.brand(colour, null));

        assertEquals("brandColor: must be a colour like #1f6feb", e.getMessage());
        assertNull(company.getBrandColor());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.example.com/logo.png", "http://intranet/logo.svg", "/assets/logo.png"})
    void logoIsAnHttpUrlOrAPath(String logo) {
        company.brand(null, logo);

        assertEquals(logo, company.getLogoUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:image/png;base64,AAAA", "ftp://example.com/logo.png",
            "logo.png", "HTTPS//example.com", "file:///etc/passwd"})
    void otherLogosAreRefused(String logo) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> company.brand("#123456", logo));

        assertEquals("logoUrl: must be an http(s) URL or a path", e.getMessage());
        assertNull(company.getBrandColor(), "nothing changes when one field is refused");
        assertNull(company.getLogoUrl());
    }

    @Test
    void logoUrlHasAMaximumLength() {
        String base = "https://example.com/";
        company.brand(null, base + "a".repeat(2048 - base.length()));

        assertThrows(InvalidInputException.class, () -> company.brand(null, base + "a".repeat(2049 - base.length())));
        assertEquals(2048, company.getLogoUrl().length());
    }

    @Test
    void nullClearsTheBranding() {
        company.brand("#abcdef", "/logo.png");
        company.brand(null, null);

        assertNull(company.getBrandColor());
        assertNull(company.getLogoUrl());
    }

    @Test
    void archiveTwiceIsAConflict() {
        company.archive();
        assertEquals(CompanyStatus.archived, company.getStatus());

        ConflictException e = assertThrows(ConflictException.class, company::archive);
        assertEquals("Company is already archived", e.getMessage());
        assertEquals(CompanyStatus.archived, company.getStatus());
    }

    @Test
    void pausingIsManualAndTimestamped() {
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);

        company.changeStatus(CompanyStatus.paused);

        assertEquals(CompanyStatus.paused, company.getStatus());
        assertEquals("manual", company.getPauseReason());
        assertNotNull(company.getPausedAt());
        assertTrue(company.getPausedAt().isAfter(before), company.getPausedAt()::toString);
    }

    @Test
    void pausingAgainKeepsTheFirstPause() {
        company.changeStatus(CompanyStatus.paused);
        OffsetDateTime pausedAt = company.getPausedAt();

        company.changeStatus(CompanyStatus.paused);

        assertSame(pausedAt, company.getPausedAt());
    }

    @Test
    void resumingClearsThePause() {
        company.changeStatus(CompanyStatus.paused);

        company.changeStatus(CompanyStatus.active);

        assertEquals(CompanyStatus.active, company.getStatus());
        assertNull(company.getPauseReason());
        assertNull(company.getPausedAt());
    }

    @Test
    void archivingAPausedCompanyClearsThePause() {
        company.changeStatus(CompanyStatus.paused);

        company.changeStatus(CompanyStatus.archived);

        assertEquals(CompanyStatus.archived, company.getStatus());
        assertNull(company.getPauseReason());
        assertNull(company.getPausedAt());
    }

    @Test
    void anArchivedCompanyCannotBePaused() {
        company.archive();

        ConflictException e = assertThrows(ConflictException.class, () -> company.changeStatus(CompanyStatus.paused));

        assertEquals("An archived company cannot be paused; make it active first", e.getMessage());
        assertEquals(CompanyStatus.archived, company.getStatus());
        assertNull(company.getPausedAt());
    }

    @Test
    void anArchivedCompanyCanBeMadeActiveAgain() {
        company.archive();

        company.changeStatus(CompanyStatus.active);

        assertEquals(CompanyStatus.active, company.getStatus());
    }

    @Test
    void changingToTheCurrentStatusIsANoOp() {
        company.archive();

        company.changeStatus(CompanyStatus.archived);

        assertEquals(CompanyStatus.archived, company.getStatus());
    }
}
