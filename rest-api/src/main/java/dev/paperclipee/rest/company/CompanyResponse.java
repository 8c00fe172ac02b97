package dev.paperclipee.rest.company;

import dev.paperclipee.company.entity.Company;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.shared.entity.WireEnum;

/**
 * A company as the API shows it (api-contract.md, "GET/POST /companies"). {@code spentMonthlyCents}
 * is this UTC month's; {@code budgetAlert} is {@code none}, {@code soft} (at or above 80 % of the
 * budget) or {@code hard} (used up), spec §13.2.
 */
public record CompanyResponse(String id, String name, String description, String status, String issuePrefix,
                              int issueCounter, int budgetMonthlyCents, int spentMonthlyCents, String budgetAlert,
                              boolean requireBoardApprovalForNewAgents, int attachmentMaxBytes,
                              String brandColor, String logoUrl, String pauseReason, String pausedAt,
                              String createdAt, String updatedAt) {

    public static CompanyResponse of(Company c) {
        return new CompanyResponse(c.getId().toString(), c.getName(), c.getDescription(), WireEnum.of(c.getStatus()),
                c.getIssuePrefix(), c.getIssueCounter(), c.getBudgetMonthlyCents(), c.getSpentMonthlyCents(),
                WireEnum.of(c.getBudgetAlert()),
                c.isRequireBoardApprovalForNewAgents(), c.getAttachmentMaxBytes(), c.getBrandColor(), c.getLogoUrl(),
                c.getPauseReason(), Json.time(c.getPausedAt()), Json.time(c.getCreatedAt()), Json.time(c.getUpdatedAt()));
    }
}
