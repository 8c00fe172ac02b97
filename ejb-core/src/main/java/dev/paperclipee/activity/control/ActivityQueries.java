package dev.paperclipee.activity.control;

import dev.paperclipee.access.entity.ActorType;
import dev.paperclipee.activity.entity.ActivityEntry;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of a company's audit trail in one query, newest first with the id as tie-breaker so
 * that pages never overlap or skip rows. The indexes of V011/V110 serve it: the company's trail by
 * time, by agent, and by entity id (with or without its type); action and actor type only filter
 * what those return.
 */
@Dependent
public class ActivityQueries {

    @PersistenceContext
    EntityManager em;

    /** Null arguments do not filter. */
    public List<ActivityEntry> newestFirst(UUID companyId, UUID agentId, String entityType, String entityId,
                                           String action, ActorType actorType, OffsetDateTime from,
                                           OffsetDateTime until, int offset, int limit) {
        StringBuilder jpql = new StringBuilder("select a from ActivityEntry a where a.companyId = :companyId");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("companyId", companyId);
        where(jpql, parameters, "agentId", agentId);
        where(jpql, parameters, "entityType", entityType);
        where(jpql, parameters, "entityId", entityId);
        where(jpql, parameters, "action", action);
        where(jpql, parameters, "actorType", actorType);
        if (from != null) {
            jpql.append(" and a.createdAt >= :from");
            parameters.put("from", from);
        }
        if (until != null) {
            jpql.append(" and a.createdAt < :until");
            parameters.put("until", until);
        }
        jpql.append(" order by a.createdAt desc, a.id desc");
        TypedQuery<ActivityEntry> query = em.createQuery(jpql.toString(), ActivityEntry.class);
        parameters.forEach(query::setParameter);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    private static void where(StringBuilder jpql, Map<String, Object> parameters, String attribute, Object value) {
        if (value != null) {
            jpql.append(" and a.").append(attribute).append(" = :").append(attribute);
            parameters.put(attribute, value);
        }
    }
}
