package dev.paperclipee.faces;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.company.entity.CompanyStatus;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The companies the global selector offers, read once per request: the template asks for them
 * several times while rendering (menu, labels, empty state).
 */
@RequestScoped
public class SelectableCompanies {

    @Inject
    Companies companies;

    private List<Company> selectable;

    /** All but archived companies, oldest first. */
    public List<Company> of(Actor actor) {
        if (selectable == null) {
            selectable = companies.list(actor).stream().filter(c -> c.getStatus() != CompanyStatus.archived).toList();
        }
        return selectable;
    }

    /** After a company was created, archived or changed in this request: read them again when next asked. */
    public void forget() {
        selectable = null;
    }
}
