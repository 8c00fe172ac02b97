package dev.paperclipee.agent.control;

import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.shared.entity.RuleViolationException;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A company's agents (spec §7.2, §16: every link stays inside one company): membership checks
 * other concepts need for their links (goal owner, project lead), and the lists the agent
 * boundary and the board read.
 */
@Dependent
public class CompanyAgents {

    @PersistenceContext
    EntityManager em;

    /** The agent of that company with that id, or null: an agent of another company is not "found". */
    public Agent inCompany(UUID companyId, UUID agentId) {
        Agent agent = agentId == null ? null : em.find(Agent.class, agentId);
        return agent != null && agent.getCompanyId().equals(companyId) ? agent : null;
    }

    public boolean belongs(UUID companyId, UUID agentId) {
        return inCompany(companyId, agentId) != null;
    }

    /** 422 unless the agent (when given) is one of the company's: unknown and foreign look the same. */
    public void requireMember(String field, UUID companyId, UUID agentId) {
        if (agentId != null && !belongs(companyId, agentId)) {
            throw new RuleViolationException(field + " must be an agent of the same company",
                    Map.of(field, agentId.toString()));
        }
    }

    /** The company's agents, oldest first; only those in {@code status} when it is given. */
    public List<Agent> of(UUID companyId, AgentStatus status) {
        if (status == null) {
            return em.createNamedQuery(Agent.BY_COMPANY, Agent.class).setParameter("companyId", companyId).getResultList();
        }
        return em.createNamedQuery(Agent.BY_COMPANY_AND_STATUS, Agent.class)
                .setParameter("companyId", companyId)
                .setParameter("status", status)
                .getResultList();
    }
}
