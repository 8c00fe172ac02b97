package dev.paperclipee.faces;

import dev.paperclipee.agent.boundary.AgentChanges;
import dev.paperclipee.agent.boundary.AgentKeys;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.boundary.IssuedKey;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentApiKey;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.agent.entity.HeartbeatPolicy;
import dev.paperclipee.cost.boundary.Budgets;
import dev.paperclipee.cost.boundary.Costs;
import dev.paperclipee.cost.control.CostQueries;
import dev.paperclipee.faces.routing.BoardRoute;
import dev.paperclipee.heartbeat.boundary.HeartbeatRuns;
import dev.paperclipee.heartbeat.control.Adapters;
import dev.paperclipee.heartbeat.control.RunLogFile;
import dev.paperclipee.heartbeat.control.RunOutput;
import dev.paperclipee.heartbeat.entity.HeartbeatRun;
import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * {@code /companies/{id}/agents/{agentId}}: the agent's configuration, status and quick actions,
 * its API keys (a new key is shown once), its runs with a live tail of the selected run's log, and
 * its spend by month.
 */
@Named
@ViewScoped
public class AgentDetail implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int RUNS = 15;
    private static final int LOG_PAGE_BYTES = 64 * 1024;
    private static final int LOG_KEEP_CHARS = 200_000;

    @Inject
    BoardRoute route;

    @Inject
    BoardSession session;

    @Inject
    transient Agents agents;

    @Inject
    transient AgentKeys keys;

    @Inject
    transient Budgets budgets;

    @Inject
    transient HeartbeatRuns runs;

    @Inject
    transient Costs costs;

    private UUID companyId;
    private UUID agentId;
    private Agent agent;
    private List<HeartbeatRun> recentRuns;
    private List<AgentApiKey> apiKeys;
    private List<CostQueries.MonthCosts> months;

    // configuration form
    private String adapterType;
    private String adapterConfig;
    private boolean heartbeatEnabled;
    private int intervalSec;
    private int maxConcurrentRuns;
    private boolean wakeOnDemand;
    private Double budgetDollars;

    // keys
    private String newKeyName;
    private String issuedToken;

    // run log
    private UUID selectedRunId;
    private HeartbeatRun selectedRun;
    private final StringBuilder log = new StringBuilder();
    private long logOffset;

    @PostConstruct
    void load() {
        companyId = route.getCompanyId();
        agentId = route.getItemUuid();
        refresh();
        if (!agent.getCompanyId().equals(companyId)) {
            throw NotFoundException.of("Agent", agentId);
        }
        resetForm();
        apiKeys = keys.list(session.actor(), agentId);
        months = costs.monthly(session.actor(), companyId, agentId, 6);
        if (!recentRuns.isEmpty()) {
            selectRun(recentRuns.get(0).getId());
        }
    }

    /** Reads the agent and its runs again (after an action, and when the template's live check saw news). */
    public void refresh() {
        agent = agents.find(session.actor(), agentId);
        recentRuns = runs.list(session.actor(), companyId, agentId, null, RUNS, 0);
    }

    private void resetForm() {
        adapterType = agent.getAdapterType();
        adapterConfig = pretty(agent.getAdapterConfig());
        JsonObject runtime = HeartbeatPolicy.normalise(JsonText.parse(agent.getRuntimeConfig()));
        JsonObject heartbeat = runtime.getJsonObject(HeartbeatPolicy.KEY);
        heartbeatEnabled = heartbeat.getBoolean("enabled");
        intervalSec = heartbeat.getInt("intervalSec");
        maxConcurrentRuns = heartbeat.getInt("maxConcurrentRuns");
        wakeOnDemand = heartbeat.getBoolean("wakeOnDemand");
        budgetDollars = agent.getBudgetMonthlyCents() == 0 ? null : agent.getBudgetMonthlyCents() / 100.0;
    }

    public void saveConfig() {
        JsonObject runtime = JsonText.parse(agent.getRuntimeConfig());
        JsonObjectBuilder heartbeat = JsonText.JSON.createObjectBuilder(
                        runtime == null || !(runtime.get(HeartbeatPolicy.KEY) instanceof JsonObject h) ? JsonValue.EMPTY_JSON_OBJECT : h)
                .add("enabled", heartbeatEnabled).add("intervalSec", intervalSec)
                .add("maxConcurrentRuns", maxConcurrentRuns).add("wakeOnDemand", wakeOnDemand);
        JsonObject newRuntime = JsonText.JSON.createObjectBuilder(runtime == null ? JsonValue.EMPTY_JSON_OBJECT : runtime)
                .add(HeartbeatPolicy.KEY, heartbeat).build();
        agents.update(session.actor(), agentId, new AgentChanges(null, null, null, null, null, null, null, adapterType,
                Change.to(parseObject(adapterConfig)), Change.to(newRuntime), null, null, null));
        long cents = budgetDollars == null ? 0 : Math.round(budgetDollars * 100);
        if (cents != agent.getBudgetMonthlyCents()) {
            budgets.agent(session.actor(), agentId, cents);
        }
        refresh();
        resetForm();
        Toasts.info("Configuration of " + agent.getName() + " saved");
    }

    public void pause() {
        agent = agents.pause(session.actor(), agentId);
        Toasts.info(agent.getName() + " paused", "Its queued runs are cancelled and a running one is stopped.");
        refresh();
    }

    public void resume() {
        agent = agents.resume(session.actor(), agentId);
        Toasts.info(agent.getName() + " resumed");
        refresh();
    }

    public void terminate() {
        agent = agents.terminate(session.actor(), agentId);
        Toasts.info(agent.getName() + " terminated", "Its API keys no longer work.");
        refresh();
        apiKeys = keys.list(session.actor(), agentId);
    }

    public void invoke() {
        HeartbeatRun run = runs.invoke(session.actor(), agentId);
        Toasts.info("Heartbeat queued for " + agent.getName(), "Run " + run.getId().toString().substring(0, 8) + " — its log follows below.");
        refresh();
        selectRun(run.getId());
    }

    public void createKey() {
        IssuedKey issued = keys.create(session.actor(), agentId, newKeyName);
        issuedToken = issued.token();
        newKeyName = null;
        apiKeys = keys.list(session.actor(), agentId);
        Toasts.info("API key created", "Copy it now: it is shown only once.");
    }

    /** Forgets the key shown once. */
    public void dismissKey() {
        issuedToken = null;
    }

    public void revokeKey(UUID keyId) {
        AgentApiKey revoked = keys.revoke(session.actor(), agentId, keyId);
        apiKeys = keys.list(session.actor(), agentId);
        Toasts.info("Key " + revoked.getName() + " revoked");
    }

    public void selectRun(UUID runId) {
        selectedRunId = runId;
        log.setLength(0);
        logOffset = 0;
        tail();
    }

    /** Reads what the selected run's log has gained since the last read. */
    public void tail() {
        if (selectedRunId == null) {
            return;
        }
        boolean wasActive = selectedRun != null && selectedRun.isActive();
        HeartbeatRuns.RunLog page;
        do {
            page = runs.log(session.actor(), selectedRunId, logOffset, LOG_PAGE_BYTES);
            for (RunLogFile.Chunk chunk : page.chunks()) {
                boolean plain = chunk.stream() == null || chunk.stream() == RunOutput.Stream.stdout;
                log.append(plain ? "" : "[" + chunk.stream() + "] ").append(chunk.chunk());
                if (!chunk.chunk().endsWith("\n")) {
                    log.append('\n');
                }
            }
            boolean more = page.nextOffset() > logOffset && !page.chunks().isEmpty();
            logOffset = page.nextOffset();
            if (!more) {
                break;
            }
        } while (true);
        if (log.length() > LOG_KEEP_CHARS) {
            log.delete(0, log.length() - LOG_KEEP_CHARS);
        }
        selectedRun = page.run();
        if (wasActive && !selectedRun.isActive()) {
            refresh(); // the run ended: its status, the agent's status and the run list changed
        }
    }

    public boolean isTailing() {
        return selectedRun != null && selectedRun.isActive();
    }

    private static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return JsonText.parse(text);
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidInputException("adapterConfig", "must be a JSON object, e.g. {\"command\": \"claude\"}", "invalid_json");
        }
    }

    private static String pretty(String json) {
        return json == null ? "{}" : json;
    }

    public boolean isPausable() {
        return agent.getStatus() == AgentStatus.idle || agent.getStatus() == AgentStatus.running;
    }

    public boolean isResumable() {
        return agent.getStatus() == AgentStatus.paused;
    }

    public boolean isTerminated() {
        return agent.isTerminated();
    }

    public long getMaxMonthCents() {
        return Math.max(1, months.stream().mapToLong(m -> m.totals().costCents()).max().orElse(1));
    }

    public Agent getAgent() { return agent; }
    public UUID getCompanyId() { return companyId; }
    public List<HeartbeatRun> getRecentRuns() { return recentRuns; }
    public List<AgentApiKey> getApiKeys() { return apiKeys; }
    public List<CostQueries.MonthCosts> getMonths() { return months; }
    public List<String> getAdapterTypes() { return Adapters.TYPES; }
    public String getAdapterType() { return adapterType; }
    public void setAdapterType(String adapterType) { this.adapterType = adapterType; }
    public String getAdapterConfig() { return adapterConfig; }
    public void setAdapterConfig(String adapterConfig) { this.adapterConfig = adapterConfig; }
    public boolean isHeartbeatEnabled() { return heartbeatEnabled; }
    public void setHeartbeatEnabled(boolean heartbeatEnabled) { this.heartbeatEnabled = heartbeatEnabled; }
    public int getIntervalSec() { return intervalSec; }
    public void setIntervalSec(int intervalSec) { this.intervalSec = intervalSec; }
    public int getMaxConcurrentRuns() { return maxConcurrentRuns; }
    public void setMaxConcurrentRuns(int maxConcurrentRuns) { this.maxConcurrentRuns = maxConcurrentRuns; }
    public boolean isWakeOnDemand() { return wakeOnDemand; }
    public void setWakeOnDemand(boolean wakeOnDemand) { this.wakeOnDemand = wakeOnDemand; }
    public Double getBudgetDollars() { return budgetDollars; }
    public void setBudgetDollars(Double budgetDollars) { this.budgetDollars = budgetDollars; }
    public String getNewKeyName() { return newKeyName; }
    public void setNewKeyName(String newKeyName) { this.newKeyName = newKeyName; }
    public String getIssuedToken() { return issuedToken; }
    public UUID getSelectedRunId() { return selectedRunId; }
    public HeartbeatRun getSelectedRun() { return selectedRun; }
    public String getLog() { return log.toString(); }
}
