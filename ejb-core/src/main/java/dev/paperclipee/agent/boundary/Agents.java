package dev.paperclipee.agent.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.activity.control.ChangeSet;
import dev.paperclipee.agent.control.CompanyAgents;
import dev.paperclipee.agent.control.Hiring;
import dev.paperclipee.agent.control.OrgChart;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentRole;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.agent.entity.PauseReason;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.cost.control.BudgetSettings;
import dev.paperclipee.secret.control.SecretRefs;
import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Agents (spec §10.3, §7.2, §8.1, §9.3): list, read, hire, update, pause, resume, terminate, and
 * the org chart. Hiring directly, pausing, resuming and terminating are the board's (agents hire
 * through approvals); an agent reads its own company, and may change only its own title, icon
 * and capabilities. Re-linking an agent locks the company row first, so the reporting tree never
 * gets a cycle. Every mutation writes its activity row in the same transaction; adapter and
 * runtime configs, permissions and metadata appear there by name only, never by value.
 */
@Stateless
public class Agents {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<AgentHalted> halted;

    @Inject
    CompanyScope scope;

    @Inject
    CompanyAgents agents;

    @Inject
    OrgChart chart;

    @Inject
    Hiring hiring;

    @Inject
    ActivityLog activity;

    @Inject
    BudgetSettings budgets;

    @Inject
    SecretRefs secretRefs;

    /** The company's agents, oldest first; {@code status} (a wire value) filters when given. */
    public List<Agent> list(Actor actor, UUID companyId, String status) {
        scope.require(actor, companyId);
        return agents.of(companyId, WireEnum.parse(AgentStatus.class, "status", status));
    }

    /** An agent by id; an agent of another company is 404 for an agent caller, so its existence does not leak. */
    public Agent find(Actor actor, UUID agentId) {
        Agent agent = em.find(Agent.class, agentId);
        if (agent == null || (actor.isAgent() && !agent.getCompanyId().equals(actor.companyId()))) {
            throw NotFoundException.of("Agent", agentId);
        }
        return agent;
    }

    /** The calling agent with its chain of command; the board is not an agent (404). */
    public AgentProfile me(Actor actor) {
        if (!actor.isAgent()) {
            throw new NotFoundException("No agent is calling: /agents/me answers for an agent API key, and the board is not an agent");
        }
        Agent agent = find(actor, actor.agentId());
        return new AgentProfile(agent, chart.chainOfCommand(agent));
    }

    /** The company's org chart without terminated agents, roots first. */
    public List<OrgChart.Node> org(Actor actor, UUID companyId) {
        scope.require(actor, companyId);
        return chart.tree(companyId);
    }

    /**
     * The board hires an agent directly (§12.1: still logged as a governance action). Agents hire
     * only by requesting a {@code hire_agent} approval (§9.3; api-contract "departs from the spec"
     * item 4), whatever the company's {@code requireBoardApprovalForNewAgents}: 403.
     */
    public Agent create(Actor actor, UUID companyId, AgentDraft draft) {
        if (actor.isAgent()) {
            throw new ForbiddenException("Board access required: an agent hires by requesting a hire_agent approval"
                    + " (POST /api/companies/:companyId/approvals)");
        }
        actor.requireBoard();
        scope.require(actor, companyId);
        return hiring.hire(actor, companyId, draft, null);
    }

