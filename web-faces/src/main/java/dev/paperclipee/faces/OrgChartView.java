package dev.paperclipee.faces;

import dev.paperclipee.agent.boundary.AgentChanges;
import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.control.OrgChart;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentRole;
import dev.paperclipee.approval.boundary.Approvals;
import dev.paperclipee.approval.entity.Approval;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.faces.routing.BoardRoute;
import dev.paperclipee.heartbeat.control.Adapters;
import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.primefaces.event.organigram.OrganigramNodeDragDropEvent;
import org.primefaces.model.DefaultOrganigramNode;
import org.primefaces.model.OrganigramNode;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * {@code /companies/{id}/org}: the reporting tree with each agent's status, role and month's
 * spend; hiring (directly, or as a {@code hire_agent} approval request) and moving an agent under
 * another manager.
 */
@Named
@ViewScoped
public class OrgChartView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    BoardRoute route;

    @Inject
    BoardSession session;

    @Inject
    transient Companies companies;

    @Inject
    transient Agents agents;

    @Inject
    transient Approvals approvals;

    private UUID companyId;
    private Company company;
    private OrganigramNode root;
    private List<Agent> members;
    private final Hire hire = new Hire();
    private String moveAgentId;
    private String moveManagerId;

    @PostConstruct
    void load() {
        companyId = route.getCompanyId();
        refresh();
        hire.viaApproval = company.isRequireBoardApprovalForNewAgents();
    }

    public void refresh() {
        company = companies.find(session.actor(), companyId);
        List<OrgChart.Node> tree = agents.org(session.actor(), companyId);
        members = new ArrayList<>();
        root = new DefaultOrganigramNode("company", company, null);
        root.setExpanded(true);
        root.setSelectable(false);
        root.setDroppable(true);
        tree.forEach(node -> add(node, root));
    }

    private void add(OrgChart.Node node, OrganigramNode parent) {
        members.add(node.agent());
        OrganigramNode child = new DefaultOrganigramNode("agent", node.agent(), parent);
        child.setExpanded(true);
        child.setRowKey(node.agent().getId().toString());
        child.setDraggable(true);
        child.setDroppable(true);
        node.reports().forEach(report -> add(report, child));
    }

    /** Hires directly, or files a {@code hire_agent} approval for the board's queue. */
    public void submitHire() {
        JsonObject adapterConfig = hire.adapterConfigObject();
        Long budget = hire.budgetDollars == null ? null : Math.round(hire.budgetDollars * 100);
        UUID manager = hire.reportsTo == null || hire.reportsTo.isBlank() ? null : UUID.fromString(hire.reportsTo);
        if (hire.viaApproval) {
            JsonObjectBuilder payload = JsonText.JSON.createObjectBuilder().add("name", hire.name == null ? "" : hire.name)
                    .add("role", hire.role).add("adapterType", hire.adapterType).add("adapterConfig", adapterConfig)
                    .add("createApiKey", false);
            if (hire.title != null && !hire.title.isBlank()) {
                payload.add("title", hire.title);
            }
            if (manager != null) {
                payload.add("reportsTo", manager.toString());
            }
            if (budget != null) {
                payload.add("budgetMonthlyCents", budget);
            }
            Approval requested = approvals.request(session.actor(), companyId, "hire_agent", payload.build());
            Toasts.info("Hire of " + hire.name + " sent for approval",
                    "It waits on the Approvals page (" + requested.getId().toString().substring(0, 8) + ").");
        } else {
            Agent hired = agents.create(session.actor(), companyId, new AgentDraft(hire.name, hire.role, blankToNull(hire.title),
                    null, manager, null, hire.adapterType, adapterConfig, null, budget, null, null));
            Toasts.info(hired.getName() + " hired", "Status " + hired.getStatus() + "; it is in the chart now.");
        }
        boolean approval = hire.viaApproval;
        hire.reset();
        hire.viaApproval = approval;
        refresh();
    }

    /** Moves an agent under another manager (none: to the top of the chart). The domain refuses cycles. */
    public void move() {
        UUID agentId = UUID.fromString(moveAgentId);
        UUID manager = moveManagerId == null || moveManagerId.isBlank() ? null : UUID.fromString(moveManagerId);
        Agent moved = agents.update(session.actor(), agentId, new AgentChanges(null, null, null, null, null,
                manager == null ? Change.clear() : Change.to(manager), null, null, null, null, null, null, null));
        Toasts.info(moved.getName() + " moved", manager == null ? "It now reports to the board." : "It reports to "
                + members.stream().filter(a -> a.getId().equals(manager)).map(Agent::getName).findFirst().orElse("its new manager") + ".");
        moveAgentId = null;
        moveManagerId = null;
        refresh();
    }

    /** An agent's node dropped on another agent (its new manager) or on the company (to the top). */
    public void dropped(OrganigramNodeDragDropEvent event) {
        try {
            moveAgentId = ((Agent) event.getOrganigramNode().getData()).getId().toString();
            moveManagerId = event.getTargetOrganigramNode().getData() instanceof Agent manager ? manager.getId().toString() : null;
            move();
        } finally {
            refresh(); // a refused move (a cycle) is drawn as it was
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** "Reports to X" (or to the board) for the tooltip of an agent's node. */
    public String reportsTo(Agent agent) {
        UUID manager = agent.getReportsTo();
        return "Reports to " + (manager == null ? "the board" : members.stream().filter(a -> a.getId().equals(manager))
                .map(Agent::getName).findFirst().orElse("the board"));
    }

    public Company getCompany() { return company; }
    public UUID getCompanyId() { return companyId; }
    public OrganigramNode getRoot() { return root; }
    public List<Agent> getMembers() { return members; }
    public Hire getHire() { return hire; }
    public List<String> getRoles() { return Arrays.stream(AgentRole.values()).map(Enum::name).toList(); }
    public List<String> getAdapterTypes() { return Adapters.TYPES; }
    public String getMoveAgentId() { return moveAgentId; }
    public void setMoveAgentId(String id) { this.moveAgentId = id; }
    public String getMoveManagerId() { return moveManagerId; }
    public void setMoveManagerId(String id) { this.moveManagerId = id; }

    /** The hire form. */
    public static class Hire implements Serializable {
        private static final long serialVersionUID = 1L;
        private String name;
        private String role = AgentRole.general.name();
        private String title;
        private String reportsTo;
        private String adapterType = Adapters.TYPES.get(0);
        private String adapterConfig = "{\"command\": \"true\"}";
        private Double budgetDollars;
        private boolean viaApproval;

        void reset() {
            name = null;
            role = AgentRole.general.name();
            title = null;
            reportsTo = null;
            adapterType = Adapters.TYPES.get(0);
            adapterConfig = "{\"command\": \"true\"}";
            budgetDollars = null;
        }

        JsonObject adapterConfigObject() {
            if (adapterConfig == null || adapterConfig.isBlank()) {
                return JsonText.JSON.createObjectBuilder().build();
            }
            try {
                return JsonText.parse(adapterConfig);
            } catch (JsonException | IllegalStateException e) {
                throw new InvalidInputException("adapterConfig", "must be a JSON object, e.g. {\"command\": \"claude\"}", "invalid_json");
            }
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getRole() { return role; }
        public void setRole(String role) { this.role = role; }
        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public String getReportsTo() { return reportsTo; }
        public void setReportsTo(String reportsTo) { this.reportsTo = reportsTo; }
        public String getAdapterType() { return adapterType; }
        public void setAdapterType(String adapterType) { this.adapterType = adapterType; }
        public String getAdapterConfig() { return adapterConfig; }
        public void setAdapterConfig(String adapterConfig) { this.adapterConfig = adapterConfig; }
        public Double getBudgetDollars() { return budgetDollars; }
        public void setBudgetDollars(Double budgetDollars) { this.budgetDollars = budgetDollars; }
        public boolean isViaApproval() { return viaApproval; }
        public void setViaApproval(boolean viaApproval) { this.viaApproval = viaApproval; }
    }
}
