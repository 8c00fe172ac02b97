package dev.paperclipee.heartbeat.control;

import java.util.List;

/**
 * One thing wrong with an agent's adapter settings, found before the agent is stored (spec §11.2,
 * §11.3 config shapes). The shape is that of a 400's validation details (api-contract "General"):
 * the lead turns a non-empty list into {@code InvalidInputException}s.
 *
 * @param path    where, from the agent body down: {@code [adapterConfig, timeoutSec]},
 *                {@code [adapterConfig, args, 2]}, or {@code [adapterType]}
 * @param message what is wrong, for a person (never contains a configured value)
 * @param code    what is wrong, for a program: {@code required}, {@code invalid_type},
 *                {@code invalid_value}, {@code out_of_range}, {@code unknown_placeholder},
 *                {@code unknown_adapter_type}
 */
public record ConfigProblem(List<String> path, String message, String code) {

    public ConfigProblem {
        path = List.copyOf(path);
    }

    /** The problem as one line, e.g. {@code adapterConfig.command: is required}. */
    @Override
    public String toString() {
        return String.join(".", path) + ": " + message;
    }
}
