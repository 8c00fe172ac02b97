package dev.paperclipee.portability.control;

import dev.paperclipee.portability.entity.PackageProblem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the files of a package into a {@link PackageModel}, collecting every problem rather than
 * stopping at the first (company-package.md §2–§5): discovery from {@code COMPANY.md} (at the root
 * or one folder down) of every {@code AGENTS.md}, {@code PROJECT.md}, {@code TASK.md},
 * {@code SKILL.md} and {@code TEAM.md}; field types; slugs; references between them; the sidecar.
 * Errors make the package unimportable; warnings are reported and the import goes on.
 */
public final class PackageReader {

    /** The vocabularies the importer can store; anything else is an error at its line. */
    public record Vocabulary(Set<String> agentRoles, Set<String> projectStatuses, Set<String> taskStatuses,
                             Set<String> taskPriorities) {
    }

    public record Result(PackageModel model, List<PackageProblem> errors, List<PackageProblem> warnings) {

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final Vocabulary vocabulary;
    private final List<PackageProblem> errors = new ArrayList<>();
    private final List<PackageProblem> warnings = new ArrayList<>();

    private PackageReader(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** @param files the container's files by relative path ({@code /}-separated, no leading slash) */
    public static Result read(Map<String, byte[]> files, Vocabulary vocabulary) {
        return new PackageReader(vocabulary).run(files);
    }

    private Result run(Map<String, byte[]> all) {
        String root = root(all);
        if (root == null) {
            return new Result(null, errors, warnings);
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        all.forEach((path, bytes) -> {
            if (path.startsWith(root)) {
                files.put(path.substring(root.length()), bytes);
            }
        });

        MarkdownFile companyFile = markdown("COMPANY.md", files.get("COMPANY.md"));
        if (companyFile == null) {
            return new Result(null, errors, warnings);
        }
        PackageModel.Company company = company(companyFile);

        Map<String, MarkdownFile> agentFiles = new LinkedHashMap<>();
        Map<String, MarkdownFile> projectFiles = new LinkedHashMap<>();
        Map<String, MarkdownFile> taskFiles = new LinkedHashMap<>();
        Map<String, String> taskProjects = new HashMap<>();
        Map<String, MarkdownFile> skillFiles = new LinkedHashMap<>();
        Map<String, MarkdownFile> teamFiles = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String path = e.getKey();
            String name = path.substring(path.lastIndexOf('/') + 1);
            Map<String, MarkdownFile> kind = switch (name) {
                case "AGENTS.md" -> agentFiles;
                case "PROJECT.md" -> projectFiles;
                case "TASK.md" -> taskFiles;
                case "SKILL.md" -> skillFiles;
                case "TEAM.md" -> teamFiles;
                default -> null;
            };
            if (kind == null || !path.contains("/")) {
                continue;
            }
            MarkdownFile file = markdown(path, e.getValue());
            if (file == null) {
                continue;
            }
            String slug = slugOf(file);
            if (slug == null) {
                continue;
            }
            MarkdownFile earlier = kind.putIfAbsent(slug, file);
            if (earlier != null) {
                error(file, "slug", "slug '" + slug + "' is already used by " + earlier.path());
                continue;
            }
            String[] parts = path.split("/");
            if (kind == taskFiles && parts.length >= 5 && parts[0].equals("projects") && parts[2].equals("tasks")) {
                taskProjects.put(slug, parts[1]);
            }
        }

        Map<String, Object> sidecar = sidecar(files);
        Map<String, Object> companySide = sideMap(sidecar, "", "company");
        Object approval = companySide.get("requireBoardApprovalForNewAgents");
        if (approval != null && !(approval instanceof Boolean)) {
            errors.add(new PackageProblem(PackageWriter.SIDECAR, line("company.requireBoardApprovalForNewAgents"),
                    "company.requireBoardApprovalForNewAgents must be true or false"));
            approval = null;
        }
        company = withSidecar(company, (Boolean) approval, sideText(companySide, "company", "brandColor"),
                cents(companySide, "company", "budgetMonthlyCents"));

        List<PackageModel.Skill> skills = new ArrayList<>();
        skillFiles.forEach((slug, f) -> skills.add(skill(slug, f)));
        List<PackageModel.Team> teams = new ArrayList<>();
        teamFiles.forEach((slug, f) -> teams.add(team(slug, f)));

        Map<String, Object> agentSide = section(sidecar, sidecarYaml, "agents", agentFiles.keySet());
        List<PackageModel.Agent> agents = new ArrayList<>();
        agentFiles.forEach((slug, f) -> agents.add(agent(slug, f, map(agentSide.get(slug), "agents." + slug, sidecarYaml),
                agentFiles.keySet(), skillFiles.keySet())));
        requireNoCycles(agents, agentFiles);

        Map<String, Object> projectSide = section(sidecar, sidecarYaml, "projects", projectFiles.keySet());
        List<PackageModel.Project> projects = new ArrayList<>();
        projectFiles.forEach((slug, f) -> projects.add(project(slug, f, map(projectSide.get(slug), "projects." + slug, sidecarYaml),
                agentFiles.keySet())));

        Map<String, Object> taskSide = section(sidecar, sidecarYaml, "tasks", taskFiles.keySet());
        Map<String, Object> routineSide = section(sidecar, sidecarYaml, "routines", taskFiles.keySet());
        List<PackageModel.Task> tasks = new ArrayList<>();
        taskFiles.forEach((slug, f) -> tasks.add(task(slug, f, taskProjects.get(slug),
                map(taskSide.get(slug), "tasks." + slug, sidecarYaml), routineSide.get(slug),
                agentFiles.keySet(), projectFiles.keySet(), taskFiles.keySet())));

        return new Result(new PackageModel(company, agents, projects, tasks, skills, teams), errors, warnings);
    }

    // ---- discovery ------------------------------------------------------------------------------

    /** The folder holding COMPANY.md ("" or "name/"), or null after recording why there is none. */
    private String root(Map<String, byte[]> files) {
        if (files.containsKey("COMPANY.md")) {
            return "";
        }
        List<String> nested = files.keySet().stream()
                .filter(p -> p.endsWith("/COMPANY.md") && p.indexOf('/') == p.length() - "/COMPANY.md".length())
                .sorted().toList();
        if (nested.size() == 1) {
            return nested.get(0).substring(0, nested.get(0).length() - "COMPANY.md".length());
        }
        if (nested.isEmpty()) {
            errors.add(new PackageProblem("COMPANY.md", 0, "the package has no COMPANY.md at its root (or in one top folder)"));
        } else {
            errors.add(new PackageProblem(nested.get(1), 0, "more than one COMPANY.md: " + String.join(", ", nested)));
        }
        return null;
    }

    private MarkdownFile markdown(String path, byte[] bytes) {
        String text = utf8(path, bytes);
        return text == null ? null : MarkdownFile.parse(path, text, errors);
    }

    private String utf8(String path, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            errors.add(new PackageProblem(path, 0, "not UTF-8 text"));
            return null;
        }
    }

