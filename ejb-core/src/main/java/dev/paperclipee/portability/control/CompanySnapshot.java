package dev.paperclipee.portability.control;

import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.portability.entity.PackageProblem;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A company as a {@link PackageModel} (company-package.md §9 "what export strips"): agents that are
 * not terminated, and — when asked — projects and non-hidden issues; skills, teams and recurring
 * tasks from {@code company_package_items}. Database ids never appear: links become slugs, and a link
 * to something left out is dropped with a warning. Secret values, env values whose names look
 * secret, machine paths, the instructions' duplicate in the adapter config and headers that may
 * carry credentials are not exported.
 */
@Dependent
public class CompanySnapshot {

    /** Adapter config keys that are machine- or installation-specific (§9). */
    static final Set<String> STRIPPED_CONFIG = Set.of("env", "cwd", "promptTemplate", "instructionsFilePath",
            "instructionsRootPath", "instructionsEntryFile", "instructionsBundleMode", "skillSync", "skillsDir");
    static final Set<String> PLAIN_HEADERS = Set.of("content-type", "accept", "accept-language", "accept-encoding",
            "content-language", "user-agent", "cache-control");

    public record Options(boolean projects, boolean tasks) {
    }

    public record Snapshot(PackageModel model, List<PackageProblem> warnings) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    PackageItems items;

    @Inject
    RecurringTasks recurringTasks;

