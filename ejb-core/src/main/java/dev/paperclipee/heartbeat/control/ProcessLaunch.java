package dev.paperclipee.heartbeat.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One child process to start, fully resolved: the process-based adapters build it from the agent's
 * config and the {@link Invocation}, {@link ProcessRun} starts it.
 *
 * @param command     the executable and its arguments
 * @param directory   the working directory
 * @param environment the child's complete environment (nothing else is inherited)
 * @param stdin       written to the child's standard input, which is then closed; null closes it at once
 * @param timeout     how long the run may take before it is stopped as timed out
 * @param grace       how long a stopped process tree has between SIGTERM and SIGKILL
 * @param ignored     environment names the config tried to set but may not (named in the log)
 */
record ProcessLaunch(List<String> command, Path directory, Map<String, String> environment, String stdin,
        Duration timeout, Duration grace, List<String> ignored) {

    ProcessLaunch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        ignored = List.copyOf(ignored);
    }

    /** The executable's file name, which is all the log shows of the command line (arguments may hold secrets). */
    String program() {
        String first = command.get(0);
        int slash = first.lastIndexOf('/');
        return slash < 0 ? first : first.substring(slash + 1);
    }
}
