package dev.paperclipee.heartbeat.control;

import jakarta.json.JsonObject;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything an adapter needs to start one heartbeat run (spec §11, api-contract "How a real agent
 * runs a heartbeat"). Built by the runtime; adapters never read the database.
 *
 * @param runId          the run ({@code PAPERCLIP_RUN_ID})
 * @param agentId        the agent
 * @param agentName      the agent's name (for templates and prompts)
 * @param companyId      the agent's company
 * @param adapterConfig  the agent's {@code adapterConfig}, as stored
 * @param environment    the complete environment for the agent: agent env, overridden by project env,
 *                       overridden by the runtime-owned {@code PAPERCLIP_*} keys (§7.5); process-based
 *                       adapters add it to the child's environment, the http adapter may template it
 * @param context        the context delivered to the agent: {@code thin} (ids) or {@code fat}
 *                       (assignments, goal summary, budget snapshot, recent comments) (§11.4)
 * @param prompt         the instruction text for CLI agents (claude/codex read it on stdin)
 * @param workDirectory  a private directory for this run (created by the runtime): skills bundles,
 *                       context files; removed when the run ends
 * @param sessionId      the adapter session of the agent's previous run, to resume; may be null
 * @param apiUrl         the server's base URL ({@code PAPERCLIP_API_URL}); agents append {@code /api}
 * @param runToken       the run-scoped API key ({@code PAPERCLIP_API_KEY}); a secret: never log it
 * @param callbackUrl    where a remote agent reports completion (http adapter), authenticated with
 *                       {@code runToken}
 * @param defaultTimeout how long a run may take when the config names no timeout
 * @param secretValues   the values resolved from company secrets for this run (agent and project
 *                       env references, spec §7.12): masked in the run's log whatever their names
 */
public record Invocation(
        UUID runId,
        UUID agentId,
        String agentName,
        UUID companyId,
        JsonObject adapterConfig,
        Map<String, String> environment,
        JsonObject context,
        String prompt,
        Path workDirectory,
        String sessionId,
        URI apiUrl,
        String runToken,
        URI callbackUrl,
        Duration defaultTimeout,
        Set<String> secretValues) {

    public Invocation {
        secretValues = secretValues == null ? Set.of() : Set.copyOf(secretValues);
    }
}
