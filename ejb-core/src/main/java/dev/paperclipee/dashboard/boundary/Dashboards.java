package dev.paperclipee.dashboard.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.dashboard.control.DashboardQueries;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * The company dashboard (spec §10.8): agent counts by status, issue counts, the month's spend and
 * budget utilization, pending approvals — read live, never cached. The board and the company's
 * agents may read it; another company's agent gets 403, an unknown company 404.
 */
@Stateless
public class Dashboards {

    @Inject
    CompanyScope scope;

    @Inject
    DashboardQueries queries;

    public CompanyDashboard of(Actor actor, UUID companyId) {
        return queries.of(scope.require(actor, companyId));
    }
}
