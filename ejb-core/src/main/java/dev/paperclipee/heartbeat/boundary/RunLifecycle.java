package dev.paperclipee.heartbeat.boundary;

import dev.paperclipee.access.control.RunTokens;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.ActorType;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.cost.control.CostLedger;
import dev.paperclipee.heartbeat.control.Invocation;
import dev.paperclipee.heartbeat.control.RunContexts;
import dev.paperclipee.heartbeat.control.RunPlan;
import dev.paperclipee.heartbeat.control.RunQueue;
import dev.paperclipee.heartbeat.control.RunResult;
import dev.paperclipee.heartbeat.control.RuntimeSettings;
import dev.paperclipee.heartbeat.control.Usage;
import dev.paperclipee.heartbeat.entity.HeartbeatRun;
import dev.paperclipee.heartbeat.entity.InvocationSource;
import dev.paperclipee.heartbeat.entity.RunStatus;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.secret.control.EnvBindings;
import dev.paperclipee.secret.control.SecretRefs;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.Timestamps;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The runtime's transactions (spec §11, execution-semantics §5 and §8), one per step, called by
 * the scheduler and the dispatcher from threads without a transaction: claim due runs, prepare a
 * claimed run for its adapter, record its process and progress, finish it (locks released, agent
 * settled, usage booked, missing-comment follow-up), and reap runs whose node is gone.
 */
@Stateless
public class RunLifecycle {

    /** §8: a crashed run is retried automatically once (V1 baseline), 30 s later. */
    static final int PROCESS_LOSS_RETRIES = 1;
    static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(900);
    /** A run token outlives the longest configured run a little; it dies with the run anyway. */
    static final Duration TOKEN_SLACK = Duration.ofHours(1);
    static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(2);

    private static final Actor SYSTEM = Actor.system("heartbeat");

    @PersistenceContext
    EntityManager em;

    @Inject
    RunQueue queue;

    @Inject
    RunContexts contexts;

    @Inject
    RunTokens tokens;

    @Inject
    CostLedger costs;

    @Inject
    SecretRefs secretRefs;

    @Inject
    ActivityLog activity;

    @Inject
    Event<RunsQueued> queued;

    /** Queues the timer heartbeats that are due; returns how many. */
    public int enqueueDueTimers(int limit) {
        int count = queue.enqueueDueTimers(limit);
        if (count > 0) {
            queued.fire(new RunsQueued());
        }
        return count;
    }

    public List<UUID> claim(String node, Duration lease, int agentLimit) {
        return queue.claim(node, lease, agentLimit);
    }

    /**
     * Everything the adapter needs for a claimed run, or empty when the run is no longer running
     * (cancelled between claim and start). Issues the run-scoped API key.
     */
    public Optional<RunPlan> prepare(UUID runId, RuntimeSettings settings) {
        HeartbeatRun run = em.find(HeartbeatRun.class, runId);
        if (run == null || run.getStatus() != RunStatus.running) {
            return Optional.empty();
        }
        Agent agent = em.find(Agent.class, run.getAgentId());
        // secret references are resolved here, into this run's memory only (spec §7.12)
        Set<String> secretValues = new LinkedHashSet<>();
        JsonObject adapterConfig = withResolvedEnv(agent.getCompanyId(), JsonText.parse(agent.getAdapterConfig()), secretValues);
        Map<String, String> environment = new LinkedHashMap<>();
        Issue issue = run.getIssueId() == null ? null : em.find(Issue.class, run.getIssueId());
        if (issue != null && issue.getProjectId() != null) {
            Project project = em.find(Project.class, issue.getProjectId());
            if (project != null && project.getEnv() != null) {
                JsonObject projectEnv = JsonText.parse(project.getEnv());
                if (hasSecretRef(projectEnv)) {
                    SecretRefs.Resolved resolved = secretRefs.resolve(agent.getCompanyId(), "project env", projectEnv);
                    environment.putAll(resolved.values());
                    secretValues.addAll(resolved.secrets());
                } else {
                    strings(projectEnv).forEach(environment::put);
                }
            }
        }
        environment.keySet().removeIf(key -> key.startsWith("PAPERCLIP_"));
        Duration timeout = timeout(adapterConfig);
        String token = tokens.issue(runId, agent.getId(), agent.getCompanyId(),
                Timestamps.now().toInstant().plus(timeout).plus(TOKEN_SLACK));
        String wakeCommentId = wakeCommentId(run.getTriggerDetail());
        JsonObject context = contexts.of(run, agent, settings.apiUrl(), wakeCommentId);
        environment.put("PAPERCLIP_API_URL", settings.apiUrl().toString());
        environment.put("PAPERCLIP_AGENT_ID", agent.getId().toString());
        environment.put("PAPERCLIP_COMPANY_ID", agent.getCompanyId().toString());
        environment.put("PAPERCLIP_RUN_ID", runId.toString());
        environment.put("PAPERCLIP_API_KEY", token);
        if (run.getIssueId() != null) {
            environment.put("PAPERCLIP_TASK_ID", run.getIssueId().toString());
        }
        if (run.getWakeReason() != null) {
            environment.put("PAPERCLIP_WAKE_REASON", run.getWakeReason());
        }
        if (wakeCommentId != null) {
            environment.put("PAPERCLIP_WAKE_COMMENT_ID", wakeCommentId);
        }
        Path workDirectory = settings.workDirectory().resolve(runId.toString());
        Path logFile = settings.logDirectory().resolve(agent.getCompanyId().toString()).resolve(runId + ".ndjson");
        URI callback = URI.create(settings.apiUrl() + "/api/heartbeat-runs/" + runId + "/callback");
        Invocation invocation = new Invocation(runId, agent.getId(), agent.getName(), agent.getCompanyId(), adapterConfig,
                Map.copyOf(environment), context, RunContexts.prompt(agent, context), workDirectory,
                previousSession(agent.getId()), settings.apiUrl(), token, callback,
                DEFAULT_RUN_TIMEOUT, secretValues);
        return Optional.of(new RunPlan(agent.getAdapterType(), invocation, logFile, context.toString()));
    }

