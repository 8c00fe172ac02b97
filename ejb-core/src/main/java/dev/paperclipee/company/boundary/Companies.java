package dev.paperclipee.company.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.activity.control.ChangeSet;
import dev.paperclipee.cost.control.BudgetSettings;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.company.control.IssuePrefixes;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.company.entity.CompanyStatus;
import dev.paperclipee.goal.entity.Goal;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Company lifecycle (spec §10.1): create, list, read, update, brand, archive. Only the board
 * creates or changes companies (§9.3); an agent sees its own company only. Every mutation
 * writes its activity row in the same transaction.
 */
@Stateless
public class Companies {

    @PersistenceContext
    EntityManager em;

    @Inject
    IssuePrefixes prefixes;

    @Inject
    CompanyScope scope;

    @Inject
    ActivityLog activity;

    @Inject
    BudgetSettings budgets;

    /** Every company the actor may see: all for the board (not paged), its own for an agent. */
    public List<Company> list(Actor actor) {
        if (actor.isAgent()) {
            return List.of(find(actor, actor.companyId()));
        }
        return em.createNamedQuery(Company.ALL, Company.class).getResultList();
    }

    public Company find(Actor actor, UUID companyId) {
        return scope.require(actor, companyId);
    }

    /**
     * Creates the company with a unique issue prefix and its root company-level goal (the §7.4
     * invariant holds from the first moment).
     */
    public Company create(Actor actor, CompanyDraft draft) {
        actor.requireBoard();
        prefixes.lockCreation();
        String name = draft.name() == null ? null : draft.name().strip();
        Company company = new Company(name, draft.description(), prefixes.unique(name));
        if (draft.budgetMonthlyCents() != null) {
            company.budget(draft.budgetMonthlyCents());
        }
        if (draft.requireBoardApprovalForNewAgents() != null) {
            company.requireBoardApprovalForNewAgents(draft.requireBoardApprovalForNewAgents());
        }
        em.persist(company);
        em.flush(); // rows below reference the company; EclipseLink does not order unmapped foreign keys
        Goal root = Goal.rootOf(company.getId(), company.getName(), company.getDescription());
        em.persist(root);
        activity.record(actor, company.getId(), "company.created", "company", company.getId(),
                Map.of("name", company.getName(), "issuePrefix", company.getIssuePrefix()));
        activity.record(actor, company.getId(), "goal.created", "goal", root.getId(),
                Map.of("title", root.getTitle(), "level", WireEnum.of(root.getLevel())));
        return company;
    }

    public Company update(Actor actor, UUID companyId, CompanyChanges changes) {
        actor.requireBoard();
        Company company = find(actor, companyId);
        ChangeSet changed = new ChangeSet();
        changed.text("name", changes.name(), company.getName(), company::rename);
        changed.description(changes.description(), company.getDescription(), company::describe);
        // through the budget rules: a budget at or below this month's spend stops the company now (§13.2)
        if (changes.budgetMonthlyCents() != null && budgets.company(actor, company, changes.budgetMonthlyCents())) {
            changed.put("budgetMonthlyCents", company.getBudgetMonthlyCents());
        }
        if (changes.requireBoardApprovalForNewAgents() != null
                && changes.requireBoardApprovalForNewAgents() != company.isRequireBoardApprovalForNewAgents()) {
            company.requireBoardApprovalForNewAgents(changes.requireBoardApprovalForNewAgents());
            changed.put("requireBoardApprovalForNewAgents", company.isRequireBoardApprovalForNewAgents());
        }
        if (changes.attachmentMaxBytes() != null && changes.attachmentMaxBytes() != company.getAttachmentMaxBytes()) {
            company.limitAttachments(changes.attachmentMaxBytes());
            changed.put("attachmentMaxBytes", company.getAttachmentMaxBytes());
        }
        if (changes.status() != null) {
            CompanyStatus target = WireEnum.parse(CompanyStatus.class, "status", changes.status());
            if (target != company.getStatus()) {
                company.changeStatus(target);
                changed.put("status", WireEnum.of(company.getStatus()));
            }
        }
        activity.recordChanges(actor, companyId, "company.updated", "company", companyId, changed);
        return company;
    }

    /** Branding: an empty string clears a field, null leaves it. */
    public Company brand(Actor actor, UUID companyId, String brandColor, String logoUrl) {
        actor.requireBoard();
        Company company = find(actor, companyId);
        String color = brandColor == null ? company.getBrandColor() : Text.blankToNull(brandColor);
        String logo = logoUrl == null ? company.getLogoUrl() : Text.blankToNull(logoUrl);
        company.brand(color, logo);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("brandColor", company.getBrandColor());
        details.put("logoUrl", company.getLogoUrl());
        activity.record(actor, companyId, "company.branding_updated", "company", companyId, details);
        return company;
    }

    public Company archive(Actor actor, UUID companyId) {
        actor.requireBoard();
        Company company = find(actor, companyId);
        company.archive();
        activity.record(actor, companyId, "company.archived", "company", companyId, null);
        return company;
    }
}
