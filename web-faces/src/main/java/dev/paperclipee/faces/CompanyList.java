package dev.paperclipee.faces;

import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyChanges;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.shared.entity.DomainException;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** {@code /companies}: the list, the create form and archiving. */
@Named
@ViewScoped
public class CompanyList implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Companies companies;

    @Inject
    BoardSession session;

    private List<Company> all;
    private String name;
    private String description;
    private UUID editedId;
    private String editName;
    private String editDescription;
    private String editBrandColor;
    private String editLogoUrl;
    private boolean editRequireApproval;

    @PostConstruct
    void load() {
        session.companiesChanged();
        all = companies.list(session.actor());
    }

    public void create() {
        try {
            Company created = companies.create(session.actor(), new CompanyDraft(name, description, null, null));
            session.select(created.getId());
            info("Company " + created.getName() + " created — its issues will be numbered " + created.getIssuePrefix() + "-1, "
                    + created.getIssuePrefix() + "-2, …");
            name = null;
            description = null;
            load();
        } catch (DomainException e) {
            error(e.getMessage());
        }
    }

    public void archive(UUID companyId) {
        try {
            Company archived = companies.archive(session.actor(), companyId);
            info("Company " + archived.getName() + " archived");
            load();
        } catch (DomainException e) {
            error(e.getMessage());
        }
    }

    /** Opens the edit dialog on one company. */
    public void edit(UUID companyId) {
        Company company = companies.find(session.actor(), companyId);
        editedId = company.getId();
        editName = company.getName();
        editDescription = company.getDescription();
        editBrandColor = company.getBrandColor() == null ? "#4f46e5" : company.getBrandColor();
        editLogoUrl = company.getLogoUrl();
        editRequireApproval = company.isRequireBoardApprovalForNewAgents();
    }

    /** Saves the edit dialog: name, mission and hiring policy, then branding. */
    public void save() {
        companies.update(session.actor(), editedId, new CompanyChanges(editName, editDescription == null ? "" : editDescription,
                null, null, editRequireApproval, null));
        Company saved = companies.brand(session.actor(), editedId, editBrandColor == null ? "" : editBrandColor,
                editLogoUrl == null ? "" : editLogoUrl);
        info("Company " + saved.getName() + " saved");
        load();
    }

    /** A company the budget or the board paused takes work again. */
    public void resume(UUID companyId) {
        Company resumed = companies.update(session.actor(), companyId, new CompanyChanges(null, null, "active", null, null, null));
        info("Company " + resumed.getName() + " resumed");
        load();
    }

    private static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    private static void error(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    public List<Company> getAll() { return all; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public UUID getEditedId() { return editedId; }
    public String getEditName() { return editName; }
    public void setEditName(String editName) { this.editName = editName; }
    public String getEditDescription() { return editDescription; }
    public void setEditDescription(String editDescription) { this.editDescription = editDescription; }
    public String getEditBrandColor() { return editBrandColor; }
    public void setEditBrandColor(String editBrandColor) { this.editBrandColor = editBrandColor; }
    public String getEditLogoUrl() { return editLogoUrl; }
    public void setEditLogoUrl(String editLogoUrl) { this.editLogoUrl = editLogoUrl; }
    public boolean isEditRequireApproval() { return editRequireApproval; }
    public void setEditRequireApproval(boolean editRequireApproval) { this.editRequireApproval = editRequireApproval; }
}