    /**
     * A partial update. The board may change every field (status moves follow §8.1); an agent may
     * send only its own {@code title}, {@code icon} and {@code capabilities} — any other field, even
     * with its current value, is a 403, and so is another agent's id.
     */
    public Agent update(Actor actor, UUID agentId, AgentChanges changes) {
        Agent agent = find(actor, agentId);
        if (actor.isAgent()) {
            requireSelfService(actor, agent, changes);
        } else {
            actor.requireBoard();
        }
        UUID companyId = agent.getCompanyId();
        ChangeSet changed = new ChangeSet();
        changed.text("name", changes.name(), agent.getName(), agent::rename);
        AgentRole role = WireEnum.parse(AgentRole.class, "role", changes.role());
        if (role != null && role != agent.getRole()) {
            agent.changeRole(role);
            changed.put("role", WireEnum.of(role));
        }
        clearableText(changed, "title", changes.title(), agent.getTitle(), agent::retitle, agent::getTitle);
        clearableText(changed, "icon", changes.icon(), agent.getIcon(), agent::changeIcon, agent::getIcon);
        String capabilitiesBefore = agent.getCapabilities();
        if (changes.capabilities() != null) {
            agent.describeCapabilities(changes.capabilities().value());
            if (!Objects.equals(capabilitiesBefore, agent.getCapabilities())) {
                changed.put("capabilities", agent.getCapabilities() == null ? "" : "(changed)");
            }
        }
        Change<UUID> manager = changes.reportsTo();
        if (manager != null && !Objects.equals(manager.value(), agent.getReportsTo())) {
            scope.lock(companyId); // before the new manager's chain is read
            agent.reportTo(manager.clears() ? null : hiring.manager(companyId, manager.value()), id -> agents.inCompany(companyId, id));
            changed.put("reportsTo", manager.clears() ? null : manager.value().toString());
        }
        AgentStatus status = WireEnum.parse(AgentStatus.class, "status", changes.status());
        boolean halting = false;
        if (status != null && status != agent.getStatus()) {
            agent.moveTo(status);
            changed.put("status", WireEnum.of(status));
            halting = status == AgentStatus.paused || status == AgentStatus.terminated;
        }
        changed.text("adapterType", changes.adapterType(), agent.getAdapterType(), agent::useAdapter);
        json(changed, "adapterConfig", changes.adapterConfig(), agent::getAdapterConfig, agent::configureAdapter);
        json(changed, "runtimeConfig", changes.runtimeConfig(), agent::getRuntimeConfig, agent::configureRuntime);
        if (changes.adapterType() != null || changes.adapterConfig() != null) {
            Hiring.requireWorkableAdapter(agent);
        }
        if (changes.adapterConfig() != null) {
            secretRefs.requireValidAdapterConfig(companyId, List.of("adapterConfig"), agent.getAdapterConfig());
        }
        // through the budget rules: a budget at or below this month's spend pauses the agent now (§13.2)
        if (changes.budgetMonthlyCents() != null && budgets.agent(actor, agent, changes.budgetMonthlyCents())) {
            changed.put("budgetMonthlyCents", agent.getBudgetMonthlyCents());
        }
        json(changed, "permissions", changes.permissions(), agent::getPermissions, agent::grant);
        json(changed, "metadata", changes.metadata(), agent::getMetadata, agent::annotate);
        activity.recordChanges(actor, companyId, "agent.updated", "agent", agentId, changed);
        if (halting) {
            // a pause or termination by PATCH stops the agent's runs just as the dedicated routes do
            halted.fire(new AgentHalted(agentId, companyId, status == AgentStatus.paused ? AgentHalted.PAUSED : AgentHalted.TERMINATED));
        }
        return agent;
    }

    /** Board only: {@code idle | running → paused} with reason {@code manual}; 409 otherwise (also when already paused). */
    public Agent pause(Actor actor, UUID agentId) {
        actor.requireBoard();
        Agent agent = find(actor, agentId);
        agent.pause(PauseReason.manual);
        activity.record(actor, agent.getCompanyId(), "agent.paused", "agent", agentId,
                Map.of("pauseReason", WireEnum.of(agent.getPauseReason())));
        halted.fire(new AgentHalted(agentId, agent.getCompanyId(), AgentHalted.PAUSED));
        return agent;
    }

    /** Board only: {@code paused → idle}, whatever the pause reason (§13.2: the board may resume a budget stop). */
    public Agent resume(Actor actor, UUID agentId) {
        actor.requireBoard();
        Agent agent = find(actor, agentId);
        PauseReason reason = agent.getPauseReason();
        agent.resume();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("previousPauseReason", WireEnum.of(reason));
        activity.record(actor, agent.getCompanyId(), "agent.resumed", "agent", agentId, details);
        return agent;
    }

    /** Board only, irreversible (§8.1); terminating a terminated agent is a 409. Its keys stop working. */
    public Agent terminate(Actor actor, UUID agentId) {
        actor.requireBoard();
        Agent agent = find(actor, agentId);
        AgentStatus before = agent.getStatus();
        agent.terminate();
        activity.record(actor, agent.getCompanyId(), "agent.terminated", "agent", agentId,
                Map.of("previousStatus", WireEnum.of(before)));
        halted.fire(new AgentHalted(agentId, agent.getCompanyId(), AgentHalted.TERMINATED));
        return agent;
    }

    private static void requireSelfService(Actor actor, Agent agent, AgentChanges changes) {
        if (!agent.getId().equals(actor.agentId())) {
            throw new ForbiddenException("An agent may update only itself");
        }
        Set<String> refused = new LinkedHashSet<>(changes.sent());
        refused.removeAll(AgentChanges.SELF_SERVICE);
        if (!refused.isEmpty()) {
            throw new ForbiddenException("Board access required to change " + String.join(", ", refused)
                    + "; an agent may change only its own title, icon and capabilities");
        }
    }

    /** Title and icon: null or blank clears; the audit row shows the new value ("" when cleared). */
    private static void clearableText(ChangeSet changed, String field, Change<String> change, String current,
                                      Consumer<String> apply, Supplier<String> after) {
        if (change != null && !Objects.equals(Text.blankToNull(change.value()), current)) {
            apply.accept(change.value());
            changed.put(field, after.get() == null ? "" : after.get());
        }
    }

    /**
     * A JSON column: compared as objects (PostgreSQL's jsonb keeps its own key order and spacing),
     * named in the audit row without its value — adapter configs may hold secrets.
     */
    private static void json(ChangeSet changed, String field, Change<JsonObject> change, Supplier<String> current,
                             Consumer<JsonObject> apply) {
        if (change == null) {
            return;
        }
        JsonObject before = JsonText.parse(current.get());
        apply.accept(change.value());
        if (!Objects.equals(before, JsonText.parse(current.get()))) {
            changed.put(field, "(changed)");
        }
    }
}
