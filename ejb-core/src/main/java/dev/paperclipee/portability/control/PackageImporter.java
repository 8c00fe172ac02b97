package dev.paperclipee.portability.control;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.agent.boundary.AgentChanges;
import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.control.Hiring;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.agent.entity.HeartbeatPolicy;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.goal.control.GoalTree;
import dev.paperclipee.issue.control.IssueNumbers;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssuePriority;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.portability.entity.PackageProblem;
import dev.paperclipee.project.boundary.ProjectChanges;
import dev.paperclipee.project.boundary.ProjectDraft;
import dev.paperclipee.project.boundary.Projects;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.project.entity.ProjectStatus;
import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.DomainException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Plans and applies an import (company-package.md §10). The plan matches each part of the package
 * by slug against the target company (the slug of an existing agent, project or issue is that of its
 * name or title) and settles collisions by the strategy. Applying goes through the boundaries that
 * create companies, agents and projects, so their rules and activity entries apply; it runs in the
 * caller's transaction, which a refusal rolls back whole. Imported agents never get a timer
 * ({@code runtimeConfig.heartbeat.enabled = false}); imported issues are created without waking
 * their assignees, and one that was {@code in_progress} comes back as {@code todo} (no run holds it).
 */
@Dependent
public class PackageImporter {

    @PersistenceContext
    EntityManager em;

    @Inject
    Hiring hiring;

    @Inject
    Companies companies;

    @Inject
    Agents agents;

    @Inject
    Projects projects;

    @Inject
    IssueNumbers numbers;

    @Inject
    GoalTree goals;

    @Inject
    PackageItems items;

    @Inject
    ActivityLog activity;

    @Inject
    RecurringTasks recurringTasks;

