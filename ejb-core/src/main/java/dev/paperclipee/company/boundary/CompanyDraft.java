package dev.paperclipee.company.boundary;

/** What the board gives to create a company; null numbers and flags take their defaults. */
public record CompanyDraft(String name, String description, Long budgetMonthlyCents,
                           Boolean requireBoardApprovalForNewAgents) {
}
