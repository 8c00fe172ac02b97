package dev.paperclipee.faces;

import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.faces.routing.BoardRoute;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** {@code /companies/{id}/agents}: every agent of the company, terminated ones included, with status and spend. */
@Named
@ViewScoped
public class AgentList implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    BoardRoute route;

    @Inject
    BoardSession session;

    @Inject
    transient Agents agents;

    @Inject
    transient Companies companies;

    private UUID companyId;
    private Company company;
    private List<Agent> all;

    @PostConstruct
    void load() {
        companyId = route.getCompanyId();
        refresh();
    }

    public void refresh() {
        company = companies.find(session.actor(), companyId);
        all = agents.list(session.actor(), companyId, null);
    }

    public UUID getCompanyId() { return companyId; }
    public Company getCompany() { return company; }
    public List<Agent> getAll() { return all; }
}
