package dev.paperclipee.faces;

import dev.paperclipee.company.entity.Company;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/** {@code /}: the selected company at a glance. */
@Named
@ViewScoped
public class Dashboard implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    BoardSession session;

    private Company company;

    @PostConstruct
    void load() {
        company = session.getSelectedCompany();
    }

    public Company getCompany() {
        return company;
    }
}
