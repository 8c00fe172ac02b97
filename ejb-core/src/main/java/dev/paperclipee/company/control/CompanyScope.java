package dev.paperclipee.company.control;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/**
 * The company boundary check every company-scoped call starts with (spec §16): an agent only
 * reaches its own company (403), and an unknown company is a 404.
 */
@Dependent
public class CompanyScope {

    @PersistenceContext
    EntityManager em;

    /**
     * Locks the company row for the rest of the transaction. Changes to a company's trees (goal
     * parents, agent reporting lines, issue parents) take it before reading the chain they check,
     * so two concurrent edits that would close a loop together run one after the other and the
     * second sees the first (STYLE: "no cycles").
     */
    public Company lock(UUID companyId) {
        Company company = em.find(Company.class, companyId, LockModeType.PESSIMISTIC_WRITE);
        if (company == null) {
            throw NotFoundException.of("Company", companyId);
        }
        return company;
    }

    public Company require(Actor actor, UUID companyId) {
        actor.requireCompany(companyId);
        Company company = em.find(Company.class, companyId);
        if (company == null) {
            throw NotFoundException.of("Company", companyId);
        }
        return company;
    }
}
