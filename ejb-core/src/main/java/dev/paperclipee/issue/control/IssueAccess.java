package dev.paperclipee.issue.control;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.control.CompanyAgents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.Text;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Map;
import java.util.UUID;

/**
 * Who may change an issue and to whom it may be given (spec §9.2, §9.3). The board may change
 * any issue. An agent reads every issue of its company and may create issues (delegation) and
 * comment anywhere in it, but changes only issues that are unassigned, its own, created by it, or
 * owned by an agent that reports to it (directly or further down): "read/write own assigned tasks",
 * a manager reviewing its reports' work, and "force reassign: limited".
 */
@Dependent
public class IssueAccess {

    /** Deeper reporting chains than this are a data error; the walk stops there instead of looping. */
    static final int MAX_CHAIN = 100;

    private static final String MANAGES = """
            with recursive chain (id, depth) as (
                select reports_to, 1 from agents where id = cast(?1 as uuid)
                union all
                select a.reports_to, c.depth + 1 from agents a join chain c on a.id = c.id
                 where c.depth < ?3 and a.reports_to is not null
            )
            select count(*) from chain where id = cast(?2 as uuid)
            """;

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyAgents agents;

    public void requireWrite(Actor actor, Issue issue) {
        if (!actor.isAgent()) {
            return;
        }
        UUID me = actor.agentId();
        UUID owner = issue.getAssigneeAgentId();
        if (issue.getAssigneeUserId() == null && (owner == null || owner.equals(me))
                || me.equals(issue.getCreatedByAgentId())
                || owner != null && manages(me, owner)) {
            return;
        }
        throw new ForbiddenException("Agent may only change issues that are unassigned, its own, created by it,"
                + " or owned by its reports");
    }

    /** Whether {@code manager} is above {@code agent} in the reporting tree. */
    public boolean manages(UUID manager, UUID agent) {
        Number n = (Number) em.createNativeQuery(MANAGES)
                .setParameter(1, agent.toString())
                .setParameter(2, manager.toString())
                .setParameter(3, MAX_CHAIN)
                .getSingleResult();
        return n.longValue() > 0;
    }

    /**
     * An agent that can be given work: one of the company's (unknown and foreign look the same)
     * and not terminated (422).
     */
    public void requireAssignableAgent(UUID companyId, UUID agentId) {
        if (agentId == null) {
            return;
        }
        AgentStatus status = agentStatus(companyId, agentId);
        if (status == null) {
            throw new RuleViolationException("assigneeAgentId must be an agent of the same company",
                    Map.of("assigneeAgentId", agentId.toString()));
        }
        if (status == AgentStatus.terminated) {
            throw new RuleViolationException("assigneeAgentId is a terminated agent; it cannot take work",
                    Map.of("assigneeAgentId", agentId.toString()));
        }
    }

    /** The agent's status, or null when it is not an agent of the company. */
    public AgentStatus agentStatus(UUID companyId, UUID agentId) {
        Agent agent = agents.inCompany(companyId, agentId);
        return agent == null ? null : agent.getStatus();
    }

    /** A board user that can be given work: an existing user, named by its id (422 otherwise). */
    public String requireAssignableUser(String userId) {
        if (userId == null) {
            return null;
        }
        Text.optional("assigneeUserId", userId, 100);
        UUID id;
        try {
            id = userId.length() == 36 ? UUID.fromString(userId) : null;
        } catch (IllegalArgumentException e) {
            id = null;
        }
        boolean exists = id != null && ((Number) em.createNativeQuery("select count(*) from users where id = cast(?1 as uuid)")
                .setParameter(1, id.toString())
                .getSingleResult()).longValue() > 0;
        if (!exists) {
            throw new RuleViolationException("assigneeUserId must be a board user of this deployment",
                    Map.of("assigneeUserId", userId.length() > 64 ? userId.substring(0, 64) + "…" : userId));
        }
        return id.toString();
    }
}
