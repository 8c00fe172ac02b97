package dev.paperclipee.agent.entity;

/** An agent's role in the org chart (api-contract agents row); names are wire and column values. */
public enum AgentRole {
    ceo, cto, cmo, cfo, security, engineer, designer, pm, qa, devops, researcher, general
}
