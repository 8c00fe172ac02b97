package dev.paperclipee.faces;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.DeploymentMode;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.company.entity.Company;

import dev.paperclipee.faces.routing.BoardLinks;
import dev.paperclipee.faces.routing.BoardRoute;
import dev.paperclipee.faces.routing.Route;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * The operator's session: who they are and which company the global selector shows. In
 * {@code local_trusted} mode the operator is the implicit local board user.
 */
@Named
@SessionScoped
public class BoardSession implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SelectableCompanies selectable;

    @Inject
    BoardRoute route;

    @Inject
    BoardLinks links;

    private UUID selectedCompanyId;

    /**
     * The board user of this request, as the authentication mechanism established it (a logged-in
     * session in {@code authenticated} mode), or the implicit local board in {@code local_trusted}
     * mode. Without either the page was reached without logging in: refused.
     */
    public Actor actor() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Object actor = faces == null ? null : faces.getExternalContext().getRequestMap().get(Actor.REQUEST_ATTRIBUTE);
        if (actor instanceof Actor board && board.isBoard()) {
            return board;
        }
        if (DeploymentMode.current().isLocalTrusted()) {
            return Actor.localBoard();
        }
        throw new ForbiddenException("Log in to use the board");
    }

    /** Whether a logged-out link makes sense: a real board user logged in (not the implicit local board). */
    public boolean isLoggedIn() {
        return !DeploymentMode.current().isLocalTrusted();
    }

    /** Companies for the global selector: all but archived ones, oldest first. */
    public List<Company> getSelectableCompanies() {
        return selectable.of(actor());
    }

    /** The selected company, falling back to the first selectable one; null when there is none. */
    public Company getSelectedCompany() {
        List<Company> choices = getSelectableCompanies();
        return choices.stream()
                .filter(c -> c.getId().equals(selectedCompanyId))
                .findFirst()
                .orElse(choices.isEmpty() ? null : choices.get(0));
    }

    public String getSelectedCompanyId() {
        Company selected = getSelectedCompany();
        return selected == null ? null : selected.getId().toString();
    }

    public void setSelectedCompanyId(String id) {
        this.selectedCompanyId = id == null || id.isBlank() ? null : UUID.fromString(id);
    }

    /**
     * After the global selector changed: a page of one company ({@code /companies/{id}/tasks})
     * shows the same page of the newly selected one; any other page is shown again.
     */
    public void companySwitched() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        Route route = this.route.current();
        String target;
        if (route != null) {
            target = getSelectedCompanyId() == null ? links.companies() : links.page(getSelectedCompanyId(), route.section());
        } else {
            String viewId = FacesContext.getCurrentInstance().getViewRoot().getViewId();
            target = external.getRequestContextPath()
                    + (viewId.equals("/index.xhtml") ? "/" : viewId.replaceFirst("\\.xhtml$", ""));
        }
        external.redirect(target);
    }

    /** The companies changed in this request (created, archived, renamed): the selector reads them again. */
    public void companiesChanged() {
        selectable.forget();
    }

    public void select(UUID companyId) {
        this.selectedCompanyId = companyId;
    }
}
