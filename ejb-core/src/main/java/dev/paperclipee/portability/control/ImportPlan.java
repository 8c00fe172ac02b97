package dev.paperclipee.portability.control;

import dev.paperclipee.portability.entity.PackageProblem;

import java.util.List;
import java.util.UUID;

/**
 * What an import will do (the preview) or did (the report), company-package.md §10: per part of the
 * package the action — {@code create}, {@code rename} (a new one under {@code plannedName}, because
 * the slug is taken), {@code skip} (the existing one stays and is what links resolve to) or
 * {@code replace} (the existing one is overwritten) — and every problem. Errors mean nothing will be
 * (or was) changed.
 */
public record ImportPlan(String companyAction, String companyName, UUID companyId, List<Step> agents, List<Step> projects,
                         List<Step> tasks, List<Step> skills, List<Step> teams, List<String> envInputsWithoutValue,
                         List<PackageProblem> errors, List<PackageProblem> warnings) {

    public static final String CREATE = "create";
    public static final String RENAME = "rename";
    public static final String SKIP = "skip";
    public static final String REPLACE = "replace";

    /**
     * One part: its slug in the package, the action, the name (and slug) it will have, the existing
     * one it collides with (null when none), and why.
     */
    public record Step(String slug, String action, String plannedName, String plannedSlug, UUID existingId, String reason) {
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