    /** The front matter's {@code slug}, else the folder's name; null (after an error) if neither is usable. */
    private String slugOf(MarkdownFile file) {
        Object given = file.fields().get("slug");
        if (given != null) {
            if (given instanceof String s && Slugs.isValid(s)) {
                return s;
            }
            error(file, "slug", "slug must be lower-case letters and digits separated by single hyphens (at most "
                    + Slugs.MAX + " characters), not '" + given + "'");
            return null;
        }
        String[] parts = file.path().split("/");
        String folder = parts[parts.length - 2];
        String slug = Slugs.of(folder, null);
        if (slug == null) {
            error(file, null, "the folder name '" + folder + "' gives no slug; set slug: in the front matter");
        }
        return slug;
    }

    // ---- sidecar ------------------------------------------------------------------------------

    private Yaml.Parsed sidecarYaml;

    private Map<String, Object> sidecar(Map<String, byte[]> files) {
        String text = utf8(PackageWriter.SIDECAR, files.get(PackageWriter.SIDECAR));
        if (text == null) {
            return Map.of();
        }
        Yaml.Parsed parsed = Yaml.parse(text, PackageWriter.SIDECAR, 0, errors);
        if (parsed == null || parsed.value() == null) {
            return Map.of();
        }
        sidecarYaml = parsed;
        if (!(parsed.value() instanceof Map<?, ?> m)) {
            errors.add(new PackageProblem(PackageWriter.SIDECAR, 1, "the sidecar must be a map"));
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) m;
        Object schema = map.get("schema");
        if (schema != null && !PackageWriter.SIDECAR_SCHEMA.equals(schema)) {
            warnings.add(new PackageProblem(PackageWriter.SIDECAR, parsed.line("schema"),
                    "schema is '" + schema + "', expected " + PackageWriter.SIDECAR_SCHEMA));
        }
        Object version = map.get("schemaVersion");
        if (version != null && (!(version instanceof Long v) || v < 1 || v > PackageWriter.SIDECAR_VERSION)) {
            errors.add(new PackageProblem(PackageWriter.SIDECAR, parsed.line("schemaVersion"),
                    "schemaVersion must be a whole number from 1 to " + PackageWriter.SIDECAR_VERSION + ", not " + version));
        }
        return map;
    }

