package dev.paperclipee.issue.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/**
 * Hands out {@code PREFIX-N} identifiers: one atomic {@code UPDATE … RETURNING} on the company row
 * per issue, so numbers rise by one without gaps or duplicates however many creators race (the
 * row stays locked until the creating transaction ends; a rolled-back creation gives its number
 * back). The unique key {@code (company_id, issue_number)} is the last line of defence.
 */
@Dependent
public class IssueNumbers {

    /** The number an issue gets and the company prefix it is shown with. */
    public record Next(int number, String prefix) {
    }

    @PersistenceContext
    EntityManager em;

    public Next next(UUID companyId) {
        Object[] row = (Object[]) em.createNativeQuery("update companies set issue_counter = issue_counter + 1"
                        + " where id = cast(?1 as uuid) returning issue_counter, issue_prefix")
                .setParameter(1, companyId.toString())
                .getSingleResult();
        return new Next(((Number) row[0]).intValue(), (String) row[1]);
    }
}
