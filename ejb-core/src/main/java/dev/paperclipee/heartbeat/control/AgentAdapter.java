package dev.paperclipee.heartbeat.control;

/**
 * How an agent is reached (spec §11.1): one implementation per {@code adapterType}. The spec's
 * {@code invoke(agent, context)} is {@link #invoke}; its {@code status(run)} and {@code cancel(run)}
 * are the {@link Execution} handle that {@code invoke} returns, because the live process or
 * request is what they act on.
 *
 * <p>{@code invoke} is called outside any transaction on a managed executor thread. It may block
 * only for as long as starting takes (spawning a process, sending the request); the work itself
 * continues after it returns and is reported through {@link Execution#completion()}. Output goes
 * to the {@link RunOutput} as it arrives. An invocation that cannot start at all (missing command,
 * bad configuration) throws {@link AdapterException}: the run fails with that message and code.
 * Failures that only show once the work is under way (a refused connection of an http agent, whose
 * request is sent asynchronously) end the run through the completion instead, with the same kind
 * of error code.
 */
public interface AgentAdapter {

    /** The {@code adapterType} this adapter serves, e.g. {@code process}. */
    String type();

    Execution invoke(Invocation invocation, RunOutput output) throws AdapterException;
}
