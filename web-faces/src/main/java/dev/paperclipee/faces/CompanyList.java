package dev.paperclipee.faces;

import dev.paperclipee.company.boundary.Companies;
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

    @PostConstruct
    void load() {
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
}
