package dev.paperclipee.portability.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a {@link PackageModel} into the files of a package, paths relative to its root
 * (company-package.md §2, §3, §5): vendor-neutral markdown with front matter, and everything
 * Paperclip-specific in {@code .paperclip.yaml}. Empty and default-valued fields are left out; entries
 * are in slug order, so the same model always gives the same bytes.
 */
public final class PackageWriter {

    public static final String SCHEMA = "agentcompanies/v1";
    public static final String SIDECAR = ".paperclip.yaml";
    public static final String SIDECAR_SCHEMA = "paperclip/v1";
    public static final int SIDECAR_VERSION = 7;

    private PackageWriter() {
    }

    public static SortedMap<String, String> write(PackageModel model) {
        SortedMap<String, String> files = new TreeMap<>();
        PackageModel.Company company = model.company();
        Map<String, Object> front = new LinkedHashMap<>();
        front.put("name", company.name());
        front.put("description", blankToNull(company.description()));
        front.put("slug", company.slug());
        front.put("schema", SCHEMA);
        if (company.requiredSecrets() != null && !company.requiredSecrets().isEmpty()) {
            front.put("requirements", Map.of("secrets", company.requiredSecrets().stream().sorted().toList()));
        }
        files.put("COMPANY.md", MarkdownFile.render(front, null));

        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("schema", SIDECAR_SCHEMA);
        sidecar.put("schemaVersion", SIDECAR_VERSION);
        Map<String, Object> companySection = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(company.requireBoardApprovalForNewAgents())) {
            companySection.put("requireBoardApprovalForNewAgents", true);
        }
        putIf(companySection, "brandColor", company.brandColor());
        if (company.budgetMonthlyCents() > 0) {
            companySection.put("budgetMonthlyCents", company.budgetMonthlyCents());
        }
        if (!companySection.isEmpty()) {
            sidecar.put("company", companySection);
        }

        List<PackageModel.Agent> agents = sorted(model.agents(), PackageModel.Agent::slug);
        List<PackageModel.Project> projects = sorted(model.projects(), PackageModel.Project::slug);
        Map<String, Object> sidebar = new LinkedHashMap<>();
        if (!agents.isEmpty()) {
            sidebar.put("agents", agents.stream().map(PackageModel.Agent::slug).toList());
        }
        if (!projects.isEmpty()) {
            sidebar.put("projects", projects.stream().map(PackageModel.Project::slug).toList());
        }
        if (!sidebar.isEmpty()) {
            sidecar.put("sidebar", sidebar);
        }

        Map<String, Object> agentSection = new LinkedHashMap<>();
        for (PackageModel.Agent a : agents) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", a.name());
            f.put("title", blankToNull(a.title()));
            f.put("reportsTo", a.reportsTo());
            if (a.skills() != null && !a.skills().isEmpty()) {
                f.put("skills", a.skills());
            }
            files.put("agents/" + a.slug() + "/AGENTS.md", MarkdownFile.render(f, a.instructions()));
            Map<String, Object> s = new LinkedHashMap<>();
            if (a.role() != null && !a.role().equals("general")) {
                s.put("role", a.role());
            }
            putIf(s, "icon", a.icon());
            putIf(s, "capabilities", a.capabilities());
            Map<String, Object> adapter = new LinkedHashMap<>();
            adapter.put("type", a.adapterType());
            if (a.adapterConfig() != null && !a.adapterConfig().isEmpty()) {
                adapter.put("config", a.adapterConfig());
            }
            s.put("adapter", adapter);
            putIfNotEmpty(s, "runtime", a.runtimeConfig());
            putIfNotEmpty(s, "permissions", a.permissions());
            if (a.budgetMonthlyCents() > 0) {
                s.put("budgetMonthlyCents", a.budgetMonthlyCents());
            }
            putIfNotEmpty(s, "metadata", a.metadata());
            if (a.envInputs() != null && !a.envInputs().isEmpty()) {
                s.put("inputs", Map.of("env", new TreeMap<>(a.envInputs())));
            }
            agentSection.put(a.slug(), s);
        }
        if (!agentSection.isEmpty()) {
            sidecar.put("agents", agentSection);
        }

        Map<String, Object> projectSection = new LinkedHashMap<>();
        for (PackageModel.Project p : projects) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", p.name());
            f.put("owner", p.owner());
            files.put("projects/" + p.slug() + "/PROJECT.md", MarkdownFile.render(f, p.description()));
            Map<String, Object> s = new LinkedHashMap<>();
            if (p.status() != null && !p.status().equals("backlog")) {
                s.put("status", p.status());
            }
            putIf(s, "targetDate", p.targetDate());
            if (p.envInputs() != null && !p.envInputs().isEmpty()) {
                s.put("inputs", Map.of("env", new TreeMap<>(p.envInputs())));
            }
            if (!s.isEmpty()) {
                projectSection.put(p.slug(), s);
            }
        }
        if (!projectSection.isEmpty()) {
            sidecar.put("projects", projectSection);
        }

        Map<String, Object> taskSection = new LinkedHashMap<>();
        Map<String, Object> routineSection = new LinkedHashMap<>();
        for (PackageModel.Task t : sorted(model.tasks(), PackageModel.Task::slug)) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", t.name());
            f.put("assignee", t.assignee());
            f.put("project", t.project());
            if (t.recurring()) {
                f.put("recurring", true);
            }
            files.put("tasks/" + t.slug() + "/TASK.md", MarkdownFile.render(f, t.description()));
            if (t.recurring()) {
                if (t.routine() != null && !t.routine().isEmpty()) {
                    routineSection.put(t.slug(), t.routine());
                }
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            putIf(s, "status", t.status());
            if (t.priority() != null && !t.priority().equals("medium")) {
                s.put("priority", t.priority());
            }
            putIf(s, "parent", t.parent());
            putIf(s, "billingCode", t.billingCode());
            if (!s.isEmpty()) {
                taskSection.put(t.slug(), s);
            }
        }
        if (!taskSection.isEmpty()) {
            sidecar.put("tasks", taskSection);
        }
        if (!routineSection.isEmpty()) {
            sidecar.put("routines", routineSection);
        }

        for (PackageModel.Skill k : sorted(model.skills(), PackageModel.Skill::slug)) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", k.name());
            f.put("description", blankToNull(k.description()));
            f.put("slug", k.slug());
            if (k.extra() != null) {
                k.extra().forEach(f::putIfAbsent);
            }
            files.put("skills/" + k.slug() + "/SKILL.md", MarkdownFile.render(f, k.body()));
        }
        for (PackageModel.Team t : sorted(model.teams(), PackageModel.Team::slug)) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", t.name());
            f.put("description", blankToNull(t.description()));
            f.put("slug", t.slug());
            f.put("manager", t.manager());
            if (t.includes() != null && !t.includes().isEmpty()) {
                f.put("includes", t.includes());
            }
            files.put("teams/" + t.slug() + "/TEAM.md", MarkdownFile.render(f, t.body()));
        }
        files.put(SIDECAR, Yaml.emit(sidecar));
        return files;
    }

    private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> slug) {
        List<T> copy = new ArrayList<>(items == null ? List.of() : items);
        copy.sort(Comparator.comparing(slug));
        return copy;
    }

    private static void putIf(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static void putIfNotEmpty(Map<String, Object> map, String key, Map<String, Object> value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
