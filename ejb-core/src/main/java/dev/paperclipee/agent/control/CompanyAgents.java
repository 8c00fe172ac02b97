package dev.paperclipee.agent.control;

import dev.paperclipee.shared.entity.RuleViolationException;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Map;
import java.util.UUID;

/**
 * Whether an agent belongs to a company (spec §7, §16: every link stays inside one company).
 * A native count on {@code agents} until the Agent entity lands; then this asks it instead.
 */
@Dependent
public class CompanyAgents {

    @PersistenceContext
    EntityManager em;

    public boolean belongs(UUID companyId, UUID agentId) {
        Number n = (Number) em.createNativeQuery(
                        "select count(*) from agents where id = cast(?1 as uuid) and company_id = cast(?2 as uuid)")
                .setParameter(1, agentId.toString())
                .setParameter(2, companyId.toString())
                .getSingleResult();
        return n.longValue() > 0;
    }

    /** 422 unless the agent (when given) is one of the company's: unknown and foreign look the same. */
    public void requireMember(String field, UUID companyId, UUID agentId) {
        if (agentId != null && !belongs(companyId, agentId)) {
            throw new RuleViolationException(field + " must be an agent of the same company",
                    Map.of(field, agentId.toString()));
        }
    }
}
