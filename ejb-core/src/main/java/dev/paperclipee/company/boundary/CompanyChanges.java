package dev.paperclipee.company.boundary;

/**
 * A partial update: a null field stays as it is; an empty description clears it.
 *
 * @param status {@code active}, {@code paused} or {@code archived}
 */
public record CompanyChanges(String name, String description, String status, Long budgetMonthlyCents,
                             Boolean requireBoardApprovalForNewAgents, Long attachmentMaxBytes) {
}
