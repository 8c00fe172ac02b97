package dev.paperclipee.portability.control;

import dev.paperclipee.access.entity.Actor;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where the recurring tasks of a package go on import and come from on export (company-package.md
 * §7): a TASK.md with {@code recurring: true} and its schedule in the sidecar's {@code routines.<slug>}
 * becomes a routine, never a one-off issue. Until routines exist in this schema the default
 * ({@link PackageItemRecurringTasks}) keeps the definitions in {@code company_package_items} so that
 * nothing is lost and an export writes them again; the routines feature replaces it with an
 * {@code @Alternative} that creates routines (paused when they have no assignee).
 */
public interface RecurringTasks {

    /**
     * One recurring task: its package slug and name, description, assignee and project (as ids in the
     * company, null when none; an export may give the slugs instead when it has no ids), and the
     * sidecar's routine fields as read ({@code triggers}, {@code concurrencyPolicy}, …).
     */
    record Definition(String slug, String name, String description, UUID assigneeAgentId, String assigneeSlug,
                      UUID projectId, String projectSlug, Map<String, Object> routine) {
    }

    /** The company's recurring tasks, in slug order. */
    List<Definition> list(UUID companyId);

    /** Stores one, replacing the one with the same slug. */
    void put(Actor actor, UUID companyId, Definition definition);
}
