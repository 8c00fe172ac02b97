package dev.paperclipee.rest.company;

import dev.paperclipee.company.boundary.CompanyChanges;
import dev.paperclipee.company.boundary.CompanyDraft;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the company routes; lengths are checked again by the entity. */
public final class CompanyRequests {

    private CompanyRequests() {
    }

    @Schema(name = "CompanyCreateRequest")
    public record Create(@NotNull @Size(min = 1, max = 200) String name,
                         @Size(max = 100_000) String description,
                         @PositiveOrZero Long budgetMonthlyCents,
                         Boolean requireBoardApprovalForNewAgents) {
        CompanyDraft toDraft() {
            return new CompanyDraft(name, description, budgetMonthlyCents, requireBoardApprovalForNewAgents);
        }
    }

    @Schema(name = "CompanyUpdateRequest")
    public record Update(@Size(min = 1, max = 200) String name,
                         @Size(max = 100_000) String description,
                         String status,
                         @PositiveOrZero Long budgetMonthlyCents,
                         Boolean requireBoardApprovalForNewAgents,
                         @PositiveOrZero Long attachmentMaxBytes) {
        CompanyChanges toChanges() {
            return new CompanyChanges(name, description, status, budgetMonthlyCents, requireBoardApprovalForNewAgents,
                    attachmentMaxBytes);
        }
    }

    @Schema(name = "CompanyBrandingRequest")
    public record Branding(@Size(max = 7) String brandColor, @Size(max = 2048) String logoUrl) {
    }
}
