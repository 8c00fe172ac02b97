package dev.paperclipee.issue.control;

import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.shared.entity.Text;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The issue list query: one SELECT with only the filters given, over the §7.13 indexes
 * ({@code (company_id, status)}, {@code (company_id, assignee_agent_id, status)},
 * {@code (company_id, parent_id)}, {@code (company_id, project_id)}), ordered by issue number so
 * that pages do not shift when issues are edited.
 */
@Dependent
public class IssueSearch {

    @PersistenceContext
    EntityManager em;

    public List<Issue> find(UUID companyId, IssueFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(companyId, filter, params);
        TypedQuery<Issue> query = em.createQuery("select i from Issue i" + where + " order by i.issueNumber desc", Issue.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(filter.offset()).setMaxResults(filter.limit()).getResultList();
    }

    /** How many issues match the filter, all pages together (paging is ignored). */
    public long count(UUID companyId, IssueFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(companyId, filter, params);
        TypedQuery<Long> query = em.createQuery("select count(i) from Issue i" + where, Long.class);
        params.forEach(query::setParameter);
        return query.getSingleResult();
    }

    /** How many issues match the filter in each status (statuses without any are absent). */
    public Map<IssueStatus, Long> countByStatus(UUID companyId, IssueFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(companyId, filter, params);
        TypedQuery<Object[]> query = em.createQuery("select i.status, count(i) from Issue i" + where + " group by i.status",
                Object[].class);
        params.forEach(query::setParameter);
        Map<IssueStatus, Long> counts = new EnumMap<>(IssueStatus.class);
        for (Object[] row : query.getResultList()) {
            counts.put((IssueStatus) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    private static String where(UUID companyId, IssueFilter filter, Map<String, Object> params) {
        StringBuilder jpql = new StringBuilder(" where i.companyId = :companyId");
        params.put("companyId", companyId);
        if (!filter.statuses().isEmpty()) {
            jpql.append(" and i.status in :statuses");
            params.put("statuses", new ArrayList<>(filter.statuses()));
        }
        if (!filter.priorities().isEmpty()) {
            jpql.append(" and i.priority in :priorities");
            params.put("priorities", new ArrayList<>(filter.priorities()));
        }
        if (filter.assigneeAgentId() != null) {
            jpql.append(" and i.assigneeAgentId = :assignee");
            params.put("assignee", filter.assigneeAgentId());
        }
        if (filter.projectId() != null) {
            jpql.append(" and i.projectId = :projectId");
            params.put("projectId", filter.projectId());
        }
        if (filter.parentId() != null) {
            jpql.append(" and i.parentId = :parentId");
            params.put("parentId", filter.parentId());
        }
        if (filter.q() != null) {
            Text.optional("q", filter.q(), IssueFilter.MAX_QUERY);
            jpql.append(" and (lower(i.identifier) like :q escape '\\' or lower(i.title) like :q escape '\\'"
                    + " or lower(i.description) like :q escape '\\')");
            params.put("q", "%" + likeEscaped(filter.q().toLowerCase(Locale.ROOT)) + "%");
        }
        return jpql.toString();
    }

    /** {@code %}, {@code _} and the escape character itself match literally. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
