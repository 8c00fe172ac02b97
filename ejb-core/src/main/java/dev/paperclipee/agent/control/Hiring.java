package dev.paperclipee.agent.control;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentRole;
import dev.paperclipee.heartbeat.control.Adapters;
import dev.paperclipee.secret.control.SecretRefs;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turning an agent draft into an agent (spec §7.2, §12.1), the same way whoever hires: the board
 * directly, or an approved {@code hire_agent} request. The draft is checked in full before
 * anything is stored — so a hire request can be refused when it is made rather than when it is
 * approved — and the hire writes its {@code agent.created} row. Who may hire is the caller's check.
 */
@Dependent
public class Hiring {

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyAgents agents;

    @Inject
    ActivityLog activity;

    @Inject
    SecretRefs secretRefs;

    /**
     * The agent the draft describes, checked as a hire checks it (400 for a bad value, 422 for a
     * manager that is not a live agent of the company), but not stored.
     */
    public Agent check(UUID companyId, AgentDraft draft) {
        Agent agent = new Agent(companyId, draft.name(), WireEnum.parse(AgentRole.class, "role", draft.role()),
                draft.adapterType());
        agent.retitle(draft.title());
        agent.changeIcon(draft.icon());
        agent.describeCapabilities(draft.capabilities());
        agent.configureAdapter(draft.adapterConfig());
        agent.configureRuntime(draft.runtimeConfig());
        if (draft.budgetMonthlyCents() != null) {
            agent.budget(draft.budgetMonthlyCents());
        }
        agent.grant(draft.permissions());
        agent.annotate(draft.metadata());
        requireWorkableAdapter(agent);
        secretRefs.requireValidAdapterConfig(companyId, List.of("adapterConfig"), agent.getAdapterConfig());
        if (draft.reportsTo() != null) {
            agent.reportTo(manager(companyId, draft.reportsTo()), id -> agents.inCompany(companyId, id));
        }
        return agent;
    }

    /**
     * Checks and stores the agent, and records {@code agent.created} (§12.1: a direct hire is
     * logged as a governance action too).
     *
     * @param approvalId the approved {@code hire_agent} request behind the hire, or null for a direct one
     */
    public Agent hire(Actor actor, UUID companyId, AgentDraft draft, UUID approvalId) {
        Agent agent = check(companyId, draft);
        em.persist(agent);
        em.flush(); // the agent.created row names the agent (activity_log.agent_id references it)
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", agent.getName());
        details.put("role", WireEnum.of(agent.getRole()));
        details.put("adapterType", agent.getAdapterType());
        details.put("reportsTo", agent.getReportsTo() == null ? null : agent.getReportsTo().toString());
        if (approvalId != null) {
            details.put("approvalId", approvalId.toString());
        }
        activity.record(actor, companyId, "agent.created", "agent", agent.getId(), details);
        return agent;
    }

    /** A manager named by id: unknown and foreign ids look the same (422), so nothing leaks. */
    public Agent manager(UUID companyId, UUID managerId) {
        Agent manager = agents.inCompany(companyId, managerId);
        if (manager == null) {
            throw new RuleViolationException("reportsTo must be an agent of the same company",
                    Map.of("reportsTo", managerId.toString()));
        }
        return manager;
    }

    /**
     * An adapter configuration that could never work is refused when it is written (400 naming
     * the key), not discovered at the first run: wrong types, a non-positive {@code timeoutSec},
     * an http {@code url} that is not one. A config that is merely incomplete (no {@code command}
     * yet, an agent created with only a name) and adapter types this server does not know
     * (other Paperclip adapters) are stored as given; their runs fail visibly until completed.
     */
    public static void requireWorkableAdapter(Agent agent) {
        Adapters.validate(agent.getAdapterType(), JsonText.parse(agent.getAdapterConfig())).stream()
                .filter(problem -> !problem.code().equals("required") && !problem.code().equals("unknown_adapter_type"))
                .findFirst()
                .ifPresent(problem -> {
                    throw new InvalidInputException(problem.path(), problem.message(), problem.code());
                });
    }
}
