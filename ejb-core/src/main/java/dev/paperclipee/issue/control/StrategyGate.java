package dev.paperclipee.issue.control;

import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The CEO strategy gate of spec §12.2: until the board has approved a company's first
 * {@code approve_ceo_strategy} request, the work its CEO delegated — issues created by an agent
 * whose role is {@code ceo} — stays a draft. Drafts may be edited, assigned, blocked or cancelled,
 * but cannot enter active execution ({@code in_progress} by checkout or update, {@code in_review}):
 * 409. Their assignees are not woken for them either, since they could not start; approving the
 * strategy wakes them. Issues created by the board or other agents are never held.
 */
@Dependent
public class StrategyGate {

    /** The statuses of active execution a draft may not enter. */
    public static final Set<IssueStatus> ACTIVE = EnumSet.of(IssueStatus.in_progress, IssueStatus.in_review);

    private static final String HOLDS = """
            select exists (select 1 from agents a where a.id = cast(?1 as uuid) and a.role = 'ceo')
               and not exists (select 1 from approvals p where p.company_id = cast(?2 as uuid)
                                  and p.type = 'approve_ceo_strategy' and p.status = 'approved')
            """;

    @PersistenceContext
    EntityManager em;

    /** Whether the issue is CEO-delegated work of a company whose strategy is not approved yet. */
    public boolean holds(Issue issue) {
        if (issue.getCreatedByAgentId() == null) {
            return false; // the board's own issues: no query on the hot path
        }
        Object held = em.createNativeQuery(HOLDS)
                .setParameter(1, issue.getCreatedByAgentId().toString())
                .setParameter(2, issue.getCompanyId().toString())
                .getSingleResult();
        return Boolean.TRUE.equals(held);
    }

    /** 409 when the issue is a held draft and {@code target} is a status of active execution. */
    public void requireExecutable(Issue issue, IssueStatus target) {
        if (ACTIVE.contains(target) && holds(issue)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("issueId", issue.getId().toString());
            details.put("status", WireEnum.of(issue.getStatus()));
            details.put("assigneeAgentId", issue.getAssigneeAgentId() == null ? null : issue.getAssigneeAgentId().toString());
            details.put("checkoutRunId", issue.getCheckoutRunId() == null ? null : issue.getCheckoutRunId().toString());
            details.put("executionRunId", issue.getExecutionRunId() == null ? null : issue.getExecutionRunId().toString());
            details.put("requestedStatus", WireEnum.of(target));
            details.put("reason", "ceo_strategy_not_approved");
            throw new ConflictException("Issue " + issue.getIdentifier() + " was delegated by the CEO and stays a draft until"
                    + " the board approves the company's CEO strategy (an approve_ceo_strategy approval): it cannot be "
                    + WireEnum.of(target) + " before that", details);
        }
    }

    /** Whether the company has an approved CEO strategy. */
    public boolean strategyApproved(UUID companyId) {
        Object approved = em.createNativeQuery("""
                        select exists (select 1 from approvals where company_id = cast(?1 as uuid)
                                          and type = 'approve_ceo_strategy' and status = 'approved')
                        """)
                .setParameter(1, companyId.toString())
                .getSingleResult();
        return Boolean.TRUE.equals(approved);
    }

    /** A draft that the strategy approval releases: its id and the agent to wake for it. */
    public record Released(UUID issueId, UUID assigneeAgentId) {
    }

    /**
     * The company's CEO-delegated issues that an approval releases and that ask for their
     * assignee (assigned to an agent, {@code todo} or {@code blocked}), oldest first.
     */
    public List<Released> waiting(UUID companyId) {
        List<?> rows = em.createNativeQuery("""
                        select cast(i.id as text), cast(i.assignee_agent_id as text)
                          from issues i join agents a on a.id = i.created_by_agent_id
                         where i.company_id = cast(?1 as uuid) and a.role = 'ceo'
                           and i.assignee_agent_id is not null and i.status in ('todo', 'blocked')
                         order by i.created_at, i.id
                        """)
                .setParameter(1, companyId.toString())
                .getResultList();
        List<Released> released = new ArrayList<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            released.add(new Released(UUID.fromString((String) columns[0]), UUID.fromString((String) columns[1])));
        }
        return released;
    }
}
