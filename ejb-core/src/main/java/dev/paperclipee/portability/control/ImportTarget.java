package dev.paperclipee.portability.control;

import java.util.UUID;

/**
 * Where an import goes and how collisions are settled (company-package.md §10): a new company
 * (named after the package unless {@code newCompanyName}) or an existing one; {@code collisionStrategy}
 * {@code rename} (default), {@code skip} or {@code replace}; projects and tasks of the package are
 * imported unless left out.
 */
public record ImportTarget(UUID existingCompanyId, String newCompanyName, String collisionStrategy, boolean projects,
                           boolean tasks) {

    public boolean newCompany() {
        return existingCompanyId == null;
    }
}
