package dev.paperclipee.agent.control;

import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentStatus;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The reporting tree of a company's agents (spec §7.2): who reports to whom, read and changed safely. */
@Dependent
public class OrgChart {

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyAgents agents;

    /** One agent and the agents reporting to it, each with their reports. */
    public record Node(Agent agent, List<Node> reports) {
    }


    /** The agent's managers, from its direct manager up to the root of its chart. */
    public List<Agent> chainOfCommand(Agent agent) {
        List<Agent> chain = new ArrayList<>();
        Set<UUID> seen = new HashSet<>(Set.of(agent.getId()));
        for (UUID next = agent.getReportsTo(); next != null && seen.add(next); ) {
            Agent manager = agents.inCompany(agent.getCompanyId(), next);
            if (manager == null) {
                break;
            }
            chain.add(manager);
            next = manager.getReportsTo();
        }
        return chain;
    }

    /**
     * The company's chart without terminated agents: roots first (agents without a manager, or
     * whose manager is terminated), each with its reports, oldest first at every level.
     */
    public List<Node> tree(UUID companyId) {
        Map<UUID, Agent> current = new LinkedHashMap<>();
        for (Agent agent : agents.of(companyId, null)) {
            if (agent.getStatus() != AgentStatus.terminated) {
                current.put(agent.getId(), agent);
            }
        }
        Map<UUID, List<Agent>> reports = new LinkedHashMap<>();
        List<Agent> roots = new ArrayList<>();
        for (Agent agent : current.values()) {
            UUID manager = agent.getReportsTo();
            if (manager == null || !current.containsKey(manager)) {
                roots.add(agent);
            } else {
                reports.computeIfAbsent(manager, m -> new ArrayList<>()).add(agent);
            }
        }
        Set<UUID> placed = new HashSet<>();
        return roots.stream().map(root -> node(root, reports, placed)).toList();
    }

    private static Node node(Agent agent, Map<UUID, List<Agent>> reports, Set<UUID> placed) {
        placed.add(agent.getId());
        List<Node> below = new ArrayList<>();
        for (Agent report : reports.getOrDefault(agent.getId(), List.of())) {
            if (!placed.contains(report.getId())) {
                below.add(node(report, reports, placed));
            }
        }
        return new Node(agent, below);
    }
}
