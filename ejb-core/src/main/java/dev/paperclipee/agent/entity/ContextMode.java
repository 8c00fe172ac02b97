package dev.paperclipee.agent.entity;

/** How much context an invocation carries (spec §11.4): ids only, or assignments and summaries too. */
public enum ContextMode {
    thin, fat
}