    /** What exists in the target company, by slug. */
    record Existing(Map<String, UUID> agents, Map<String, String> agentNames, Map<String, UUID> projects,
                    Map<String, String> projectNames, Map<String, UUID> tasks, Map<String, String> taskNames,
                    Map<String, Set<String>> items) {

        static Existing none() {
            return new Existing(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
        }
    }

    public ImportPlan plan(PackageReader.Result read, ImportTarget target) {
        List<PackageProblem> errors = new ArrayList<>(read.errors());
        List<PackageProblem> warnings = new ArrayList<>(read.warnings());
        PackageModel model = read.model();
        if (model == null) {
            return new ImportPlan("none", null, target.existingCompanyId(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), errors, warnings);
        }
        Existing existing;
        String companyAction;
        String companyName;
        if (target.newCompany()) {
            companyAction = ImportPlan.CREATE;
            companyName = uniqueCompanyName(target.newCompanyName() == null || target.newCompanyName().isBlank()
                    ? model.company().name() : target.newCompanyName().strip());
            existing = Existing.none();
        } else {
            companyAction = "none";
            Company company = em.find(Company.class, target.existingCompanyId());
            companyName = company.getName();
            existing = existing(company.getId());
        }
        String strategy = target.collisionStrategy();

        List<ImportPlan.Step> agentSteps = steps(model.agents(), PackageModel.Agent::slug, PackageModel.Agent::name,
                existing.agents(), existing.agentNames(), strategy);
        for (PackageModel.Agent a : model.agents()) {
            try {
                hiring.check(UUID.randomUUID(), draft(a, null));
            } catch (DomainException e) {
                errors.add(new PackageProblem(PackageWriter.SIDECAR, 0, "agents." + a.slug() + ": " + e.getMessage()
                        + (e.details() == null ? "" : " " + e.details())));
            }
        }
        List<ImportPlan.Step> projectSteps = List.of();
        if (target.projects()) {
            projectSteps = steps(model.projects(), PackageModel.Project::slug, PackageModel.Project::name,
                    existing.projects(), existing.projectNames(), strategy);
            for (PackageModel.Project p : model.projects()) {
                try {
                    new Project(UUID.randomUUID(), p.name(), p.description(), WireEnum.parse(ProjectStatus.class, "status", p.status()));
                } catch (DomainException e) {
                    errors.add(new PackageProblem("projects/" + p.slug() + "/PROJECT.md", 0, e.getMessage() + details(e)));
                }
            }
        }
        List<PackageModel.Task> oneOff = model.tasks().stream().filter(t -> !t.recurring()).toList();
        List<PackageModel.Task> recurring = model.tasks().stream().filter(PackageModel.Task::recurring).toList();
        List<ImportPlan.Step> taskSteps = new ArrayList<>();
        if (target.tasks()) {
            taskSteps.addAll(steps(oneOff, PackageModel.Task::slug, PackageModel.Task::name, existing.tasks(),
                    existing.taskNames(), strategy));
            for (PackageModel.Task t : oneOff) {
                try {
                    Text.required("title", t.name(), Text.SHORT);
                    Text.optional("description", t.description(), Text.LONG);
                    Text.optional("billingCode", t.billingCode(), Text.NAME);
                } catch (InvalidInputException e) {
                    errors.add(new PackageProblem("tasks/" + t.slug() + "/TASK.md", 0, e.getMessage() + details(e)));
                }
                if (t.project() != null && !target.projects()) {
                    warnings.add(new PackageProblem("tasks/" + t.slug() + "/TASK.md", 0,
                            "projects are not imported; the task's project is left out"));
                }
                if ("done".equals(t.status()) && t.assignee() == null) {
                    warnings.add(new PackageProblem("tasks/" + t.slug() + "/TASK.md", 0,
                            "done without an assignee cannot be recreated; imported as cancelled"));
                }
            }
            taskSteps.addAll(itemSteps(recurring, PackageModel.Task::slug, PackageModel.Task::name,
                    existing.items().getOrDefault(PackageItems.RECURRING_TASK, Set.of()), strategy));
            if (!recurring.isEmpty()) {
                warnings.add(new PackageProblem(PackageWriter.SIDECAR, 0, recurring.size() + " recurring task(s) are kept as"
                        + " routine definitions; they run once routines are enabled for the company"));
            }
        }
        List<ImportPlan.Step> skillSteps = itemSteps(model.skills(), PackageModel.Skill::slug, PackageModel.Skill::name,
                existing.items().getOrDefault(PackageItems.SKILL, Set.of()), strategy);
        List<ImportPlan.Step> teamSteps = itemSteps(model.teams(), PackageModel.Team::slug, PackageModel.Team::name,
                existing.items().getOrDefault(PackageItems.TEAM, Set.of()), strategy);

        Set<String> withoutValue = new TreeSet<>();
        for (PackageModel.Agent a : model.agents()) {
            EnvInputs.unbound(a.envInputs()).keySet().forEach(k -> withoutValue.add("agent:" + a.slug() + ":" + k));
        }
        if (target.projects()) {
            for (PackageModel.Project p : model.projects()) {
                EnvInputs.unbound(p.envInputs()).keySet().forEach(k -> withoutValue.add("project:" + p.slug() + ":" + k));
            }
        }
        if (!withoutValue.isEmpty()) {
            warnings.add(new PackageProblem(PackageWriter.SIDECAR, 0, "env inputs without a value (set them after the import,"
                    + " as company secrets or env bindings): " + String.join(", ", withoutValue)));
        }
        return new ImportPlan(companyAction, companyName, target.existingCompanyId(), agentSteps, projectSteps, taskSteps,
                skillSteps, teamSteps, List.copyOf(withoutValue), errors, warnings);
    }

    private static String details(DomainException e) {
        return e.details() == null ? "" : " " + e.details();
    }

    private String uniqueCompanyName(String name) {
        Set<String> names = new HashSet<>(em.createQuery("select c.name from Company c", String.class).getResultList());
        if (!names.contains(name)) {
            return name;
        }
        for (int n = 2; ; n++) {
            String candidate = name + " (" + n + ")";
            if (!names.contains(candidate)) {
                return candidate;
            }
        }
    }

    private Existing existing(UUID companyId) {
        Map<String, UUID> agentIds = new LinkedHashMap<>();
        Map<String, String> agentNames = new HashMap<>();
        for (Agent a : em.createNamedQuery(Agent.BY_COMPANY, Agent.class).setParameter("companyId", companyId).getResultList()) {
            if (a.getStatus() != AgentStatus.terminated && agentIds.putIfAbsent(Slugs.of(a.getName(), "agent"), a.getId()) == null) {
                agentNames.put(Slugs.of(a.getName(), "agent"), a.getName());
            }
        }
        Map<String, UUID> projectIds = new LinkedHashMap<>();
        Map<String, String> projectNames = new HashMap<>();
        for (Project p : em.createNamedQuery(Project.BY_COMPANY, Project.class).setParameter("companyId", companyId).getResultList()) {
            if (projectIds.putIfAbsent(Slugs.of(p.getName(), "project"), p.getId()) == null) {
                projectNames.put(Slugs.of(p.getName(), "project"), p.getName());
            }
        }
        Map<String, UUID> taskIds = new LinkedHashMap<>();
        Map<String, String> taskNames = new HashMap<>();
        for (Object[] row : em.createQuery("select i.id, i.title from Issue i where i.companyId = :c and i.hiddenAt is null"
                + " order by i.issueNumber", Object[].class).setParameter("c", companyId).getResultList()) {
            String slug = Slugs.of((String) row[1], "task");
            if (taskIds.putIfAbsent(slug, (UUID) row[0]) == null) {
                taskNames.put(slug, (String) row[1]);
            }
        }
        Map<String, Set<String>> itemSlugs = new HashMap<>();
        for (String kind : List.of(PackageItems.SKILL, PackageItems.TEAM)) {
            Set<String> slugs = new HashSet<>();
            items.list(companyId, kind).forEach(i -> slugs.add(i.slug()));
            itemSlugs.put(kind, slugs);
        }
        Set<String> recurring = new HashSet<>();
        recurringTasks.list(companyId).forEach(r -> recurring.add(r.slug()));
        itemSlugs.put(PackageItems.RECURRING_TASK, recurring);
        return new Existing(agentIds, agentNames, projectIds, projectNames, taskIds, taskNames, itemSlugs);
    }

    private static <T> List<ImportPlan.Step> steps(List<T> parts, Function<T, String> slugOf, Function<T, String> nameOf,
                                                   Map<String, UUID> existing, Map<String, String> existingNames, String strategy) {
        Set<String> taken = new HashSet<>(existing.keySet());
        parts.forEach(p -> taken.add(slugOf.apply(p)));
        List<ImportPlan.Step> steps = new ArrayList<>();
        for (T part : parts) {
            String slug = slugOf.apply(part);
            String name = nameOf.apply(part);
            UUID collision = existing.get(slug);
            if (collision == null) {
                steps.add(new ImportPlan.Step(slug, ImportPlan.CREATE, name, slug, null, null));
                continue;
            }
            String existingName = existingNames.get(slug);
            switch (strategy) {
                case ImportPlan.SKIP -> steps.add(new ImportPlan.Step(slug, ImportPlan.SKIP, existingName, slug, collision,
                        "'" + existingName + "' already has the slug " + slug + "; it stays as it is"));
                case ImportPlan.REPLACE -> steps.add(new ImportPlan.Step(slug, ImportPlan.REPLACE, existingName, slug, collision,
                        "'" + existingName + "' already has the slug " + slug + "; it is overwritten"));
                default -> {
                    String planned = renamed(slug, taken);
                    taken.add(planned);
                    String suffix = planned.substring(slug.length() + 1);
                    steps.add(new ImportPlan.Step(slug, ImportPlan.RENAME, name + " " + suffix, planned, collision,
                            "'" + existingName + "' already has the slug " + slug));
                }
            }
        }
        return steps;
    }

    private static String renamed(String slug, Set<String> taken) {
        for (int n = 2; ; n++) {
            String candidate = slug + "-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static <T> List<ImportPlan.Step> itemSteps(List<T> parts, Function<T, String> slugOf, Function<T, String> nameOf,
                                                       Set<String> existing, String strategy) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        existing.forEach(s -> {
            ids.put(s, new UUID(0, 0));
            names.put(s, s);
        });
        return steps(parts, slugOf, nameOf, ids, names, strategy).stream()
                .map(s -> new ImportPlan.Step(s.slug(), s.action(), s.plannedName(), s.plannedSlug(), null, s.reason()))
                .toList();
    }

    // ---- applying -------------------------------------------------------------------------------

    /**
     * Applies a plan without errors in the caller's transaction; answers the company imported into.
     * Any refusal on the way is thrown and rolls everything back.
     */
    public UUID apply(Actor actor, ImportPlan plan, PackageModel model, ImportTarget target) {
        UUID companyId;
        if (target.newCompany()) {
            PackageModel.Company c = model.company();
            Company company = companies.create(actor, new CompanyDraft(plan.companyName(), c.description(),
                    c.budgetMonthlyCents() > 0 ? c.budgetMonthlyCents() : null, c.requireBoardApprovalForNewAgents()));
            if (c.brandColor() != null) {
                companies.brand(actor, company.getId(), c.brandColor(), null);
            }
            companyId = company.getId();
        } else {
            companyId = target.existingCompanyId();
        }

        Map<String, UUID> agentIds = new HashMap<>();
        Map<String, PackageModel.Agent> agentsBySlug = new HashMap<>();
        model.agents().forEach(a -> agentsBySlug.put(a.slug(), a));
        List<String> wire = new ArrayList<>();
        for (ImportPlan.Step step : plan.agents()) {
            PackageModel.Agent a = agentsBySlug.get(step.slug());
            switch (step.action()) {
                case ImportPlan.SKIP -> agentIds.put(a.slug(), step.existingId());
                case ImportPlan.REPLACE -> {
                    AgentDraft d = draft(a, null);
                    agents.update(actor, step.existingId(), new AgentChanges(null, d.role(), Change.to(d.title()),
                            Change.to(d.icon()), Change.to(d.capabilities()), null, null, d.adapterType(),
                            Change.to(d.adapterConfig()), Change.to(d.runtimeConfig()), d.budgetMonthlyCents(),
                            Change.to(d.permissions()), Change.to(d.metadata())));
                    agentIds.put(a.slug(), step.existingId());
                    wire.add(a.slug());
                }
                default -> {
                    AgentDraft d = draft(a, step.plannedName());
                    agentIds.put(a.slug(), agents.create(actor, companyId, d).getId());
                    wire.add(a.slug());
                }
            }
        }
        // reportsTo once every agent exists (§10: "wired after all agents exist")
        for (String slug : wire) {
            PackageModel.Agent a = agentsBySlug.get(slug);
            UUID manager = a.reportsTo() == null ? null : agentIds.get(a.reportsTo());
            Agent current = em.find(Agent.class, agentIds.get(slug));
            if (!java.util.Objects.equals(current.getReportsTo(), manager)) {
                agents.update(actor, current.getId(), new AgentChanges(null, null, null, null, null,
                        manager == null ? Change.clear() : Change.to(manager), null, null, null, null, null, null, null));
            }
        }

        Map<String, UUID> projectIds = new HashMap<>();
        if (target.projects()) {
            Map<String, PackageModel.Project> bySlug = new HashMap<>();
            model.projects().forEach(p -> bySlug.put(p.slug(), p));
            for (ImportPlan.Step step : plan.projects()) {
                PackageModel.Project p = bySlug.get(step.slug());
                UUID lead = p.owner() == null ? null : agentIds.get(p.owner());
                LocalDate targetDate = p.targetDate() == null ? null : LocalDate.parse(p.targetDate());
                JsonObject env = p.envInputs().isEmpty() ? null : JsonMaps.object(EnvInputs.bindings(p.envInputs()));
                switch (step.action()) {
                    case ImportPlan.SKIP -> projectIds.put(p.slug(), step.existingId());
                    case ImportPlan.REPLACE -> {
                        projects.update(actor, step.existingId(), new ProjectChanges(null, p.description() == null ? "" : p.description(),
                                p.status() == null ? "backlog" : p.status(), null, lead == null ? Change.clear() : Change.to(lead),
                                targetDate == null ? Change.clear() : Change.to(targetDate), env == null ? Change.clear() : Change.to(env)));
                        projectIds.put(p.slug(), step.existingId());
                    }
                    default -> projectIds.put(p.slug(), projects.create(actor, companyId, new ProjectDraft(step.plannedName(),
                            p.description(), p.status(), null, lead, targetDate, env)).getId());
                }
            }
        }

        int issuesCreated = 0;
        if (target.tasks()) {
            Map<String, PackageModel.Task> bySlug = new HashMap<>();
            model.tasks().forEach(t -> bySlug.put(t.slug(), t));
            Map<String, ImportPlan.Step> stepOf = new HashMap<>();
            plan.tasks().forEach(s -> stepOf.put(s.slug(), s));
            Map<String, UUID> issueIds = new HashMap<>();
            UUID rootGoal = goals.root(companyId).getId();
            for (ImportPlan.Step step : plan.tasks()) {
                issuesCreated += task(actor, companyId, rootGoal, bySlug.get(step.slug()), step, bySlug, stepOf, issueIds,
                        agentIds, projectIds, new HashSet<>());
            }
        }
        for (ImportPlan.Step step : plan.skills()) {
            if (!step.action().equals(ImportPlan.SKIP)) {
                PackageModel.Skill k = model.skills().stream().filter(s -> s.slug().equals(step.slug())).findFirst().orElseThrow();
                Map<String, Object> f = new LinkedHashMap<>(k.extra());
                if (k.description() != null) {
                    f.put("description", k.description());
                }
                items.put(companyId, PackageItems.SKILL, new PackageItems.Item(step.plannedSlug(), step.plannedName(), f, k.body(), null));
            }
        }
        for (ImportPlan.Step step : plan.teams()) {
            if (!step.action().equals(ImportPlan.SKIP)) {
                PackageModel.Team t = model.teams().stream().filter(s -> s.slug().equals(step.slug())).findFirst().orElseThrow();
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("description", t.description());
                f.put("manager", t.manager());
                f.put("includes", t.includes());
                f.values().removeIf(java.util.Objects::isNull);
                items.put(companyId, PackageItems.TEAM, new PackageItems.Item(step.plannedSlug(), step.plannedName(), f, t.body(), null));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("companyAction", plan.companyAction());
        details.put("agents", plan.agents().size());
        details.put("projects", plan.projects().size());
        details.put("tasks", plan.tasks().size());
        details.put("issuesCreated", issuesCreated);
        activity.record(actor, companyId, "company.imported", "company", companyId, details);
        return companyId;
    }

    /** Creates, replaces or skips one task, its parent first; answers how many issues it created. */
    private int task(Actor actor, UUID companyId, UUID rootGoal, PackageModel.Task t, ImportPlan.Step step,
                     Map<String, PackageModel.Task> bySlug, Map<String, ImportPlan.Step> stepOf, Map<String, UUID> issueIds,
                     Map<String, UUID> agentIds, Map<String, UUID> projectIds, Set<String> visiting) {
        if (issueIds.containsKey(t.slug()) || !visiting.add(t.slug())) {
            return 0;
        }
        int created = 0;
        UUID assignee = t.assignee() == null ? null : agentIds.get(t.assignee());
        UUID project = t.project() == null ? null : projectIds.get(t.project());
        if (t.recurring()) {
            if (!step.action().equals(ImportPlan.SKIP)) {
                recurringTasks.put(actor, companyId, new RecurringTasks.Definition(step.plannedSlug(), step.plannedName(),
                        t.description(), assignee, t.assignee(), project, t.project(), t.routine()));
            }
            issueIds.put(t.slug(), null);
            return 0;
        }
        Issue parent = null;
        if (t.parent() != null && bySlug.containsKey(t.parent()) && stepOf.containsKey(t.parent())) {
            created += task(actor, companyId, rootGoal, bySlug.get(t.parent()), stepOf.get(t.parent()), bySlug, stepOf, issueIds,
                    agentIds, projectIds, visiting);
            UUID parentId = issueIds.get(t.parent());
            parent = parentId == null ? null : em.find(Issue.class, parentId);
        }
        IssuePriority priority = t.priority() == null ? IssuePriority.medium : WireEnum.parse(IssuePriority.class, "priority", t.priority());
        switch (step.action()) {
            case ImportPlan.SKIP -> issueIds.put(t.slug(), step.existingId());
            case ImportPlan.REPLACE -> {
                Issue issue = em.find(Issue.class, step.existingId());
                issue.describe(t.description());
                issue.prioritize(priority);
                issue.bill(t.billingCode());
                if (assignee != null) {
                    issue.assignAgent(assignee);
                }
                issue.placeIn(project);
                activity.record(actor, companyId, "issue.updated", "issue", issue.getId(),
                        Map.of("identifier", issue.getIdentifier(), "source", "company.import"));
                issueIds.put(t.slug(), issue.getId());
            }
            default -> {
                IssueNumbers.Next next = numbers.next(companyId);
                Issue issue = new Issue(companyId, next.prefix(), next.number(), step.plannedName(), t.description(), priority);
                issue.createdBy(actor.agentId(), actor.userId());
                issue.bill(t.billingCode());
                if (assignee != null) {
                    issue.assignAgent(assignee); // no IssueAssigned event: an import wakes nobody
                }
                if (parent != null) {
                    issue.moveUnder(parent, id -> null);
                    issue.delegatedFrom(parent);
                }
                issue.placeIn(project);
                issue.serve(parent != null && parent.getGoalId() != null ? parent.getGoalId() : rootGoal);
                IssueStatus status = t.status() == null ? null : WireEnum.parse(IssueStatus.class, "status", t.status());
                if (status == IssueStatus.in_progress) {
                    status = IssueStatus.todo;
                }
                if (status == IssueStatus.done && assignee != null) {
                    issue.start(IssueStatus.in_progress);
                    issue.moveTo(IssueStatus.done);
                } else if (status == IssueStatus.done || status == IssueStatus.cancelled) {
                    issue.start(IssueStatus.backlog);
                    issue.moveTo(IssueStatus.cancelled);
                } else {
                    issue.start(status);
                }
                em.persist(issue);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("identifier", issue.getIdentifier());
                details.put("title", issue.getTitle());
                details.put("status", WireEnum.of(issue.getStatus()));
                details.put("assigneeAgentId", assignee == null ? null : assignee.toString());
                details.put("source", "company.import");
                activity.record(actor, companyId, "issue.created", "issue", issue.getId(), details);
                issueIds.put(t.slug(), issue.getId());
                created++;
            }
        }
        return created;
    }

    /**
     * The agent of a package as a hire: instructions back into {@code promptTemplate}, plain env
     * inputs with a value into {@code env}, the timer forced off, skills and inputs still without a
     * value kept in the metadata (so an export declares them again).
     */
    static AgentDraft draft(PackageModel.Agent a, String name) {
        Map<String, Object> config = new LinkedHashMap<>(a.adapterConfig());
        if (a.instructions() != null && !a.instructions().isBlank()) {
            config.put("promptTemplate", a.instructions());
        }
        Map<String, Object> env = EnvInputs.bindings(a.envInputs());
        if (!env.isEmpty()) {
            config.put("env", env);
        }
        Map<String, Object> runtime = new LinkedHashMap<>(a.runtimeConfig());
        Map<String, Object> heartbeat = runtime.get(HeartbeatPolicy.KEY) instanceof Map<?, ?> h
                ? new LinkedHashMap<>(JsonMaps.map(JsonMaps.object(castMap(h)))) : new LinkedHashMap<>();
        heartbeat.put("enabled", false);
        runtime.put(HeartbeatPolicy.KEY, heartbeat);
        Map<String, Object> metadata = new LinkedHashMap<>(a.metadata());
        if (!a.skills().isEmpty()) {
            metadata.put("skills", a.skills());
        }
        Map<String, Object> pending = EnvInputs.unbound(a.envInputs());
        if (!pending.isEmpty()) {
            metadata.put(EnvInputs.PENDING, pending);
        }
        return new AgentDraft(name == null ? a.name() : name, a.role(), a.title(), a.icon(), null, a.capabilities(), a.adapterType(),
                JsonMaps.object(config), JsonMaps.object(runtime), a.budgetMonthlyCents() > 0 ? a.budgetMonthlyCents() : null,
                JsonMaps.object(a.permissions()), metadata.isEmpty() ? null : JsonMaps.object(metadata));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
