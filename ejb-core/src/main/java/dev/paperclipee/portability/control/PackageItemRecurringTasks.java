package dev.paperclipee.portability.control;

import dev.paperclipee.access.entity.Actor;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The recurring tasks of packages kept as definitions in {@code company_package_items} (see {@link RecurringTasks}). */
@Dependent
public class PackageItemRecurringTasks implements RecurringTasks {

    @Inject
    PackageItems items;

    @Override
    public List<Definition> list(UUID companyId) {
        return items.list(companyId, PackageItems.RECURRING_TASK).stream().map(i -> new Definition(i.slug(), i.name(), i.body(),
                uuid(i.frontMatter().get("assigneeAgentId")), i.frontMatter().get("assignee") instanceof String s ? s : null,
                uuid(i.frontMatter().get("projectId")), i.frontMatter().get("project") instanceof String s ? s : null,
                i.routine())).toList();
    }

    private static UUID uuid(Object value) {
        return value instanceof String s ? UUID.fromString(s) : null;
    }

    @Override
    public void put(Actor actor, UUID companyId, Definition d) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (d.assigneeSlug() != null) {
            f.put("assignee", d.assigneeSlug());
        }
        if (d.projectSlug() != null) {
            f.put("project", d.projectSlug());
        }
        // the ids: a renamed agent or project keeps its link (the package slug then names another one)
        if (d.assigneeAgentId() != null) {
            f.put("assigneeAgentId", d.assigneeAgentId().toString());
        }
        if (d.projectId() != null) {
            f.put("projectId", d.projectId().toString());
        }
        f.put("recurring", true);
        items.put(companyId, PackageItems.RECURRING_TASK, new PackageItems.Item(d.slug(), d.name(), f, d.description(), d.routine()));
    }
}