    public Snapshot of(Company company, Options options) {
        List<PackageProblem> warnings = new ArrayList<>();
        UUID companyId = company.getId();

        List<Agent> agents = em.createNamedQuery(Agent.BY_COMPANY, Agent.class).setParameter("companyId", companyId)
                .getResultList().stream().filter(a -> a.getStatus() != AgentStatus.terminated).toList();
        Map<UUID, String> agentSlugs = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (Agent a : agents) {
            String slug = Slugs.unique(Slugs.of(a.getName(), "agent"), taken);
            taken.add(slug);
            agentSlugs.put(a.getId(), slug);
        }
        Set<String> requiredSecrets = new java.util.TreeSet<>();
        List<PackageModel.Agent> agentModels = new ArrayList<>();
        for (Agent a : agents) {
            String slug = agentSlugs.get(a.getId());
            String file = "agents/" + slug + "/AGENTS.md";
            String reportsTo = null;
            if (a.getReportsTo() != null) {
                reportsTo = agentSlugs.get(a.getReportsTo());
                if (reportsTo == null) {
                    warnings.add(new PackageProblem(file, 0, "reports to a terminated agent; reportsTo left out"));
                }
            }
            Map<String, Object> config = JsonMaps.map(a.getAdapterConfig());
            Map<String, Object> env = config.get("env") instanceof Map<?, ?> m ? cast(m) : Map.of();
            Object instructions = config.get("promptTemplate");
            Map<String, Object> metadata = JsonMaps.map(a.getMetadata());
            Map<String, Object> pending = metadata.remove(EnvInputs.PENDING) instanceof Map<?, ?> p ? cast(p) : Map.of();
            List<String> skills = metadata.remove("skills") instanceof List<?> l
                    ? l.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
            Map<String, Object> portableConfig = portableConfig(config, file, warnings);
            Map<String, Object> inputs = EnvInputs.declare(env, pending);
            inputs.forEach((key, d) -> {
                if (d instanceof Map<?, ?> decl && "secret".equals(decl.get("kind"))) {
                    requiredSecrets.add(key);
                }
            });
            agentModels.add(new PackageModel.Agent(slug, a.getName(), a.getTitle(), WireEnum.of(a.getRole()), reportsTo, skills,
                    instructions instanceof String s ? s : null, a.getIcon(), a.getCapabilities(), a.getAdapterType(),
                    portableConfig, JsonMaps.map(a.getRuntimeConfig()), a.getBudgetMonthlyCents(),
                    JsonMaps.map(a.getPermissions()), metadata, inputs));
        }

        Map<UUID, String> projectSlugs = new HashMap<>();
        List<PackageModel.Project> projectModels = new ArrayList<>();
        if (options.projects()) {
            taken.clear();
            for (Project p : em.createNamedQuery(Project.BY_COMPANY, Project.class).setParameter("companyId", companyId)
                    .getResultList()) {
                String slug = Slugs.unique(Slugs.of(p.getName(), "project"), taken);
                taken.add(slug);
                projectSlugs.put(p.getId(), slug);
                String owner = p.getLeadAgentId() == null ? null : agentSlugs.get(p.getLeadAgentId());
                Map<String, Object> env = JsonMaps.map(p.getEnv());
                projectModels.add(new PackageModel.Project(slug, p.getName(), p.getDescription(), owner, WireEnum.of(p.getStatus()),
                        p.getTargetDate() == null ? null : p.getTargetDate().toString(), EnvInputs.declare(env, Map.of())));
            }
        }

        List<PackageModel.Task> taskModels = new ArrayList<>();
        taken.clear();
        List<RecurringTasks.Definition> recurring = recurringTasks.list(companyId);
        recurring.forEach(r -> taken.add(r.slug()));
        if (options.tasks()) {
            List<Issue> issues = em.createQuery("select i from Issue i where i.companyId = :c and i.hiddenAt is null"
                    + " order by i.issueNumber", Issue.class).setParameter("c", companyId).getResultList();
            Map<UUID, String> issueSlugs = new LinkedHashMap<>();
            for (Issue i : issues) {
                String slug = Slugs.unique(Slugs.of(i.getTitle(), "task"), taken);
                taken.add(slug);
                issueSlugs.put(i.getId(), slug);
            }
            for (Issue i : issues) {
                String slug = issueSlugs.get(i.getId());
                String file = "tasks/" + slug + "/TASK.md";
                String assignee = i.getAssigneeAgentId() == null ? null : agentSlugs.get(i.getAssigneeAgentId());
                if (i.getAssigneeUserId() != null) {
                    warnings.add(new PackageProblem(file, 0, "assigned to a board user; the assignee is left out"));
                } else if (i.getAssigneeAgentId() != null && assignee == null) {
                    warnings.add(new PackageProblem(file, 0, "assigned to a terminated agent; the assignee is left out"));
                }
                String project = null;
                if (i.getProjectId() != null) {
                    project = projectSlugs.get(i.getProjectId());
                    if (project == null) {
                        warnings.add(new PackageProblem(file, 0, "its project is not exported (projects are opt-in); left out"));
                    }
                }
                String parent = i.getParentId() == null ? null : issueSlugs.get(i.getParentId());
                if (i.getParentId() != null && parent == null) {
                    warnings.add(new PackageProblem(file, 0, "its parent issue is hidden; parent left out"));
                }
                taskModels.add(new PackageModel.Task(slug, i.getTitle(), i.getDescription(), assignee, project, false,
                        WireEnum.of(i.getStatus()), WireEnum.of(i.getPriority()), parent, i.getBillingCode(), Map.of()));
            }
        }
        for (RecurringTasks.Definition r : recurring) {
            String assignee = r.assigneeAgentId() != null ? agentSlugs.get(r.assigneeAgentId())
                    : r.assigneeSlug() != null && agentSlugs.containsValue(r.assigneeSlug()) ? r.assigneeSlug() : null;
            String project = r.projectId() != null ? projectSlugs.get(r.projectId())
                    : r.projectSlug() != null && projectSlugs.containsValue(r.projectSlug()) ? r.projectSlug() : null;
            taskModels.add(new PackageModel.Task(r.slug(), r.name(), r.description(), assignee, project, true, null, null, null,
                    null, r.routine()));
        }

        List<PackageModel.Skill> skills = items.list(companyId, PackageItems.SKILL).stream()
                .map(i -> {
                    Map<String, Object> extra = new LinkedHashMap<>(i.frontMatter());
                    Object description = extra.remove("description");
                    return new PackageModel.Skill(i.slug(), i.name(), description instanceof String s ? s : null, i.body(), extra);
                }).toList();
        List<PackageModel.Team> teams = items.list(companyId, PackageItems.TEAM).stream()
                .map(i -> new PackageModel.Team(i.slug(), i.name(), i.frontMatter().get("description") instanceof String s ? s : null,
                        i.frontMatter().get("manager") instanceof String s ? s : null,
                        i.frontMatter().get("includes") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(),
                        i.body())).toList();

        PackageModel.Company c = new PackageModel.Company(Slugs.of(company.getName(), "company"), company.getName(),
                company.getDescription(), List.copyOf(requiredSecrets), company.isRequireBoardApprovalForNewAgents(),
                company.getBrandColor(), company.getBudgetMonthlyCents());
        return new Snapshot(new PackageModel(c, agentModels, projectModels, taskModels, skills, teams), warnings);
    }

    /** The adapter config without what is machine-specific or secret (§9), warning what was left out. */
    static Map<String, Object> portableConfig(Map<String, Object> config, String file, List<PackageProblem> warnings) {
        Map<String, Object> portable = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (STRIPPED_CONFIG.contains(key)) {
                return;
            }
            if (key.equals("headers") && value instanceof Map<?, ?> headers) {
                Map<String, Object> plain = new LinkedHashMap<>();
                headers.forEach((name, v) -> {
                    if (PLAIN_HEADERS.contains(String.valueOf(name).toLowerCase(java.util.Locale.ROOT))) {
                        plain.put(String.valueOf(name), v);
                    } else {
                        warnings.add(new PackageProblem(file, 0, "adapter header " + name + " may carry credentials; not exported"));
                    }
                });
                if (!plain.isEmpty()) {
                    portable.put(key, plain);
                }
                return;
            }
            if (value instanceof String s && EnvInputs.isAbsolutePath(s)) {
                if (key.equals("command")) {
                    portable.put(key, s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1));
                    warnings.add(new PackageProblem(file, 0, "adapter command " + s + " is a machine path; exported as its file name"));
                } else {
                    warnings.add(new PackageProblem(file, 0, "adapter config " + key + " is a machine path; not exported"));
                }
                return;
            }
            portable.put(key, value);
        });
        return portable;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
