package dev.paperclipee.faces.routing;

import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.util.UUID;

/**
 * The ids in the address of the current request ({@code #{boardRoute.companyId}} in a page,
 * {@code @Inject BoardRoute} in a bean). On a page reached without a route they are absent and
 * asking for them is a 404.
 */
@Named
@RequestScoped
public class BoardRoute {

    @Inject
    HttpServletRequest request;

    /** The route of this request, or null. */
    public Route current() {
        return (Route) request.getAttribute(BoardRoutes.ROUTE);
    }

    public boolean isRouted() {
        return current() != null;
    }

    /** {@code {companyId}} of {@code /companies/{companyId}/...}. */
    public UUID getCompanyId() {
        return require().companyId();
    }

    /** {@code {section}} of {@code /companies/{companyId}/{section}...}, e.g. "org", "tasks". */
    public String getSection() {
        return require().section();
    }

    /** {@code {itemId}} of {@code /companies/{companyId}/{section}/{itemId}}: as written in the address. */
    public String getItemId() {
        Route route = require();
        if (route.itemId() == null) {
            throw new NotFoundException("This page needs an item in its address");
        }
        return route.itemId();
    }

    /** The item id as a UUID (an agent's id); a malformed one is a 404. */
    public UUID getItemUuid() {
        String id = getItemId();
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such item: " + id);
        }
    }

    private Route require() {
        Route route = current();
        if (route == null) {
            throw new NotFoundException("This page is only reachable through /companies/{id}/...");
        }
        return route;
    }
}