    /** A sidecar section keyed by slug; entries for slugs the package does not have are warned about. */
    private Map<String, Object> section(Map<String, Object> sidecar, Yaml.Parsed yaml, String name, Set<String> slugs) {
        Object value = sidecar.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            errors.add(new PackageProblem(PackageWriter.SIDECAR, yaml.line(name), name + " must be a map keyed by slug"));
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) m;
        for (String slug : map.keySet()) {
            if (!slugs.contains(slug)) {
                warnings.add(new PackageProblem(PackageWriter.SIDECAR, yaml.line(name + "." + slug),
                        name + "." + slug + " names nothing in the package; ignored"));
            }
        }
        return map;
    }

    private Map<String, Object> map(Object value, String path, Yaml.Parsed yaml) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        errors.add(new PackageProblem(PackageWriter.SIDECAR, yaml == null ? 0 : yaml.line(path), path + " must be a map"));
        return Map.of();
    }

    // ---- entities -----------------------------------------------------------------------------

    private PackageModel.Company company(MarkdownFile f) {
        String name = text(f, "name", true);
        String description = text(f, "description", false);
        if (f.fields().containsKey("name") && description == null && !f.fields().containsKey("description")) {
            warnings.add(new PackageProblem(f.path(), 1, "COMPANY.md has no description"));
        }
        String slug = text(f, "slug", false);
        if (slug != null && !Slugs.isValid(slug)) {
            error(f, "slug", "slug must be lower-case letters and digits separated by single hyphens, not '" + slug + "'");
        }
        Object schema = f.fields().get("schema");
        if (schema != null && !PackageWriter.SCHEMA.equals(schema) && !"agentcompanies/v1-draft".equals(schema)) {
            warnings.add(new PackageProblem(f.path(), f.line("schema"), "schema is '" + schema + "', expected " + PackageWriter.SCHEMA));
        }
        List<String> secrets = List.of();
        Object requirements = f.fields().get("requirements");
        if (requirements instanceof Map<?, ?> r) {
            secrets = strings(f, "requirements.secrets", r.get("secrets"));
        } else if (requirements != null) {
            error(f, "requirements", "requirements must be a map (requirements.secrets: a list of names)");
        }
        kind(f, "company");
        return new PackageModel.Company(slug == null ? Slugs.of(name, "company") : slug, name == null ? "Company" : name,
                description == null ? MarkdownFile.summary(f.body()) : description, secrets, null, null, 0);
    }

    /** The sidecar's company section is read once the whole sidecar is known. */
    public static PackageModel.Company withSidecar(PackageModel.Company c, Boolean approval, String color, long budget) {
        return new PackageModel.Company(c.slug(), c.name(), c.description(), c.requiredSecrets(), approval, color, budget);
    }

    private PackageModel.Agent agent(String slug, MarkdownFile f, Map<String, Object> side, Set<String> agentSlugs,
                                     Set<String> skillSlugs) {
        kind(f, "agent");
        String title = text(f, "title", false);
        String name = text(f, "name", false);
        if (name == null) {
            name = title != null ? title : slug;
        }
        String reportsTo = text(f, "reportsTo", false);
        if (reportsTo != null && !agentSlugs.contains(reportsTo)) {
            error(f, "reportsTo", "reportsTo names agent '" + reportsTo + "', which the package does not have");
            reportsTo = null;
        }
        if (slug.equals(reportsTo)) {
            error(f, "reportsTo", "an agent cannot report to itself");
            reportsTo = null;
        }
        List<String> skills = strings(f, "skills", f.fields().get("skills"));
        for (String skill : skills) {
            if (!skillSlugs.contains(skill)) {
                warnings.add(new PackageProblem(f.path(), f.line("skills"), "skill '" + skill
                        + "' is not in the package; it must already be in the target company's skill library"));
            }
        }
        String path = "agents." + slug;
        String role = sideText(side, path, "role");
        if (role == null) {
            role = text(f, "role", false);
        }
        if (role != null && !vocabulary.agentRoles().contains(role)) {
            warnings.add(new PackageProblem(PackageWriter.SIDECAR, line(path + ".role"), "role '" + role
                    + "' is not one of " + new java.util.TreeSet<>(vocabulary.agentRoles()) + "; imported as general"));
            role = null;
        }
        Map<String, Object> adapter = sideMap(side, path, "adapter");
        String adapterType = sideText(adapter, path + ".adapter", "type");
        Map<String, Object> config = sideMap(adapter, path + ".adapter", "config");
        Map<String, Object> inputs = sideMap(side, path, "inputs");
        return new PackageModel.Agent(slug, name, title, role == null ? "general" : role, reportsTo, skills, f.body(),
                sideText(side, path, "icon"), sideText(side, path, "capabilities"),
                adapterType == null ? "process" : adapterType, config, sideMap(side, path, "runtime"),
                cents(side, path, "budgetMonthlyCents"), sideMap(side, path, "permissions"), sideMap(side, path, "metadata"),
                envInputs(inputs, path + ".inputs"));
    }

    private void requireNoCycles(List<PackageModel.Agent> agents, Map<String, MarkdownFile> files) {
        Map<String, String> manager = new HashMap<>();
        agents.forEach(a -> manager.put(a.slug(), a.reportsTo()));
        for (PackageModel.Agent a : agents) {
            Set<String> seen = new HashSet<>();
            String at = a.slug();
            while (at != null && seen.add(at)) {
                at = manager.get(at);
            }
            if (at != null && at.equals(a.slug())) {
                error(files.get(a.slug()), "reportsTo", "reportsTo makes a cycle: " + String.join(" -> ", seen) + " -> " + at);
            }
        }
    }

    private PackageModel.Project project(String slug, MarkdownFile f, Map<String, Object> side, Set<String> agentSlugs) {
        kind(f, "project");
        String name = text(f, "name", true);
        String owner = text(f, "owner", false);
        if (owner != null && !agentSlugs.contains(owner)) {
            error(f, "owner", "owner names agent '" + owner + "', which the package does not have");
            owner = null;
        }
        String description = f.body().isBlank() ? text(f, "description", false) : f.body();
        String path = "projects." + slug;
        String status = sideText(side, path, "status");
        if (status != null && !vocabulary.projectStatuses().contains(status)) {
            errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + ".status"), "project status '" + status
                    + "' is not one of " + new java.util.TreeSet<>(vocabulary.projectStatuses())));
            status = null;
        }
        String targetDate = sideText(side, path, "targetDate");
        if (targetDate != null) {
            try {
                java.time.LocalDate.parse(targetDate);
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + ".targetDate"),
                        "targetDate must be a date YYYY-MM-DD, not '" + targetDate + "'"));
                targetDate = null;
            }
        }
        return new PackageModel.Project(slug, name == null ? slug : name, description, owner, status, targetDate,
                envInputs(sideMap(side, path, "inputs"), path + ".inputs"));
    }

    private PackageModel.Task task(String slug, MarkdownFile f, String folderProject, Map<String, Object> side, Object routine,
                                   Set<String> agentSlugs, Set<String> projectSlugs, Set<String> taskSlugs) {
        kind(f, "task");
        String name = text(f, "name", false);
        if (name == null) {
            name = text(f, "title", false);
        }
        if (name == null && f.yaml() != null) {
            error(f, "name", "TASK.md needs a name (or title)");
        }
        if (name == null) {
            name = slug;
        }
        String assignee = text(f, "assignee", false);
        if (assignee != null && !agentSlugs.contains(assignee)) {
            error(f, "assignee", "assignee names agent '" + assignee + "', which the package does not have");
            assignee = null;
        }
        String project = text(f, "project", false);
        if (project == null) {
            project = folderProject;
        }
        if (project != null && !projectSlugs.contains(project)) {
            error(f, "project", "project '" + project + "' is not in the package");
            project = null;
        }
        boolean recurring = false;
        Object r = f.fields().get("recurring");
        if (r instanceof Boolean b) {
            recurring = b;
        } else if (r != null) {
            error(f, "recurring", "recurring must be true or false, not '" + r + "'");
        }
        Map<String, Object> routineMap = null;
        if (f.fields().get("schedule") instanceof Map<?, ?> schedule && schedule.get("recurrence") != null) {
            recurring = true; // legacy schedule.recurrence: a routine whose trigger is that recurrence
            routineMap = new LinkedHashMap<>(Map.of("legacySchedule", schedule));
        }
        if (routine != null) {
            if (!recurring) {
                warnings.add(new PackageProblem(PackageWriter.SIDECAR, line("routines." + slug),
                        "routines." + slug + " belongs to a task that is not recurring; ignored"));
            } else {
                routineMap = map(routine, "routines." + slug, sidecarYaml);
            }
        }
        String path = "tasks." + slug;
        String status = sideText(side, path, "status");
        if (status != null && !vocabulary.taskStatuses().contains(status)) {
            errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + ".status"), "task status '" + status
                    + "' is not one of " + new java.util.TreeSet<>(vocabulary.taskStatuses())));
            status = null;
        }
        String priority = sideText(side, path, "priority");
        if (priority == null) {
            priority = text(f, "priority", false);
        }
        if (priority != null && !vocabulary.taskPriorities().contains(priority)) {
            errors.add(new PackageProblem(side.containsKey("priority") ? PackageWriter.SIDECAR : f.path(),
                    side.containsKey("priority") ? line(path + ".priority") : f.line("priority"), "priority '" + priority
                    + "' is not one of " + new java.util.TreeSet<>(vocabulary.taskPriorities())));
            priority = null;
        }
        String parent = sideText(side, path, "parent");
        if (parent != null && (!taskSlugs.contains(parent) || parent.equals(slug))) {
            errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + ".parent"),
                    "parent '" + parent + "' is not another task of the package"));
            parent = null;
        }
        return new PackageModel.Task(slug, name, f.body(), assignee, project, recurring, status, priority, parent,
                sideText(side, path, "billingCode"), routineMap == null ? Map.of() : routineMap);
    }

    private PackageModel.Skill skill(String slug, MarkdownFile f) {
        String name = text(f, "name", false);
        String description = text(f, "description", false);
        Map<String, Object> extra = new LinkedHashMap<>(f.fields());
        extra.keySet().removeAll(Set.of("name", "description", "slug", "key", "kind", "schema"));
        return new PackageModel.Skill(slug, name == null ? slug : name, description, f.body(), extra);
    }

    private PackageModel.Team team(String slug, MarkdownFile f) {
        kind(f, "team");
        return new PackageModel.Team(slug, orElse(text(f, "name", false), slug), text(f, "description", false),
                text(f, "manager", false), strings(f, "includes", f.fields().get("includes")), f.body());
    }

    /**
     * Env input declarations ({@code inputs.env.KEY: {kind, requirement, default, …}}); a value is never
     * a secret here, only a declaration.
     */
    private Map<String, Object> envInputs(Map<String, Object> inputs, String path) {
        Object env = inputs.get("env");
        if (env == null) {
            return Map.of();
        }
        if (!(env instanceof Map<?, ?> m)) {
            errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + ".env"), path + ".env must be a map"));
            return Map.of();
        }
        Map<String, Object> result = new TreeMap<>();
        m.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + ".env." + key),
                        "'" + key + "' is not an environment variable name"));
            } else if (!(v instanceof Map<?, ?> decl)) {
                errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + ".env." + key),
                        path + ".env." + key + " must be a map {kind, requirement, default}"));
            } else {
                Object kind = decl.get("kind");
                if (kind != null && !"secret".equals(kind) && !"plain".equals(kind)) {
                    errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + ".env." + key + ".kind"),
                            "kind must be secret or plain, not '" + kind + "'"));
                }
                Object def = decl.get("default");
                if (def != null && !(def instanceof String)) {
                    errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + ".env." + key + ".default"),
                            "default must be a string"));
                }
                result.put(key, decl);
            }
        });
        return result;
    }

    // ---- field helpers ------------------------------------------------------------------------

    private String text(MarkdownFile f, String field, boolean required) {
        Object value = f.fields().get(field);
        if (value == null) {
            if (required && !f.fields().isEmpty()) {
                error(f, null, f.path().substring(f.path().lastIndexOf('/') + 1) + " needs " + field + ":");
            } else if (required && f.yaml() != null) {
                error(f, null, "the front matter is empty; " + field + ": is required");
            }
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
            if (field.equals("name") || field.equals("title") || field.equals("description")) {
                return value.toString(); // "name: 2026" is text to a human
            }
        }
        error(f, field, field + " must be text, not " + describe(value));
        return null;
    }

    private List<String> strings(MarkdownFile f, String field, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            return list.stream().map(String.class::cast).toList();
        }
        error(f, field, field + " must be a list of text items");
        return List.of();
    }

    private String sideText(Map<String, Object> side, String path, String key) {
        Object value = side.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (key.equals("targetDate") && value instanceof java.time.LocalDate d) {
            return d.toString();
        }
        errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + "." + key), path + "." + key + " must be text"));
        return null;
    }

    private Map<String, Object> sideMap(Map<String, Object> side, String path, String key) {
        Object value = side.get(key);
        if (value == null) {
            return Map.of();
        }
        return map(value, path.isEmpty() ? key : path + "." + key, sidecarYaml);
    }

    private long cents(Map<String, Object> side, String path, String key) {
        Object value = side.get(key);
        if (value == null) {
            return 0;
        }
        if (value instanceof Long n && n >= 0 && n <= Integer.MAX_VALUE) {
            return n;
        }
        errors.add(new PackageProblem(PackageWriter.SIDECAR, line(path + "." + key),
                path + "." + key + " must be a whole number of cents from 0 to " + Integer.MAX_VALUE));
        return 0;
    }

    private int line(String path) {
        return sidecarYaml == null ? 0 : sidecarYaml.line(path);
    }

    private void kind(MarkdownFile f, String expected) {
        Object kind = f.fields().get("kind");
        if (kind != null && !expected.equals(kind)) {
            warnings.add(new PackageProblem(f.path(), f.line("kind"), "kind is '" + kind + "' in a file of kind " + expected));
        }
    }

    private void error(MarkdownFile f, String field, String reason) {
        errors.add(new PackageProblem(f.path(), field == null ? 1 : f.line(field), reason));
    }

    private static String describe(Object value) {
        return value instanceof Map ? "a map" : value instanceof List ? "a list" : "'" + value + "'";
    }

    private static String orElse(String a, String b) {
        return a == null ? b : a;
    }
}
