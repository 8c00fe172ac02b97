package dev.paperclipee.agent.boundary;

import dev.paperclipee.agent.entity.Agent;

import java.util.List;

/** The calling agent and its managers, direct manager first, up to the root (GET /agents/me). */
public record AgentProfile(Agent agent, List<Agent> chainOfCommand) {
}
