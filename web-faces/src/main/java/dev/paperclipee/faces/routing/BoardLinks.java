package dev.paperclipee.faces.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

import java.util.UUID;

/**
 * Addresses of board pages, context path included, for {@code <a href>} and
 * {@code p:linkButton href}: {@code #{links.org(c.id)}}, {@code #{links.agent(companyId, a.id)}},
 * {@code #{links.page(companyId, 'tasks')}}, {@code #{links.item(companyId, 'tasks', 'ACME-12')}}.
 * A null company id (nothing selected yet) leads to the companies page.
 */
@Named("links")
@ApplicationScoped
public class BoardLinks {

    public String dashboard() {
        return root() + "/";
    }

    public String companies() {
        return root() + "/companies";
    }

    public String page(Object companyId, String section) {
        return companyId == null ? companies() : root() + new Route(uuid(companyId), section, null).path();
    }

    public String item(Object companyId, String section, Object itemId) {
        if (companyId == null) {
            return companies();
        }
        return itemId == null ? page(companyId, section)
                : root() + new Route(uuid(companyId), section, itemId.toString()).path();
    }

    public String org(Object companyId) {
        return page(companyId, "org");
    }

    public String agents(Object companyId) {
        return page(companyId, "agents");
    }

    public String agent(Object companyId, Object agentId) {
        return item(companyId, "agents", agentId);
    }

    public String tasks(Object companyId) {
        return page(companyId, "tasks");
    }

    public String task(Object companyId, Object issueIdOrIdentifier) {
        return item(companyId, "tasks", issueIdOrIdentifier);
    }

    public String costs(Object companyId) {
        return page(companyId, "costs");
    }

    public String approvals(Object companyId) {
        return page(companyId, "approvals");
    }

    public String activity(Object companyId) {
        return page(companyId, "activity");
    }

    private static UUID uuid(Object id) {
        return id instanceof UUID u ? u : UUID.fromString(id.toString());
    }

    private static String root() {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
    }
}
