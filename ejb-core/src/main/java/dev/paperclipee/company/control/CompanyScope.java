package dev.paperclipee.company.control;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
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

    public Company require(Actor actor, UUID companyId) {
        actor.requireCompany(companyId);
        Company company = em.find(Company.class, companyId);
        if (company == null) {
            throw NotFoundException.of("Company", companyId);
        }
        return company;
    }
}