    /** The process (if any), log file and delivered context of a started run. */
    public void started(UUID runId, Long pid, OffsetDateTime processStart, Path logFile, String contextJson) {
        queue.processStarted(runId, pid, processStart, logFile == null ? null : logFile.toString(), contextJson);
    }

    public void progress(UUID runId, long logBytes, OffsetDateTime lastOutputAt) {
        queue.progress(runId, logBytes, lastOutputAt);
    }

    public void renew(String node, Collection<UUID> runIds, Duration lease) {
        queue.renewLeases(node, runIds, lease);
    }

    public int sweepStaleLocks() {
        return queue.sweepStaleLocks();
    }

    public List<UUID> cancelRequested(String node) {
        return queue.cancelRequested(node);
    }

    public List<UUID> orphans(String node, OffsetDateTime previousLifeBefore, Collection<UUID> trackedHere) {
        return queue.orphans(node, previousLifeBefore, trackedHere, 500);
    }

    public OffsetDateTime databaseNow() {
        return queue.databaseNow();
    }

    /**
     * Ends a run with its adapter's result (execution-semantics §5): the issue locks it still
     * holds are released, the agent goes back to idle (or error after a failure) once none of its
     * runs is running, reported usage becomes a cost event, and a successful issue run that left
     * no comment gets one follow-up wake. A run ends once: a second report is ignored.
     *
     * @return whether this call ended the run
     */
    public boolean finish(UUID runId, RunResult result, long logBytes, OffsetDateTime lastOutputAt) {
        HeartbeatRun run = em.find(HeartbeatRun.class, runId);
        if (run == null) {
            return false;
        }
        queue.lockAgent(run.getAgentId());
        boolean ended = queue.finish(runId, result.status(), result.exitCode(), bounded(result.error()),
                result.errorCode(), result.sessionId(), result.externalRunId(), usageJson(result.usage()), logBytes,
                lastOutputAt);
        if (!ended) {
            queue.logClosed(runId, logBytes, lastOutputAt);
            return false;
        }
        queue.releaseLocks(runId);
        queue.settleAgent(run.getAgentId(), result.status() == RunStatus.failed || result.status() == RunStatus.timed_out);
        if (result.usage() != null) {
            book(run, result.usage());
        }
        if (run.getIssueId() != null && result.status() == RunStatus.succeeded && run.getStartedAt() != null) {
            followUpOnSilence(run);
        }
        return true;
    }

