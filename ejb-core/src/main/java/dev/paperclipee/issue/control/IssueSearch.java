package dev.paperclipee.issue.control;

import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.shared.entity.Text;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
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
        StringBuilder jpql = new StringBuilder("select i from Issue i where i.companyId = :companyId");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("companyId", companyId);
        if (!filter.statuses().isEmpty()) {
            jpql.append(" and i.status in :statuses");
            params.put("statuses", new ArrayList<>(filter.statuses()));
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
        jpql.append(" order by i.issueNumber desc");
        TypedQuery<Issue> query = em.createQuery(jpql.toString(), Issue.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(filter.offset()).setMaxResults(filter.limit()).getResultList();
    }

    /** {@code %}, {@code _} and the escape character itself match literally. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
