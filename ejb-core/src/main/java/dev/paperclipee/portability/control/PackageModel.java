package dev.paperclipee.portability.control;

import java.util.List;
import java.util.Map;

/**
 * A company package as its parts, identified by slugs (company-package.md): what the writer turns
 * into files and the reader makes of them. Maps hold JSON-like values (maps, lists, strings, numbers,
 * booleans). Lists are in package order: agents before the agents that report to them is not needed,
 * references are resolved by slug.
 */
public record PackageModel(Company company, List<Agent> agents, List<Project> projects, List<Task> tasks,
                           List<Skill> skills, List<Team> teams) {

    /** COMPANY.md plus the sidecar's {@code company} section. */
    public record Company(String slug, String name, String description, List<String> requiredSecrets,
                          Boolean requireBoardApprovalForNewAgents, String brandColor, long budgetMonthlyCents) {
    }

    /**
     * AGENTS.md (body: the agent's instructions) plus the sidecar's {@code agents.<slug>}; env inputs
     * are declarations ({@code KEY -> {kind, requirement, default, portability}}), never secret values.
     */
    public record Agent(String slug, String name, String title, String role, String reportsTo, List<String> skills,
                        String instructions, String icon, String capabilities, String adapterType,
                        Map<String, Object> adapterConfig, Map<String, Object> runtimeConfig, long budgetMonthlyCents,
                        Map<String, Object> permissions, Map<String, Object> metadata, Map<String, Object> envInputs) {
    }

    /** PROJECT.md plus the sidecar's {@code projects.<slug>}. */
    public record Project(String slug, String name, String description, String owner, String status, String targetDate,
                          Map<String, Object> envInputs) {
    }

    /**
     * TASK.md plus the sidecar's {@code tasks.<slug>} or, for a recurring one, {@code routines.<slug>}
     * (kept as given: its fields belong to routines).
     */
    public record Task(String slug, String name, String description, String assignee, String project, boolean recurring,
                       String status, String priority, String parent, String billingCode, Map<String, Object> routine) {
    }

    /** SKILL.md: {@code extra} holds its other front matter fields (allowed-tools, metadata, …) as given. */
    public record Skill(String slug, String name, String description, String body, Map<String, Object> extra) {
    }

    /** TEAM.md: {@code manager} is the relative path of the root agent's AGENTS.md. */
    public record Team(String slug, String name, String description, String manager, List<String> includes, String body) {
    }
}