    /**
     * A running run whose node is gone (execution-semantics §8, {@code process_lost}): failed with
     * a visible reason; retried once 30 s later (the retry takes over its issue locks), else its
     * locks are released.
     */
    public boolean lose(UUID runId) {
        HeartbeatRun run = em.find(HeartbeatRun.class, runId);
        if (run == null) {
            return false;
        }
        queue.lockAgent(run.getAgentId());
        boolean ended = queue.finish(runId, RunStatus.failed, null,
                "Process lost: the server running this run stopped before it finished", "process_lost", null, null,
                null, 0, null);
        if (!ended) {
            return false;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("errorCode", "process_lost");
        if (run.getProcessLossRetryCount() < PROCESS_LOSS_RETRIES) {
            RunQueue.Enqueued retry = queue.enqueue(run.getCompanyId(), run.getAgentId(), run.getIssueId(),
                    InvocationSource.automation, "process_lost_retry", null, Timestamps.now().plus(RETRY_DELAY),
                    runId, run.getProcessLossRetryCount() + 1);
            if (retry.created()) {
                queue.handOverLocks(runId, retry.runId());
            } else {
                queue.releaseLocks(runId);
            }
            details.put("retryRunId", retry.runId().toString());
        } else {
            queue.releaseLocks(runId);
        }
        queue.settleAgent(run.getAgentId(), true);
        activity.record(SYSTEM, run.getCompanyId(), "heartbeat.process_lost", "heartbeat_run", runId, run.getAgentId(), details);
        return true;
    }

    /**
     * A company's or project's budget is used up (spec §13.2, {@code cost.boundary.BudgetExhausted}):
     * its queued runs are cancelled and its running runs asked to stop; the nodes running them stop
     * them gracefully, then forcefully. Returns the running runs asked to stop.
     */
    public List<UUID> stopForBudget(UUID companyId, UUID projectId) {
        String message = projectId == null ? "Cancelled: the company's monthly budget is used up"
                : "Cancelled: the project's monthly budget is used up";
        for (UUID runId : queue.budgetRuns(companyId, projectId, RunStatus.queued)) {
            queue.finish(runId, RunStatus.cancelled, null, message, "budget_exceeded", null, null, null, 0, null);
        }
        List<UUID> stopping = new ArrayList<>();
        for (UUID runId : queue.budgetRuns(companyId, projectId, RunStatus.running)) {
            if (queue.requestCancel(runId)) {
                stopping.add(runId);
            }
        }
        return stopping;
    }

    /**
     * The still-living process of a run this node started in an earlier life (same pid and start
     * time, so a recycled pid is never touched), to be stopped before the run is reaped.
     */
    public Optional<ProcessHandle> process(UUID runId, String node) {
        HeartbeatRun run = em.find(HeartbeatRun.class, runId);
        if (run == null || run.getProcessPid() == null || run.getProcessStartedAt() == null
                || !node.equals(run.getRunnerNode())) {
            return Optional.empty();
        }
        java.time.Instant recorded = run.getProcessStartedAt().toInstant();
        return ProcessHandle.of(run.getProcessPid())
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant()
                        .map(start -> Math.abs(Duration.between(start, recorded).toMillis()) < 2_000)
                        .orElse(false));
    }

    private void book(HeartbeatRun run, Usage usage) {
        if (usage.costCents() == 0 && usage.inputTokens() == 0 && usage.cachedInputTokens() == 0 && usage.outputTokens() == 0) {
            return;
        }
        String provider = usage.provider() == null || usage.provider().isBlank() ? "unknown" : usage.provider();
        String model = usage.model() == null || usage.model().isBlank() ? "unknown" : usage.model();
        UUID eventId = costs.book(new CostLedger.Entry(run.getCompanyId(), run.getAgentId(), run.getIssueId(), run.getId(),
                provider, model, usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens(), usage.costCents(),
                Timestamps.now()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("costCents", usage.costCents());
        details.put("provider", provider);
        details.put("model", model);
        details.put("heartbeatRunId", run.getId().toString());
        activity.record(new Actor(ActorType.system, "heartbeat", null, run.getId()), run.getCompanyId(),
                "cost.reported", "cost_event", eventId, run.getAgentId(), details);
    }

    /** execution-semantics §5 step 2: one status-only follow-up wake, then {@code retry_exhausted}. */
    private void followUpOnSilence(HeartbeatRun run) {
        if (queue.commentedSince(run.getIssueId(), run.getAgentId(), run.getStartedAt())) {
            queue.markCommentStatus(run.getId(), "satisfied");
            return;
        }
        if ("missing_issue_comment".equals(run.getWakeReason())) {
            queue.markCommentStatus(run.getId(), "retry_exhausted");
            return;
        }
        Issue issue = em.find(Issue.class, run.getIssueId());
        // only for work that asks for its agent: a parked backlog issue gets no recovery (execution-semantics §3)
        if (issue == null || !run.getAgentId().equals(issue.getAssigneeAgentId()) || !IssueStatus.ACTIONABLE.contains(issue.getStatus())) {
            queue.markCommentStatus(run.getId(), "not_applicable");
            return;
        }
        queue.enqueue(run.getCompanyId(), run.getAgentId(), run.getIssueId(), InvocationSource.automation,
                "missing_issue_comment", null, null, null, 0);
        queue.markCommentStatus(run.getId(), "retry_queued");
        queued.fire(new RunsQueued());
    }

    private String previousSession(UUID agentId) {
        // the latest run that named a session, or found its session gone (then start afresh)
        List<?> rows = em.createNativeQuery("""
                        select case when error_code = 'session_unknown' then null else session_id end
                          from heartbeat_runs
                         where agent_id = cast(?1 as uuid) and finished_at is not null
                           and (session_id is not null or error_code = 'session_unknown')
                         order by finished_at desc limit 1
                        """)
                .setParameter(1, agentId.toString())
                .getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** A run's limit as configured ({@code timeoutSec}), else the default; bounded so the token's lifetime is. */
    static Duration timeout(JsonObject adapterConfig) {
        JsonValue value = adapterConfig == null ? null : adapterConfig.get("timeoutSec");
        if (value instanceof jakarta.json.JsonNumber number && number.isIntegral() && number.longValue() > 0) {
            Duration configured = Duration.ofSeconds(Math.min(number.longValue(), MAX_TOKEN_LIFETIME.toSeconds()));
            return configured;
        }
        return DEFAULT_RUN_TIMEOUT;
    }

    /**
     * The agent's config with the secret references of its {@code env} replaced by their values —
     * a copy for this run; the stored config keeps the references. A config without references is
     * handed on as stored.
     */
    private JsonObject withResolvedEnv(UUID companyId, JsonObject adapterConfig, Set<String> secretValues) {
        if (adapterConfig == null || !(adapterConfig.get("env") instanceof JsonObject env) || !hasSecretRef(env)) {
            return adapterConfig;
        }
        SecretRefs.Resolved resolved = secretRefs.resolve(companyId, "agent env", env);
        secretValues.addAll(resolved.secrets());
        JsonObjectBuilder values = JsonText.JSON.createObjectBuilder();
        resolved.values().forEach(values::add);
        return JsonText.JSON.createObjectBuilder(adapterConfig).add("env", values).build();
    }

    private static boolean hasSecretRef(JsonObject env) {
        return env != null && env.values().stream().anyMatch(EnvBindings::isSecretRef);
    }

    static Map<String, String> strings(JsonObject env) {
        Map<String, String> values = new LinkedHashMap<>();
        if (env != null) {
            env.forEach((key, value) -> {
                if (value instanceof JsonString text) {
                    values.put(key, text.getString());
                } else if (value.getValueType() != JsonValue.ValueType.NULL
                        && value.getValueType() != JsonValue.ValueType.OBJECT) {
                    values.put(key, value.toString());
                }
            });
        }
        return values;
    }

    private static String wakeCommentId(String triggerDetail) {
        if (triggerDetail == null || !triggerDetail.startsWith("{")) {
            return null;
        }
        JsonObject detail = JsonText.parse(triggerDetail);
        return detail.getString("commentId", null);
    }

    private static String usageJson(Usage usage) {
        if (usage == null) {
            return null;
        }
        JsonObjectBuilder json = JsonText.JSON.createObjectBuilder()
                .add("inputTokens", usage.inputTokens())
                .add("cachedInputTokens", usage.cachedInputTokens())
                .add("outputTokens", usage.outputTokens())
                .add("costCents", usage.costCents());
        if (usage.provider() != null) {
            json.add("provider", usage.provider());
        }
        if (usage.model() != null) {
            json.add("model", usage.model());
        }
        if (usage.costUsd() != null) {
            json.add("costUsd", usage.costUsd());
        }
        return json.build().toString();
    }

    /** Error texts come from adapters and processes: bounded, and free of what PostgreSQL refuses. */
    static String bounded(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replace('\u0000', '\uFFFD');
        StringBuilder safe = new StringBuilder(Math.min(clean.length(), 2_000));
        for (int i = 0; i < clean.length() && safe.length() < 2_000; i++) {
            char c = clean.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < clean.length() && Character.isLowSurrogate(clean.charAt(i + 1))) {
                safe.append(c).append(clean.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                safe.append('\uFFFD');
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }
}
