package dev.paperclipee.agent.entity;

import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.MonthlySpend;
import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Timestamps;
import dev.paperclipee.shared.entity.Versioned;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * An agent of a company (spec §7.2). It guards its own rules: the §8.1 status machine (an
 * illegal move is a 409, {@code terminated} is final), its reporting line (a manager of the same
 * company, not terminated, never a cycle: 422), and its JSON columns — objects that PostgreSQL
 * can store, with the heartbeat policy of the runtime config normalised ({@link HeartbeatPolicy}).
 * Who may trigger which change (terminate is the board's) is the boundary's check; that two
 * concurrent re-parentings cannot close a loop needs the company row lock the boundary takes.
 */
@Entity
@Table(name = "agents")
@NamedQuery(name = Agent.BY_COMPANY,
        query = "select a from Agent a where a.companyId = :companyId order by a.createdAt, a.id")
@NamedQuery(name = Agent.BY_COMPANY_AND_STATUS,
        query = "select a from Agent a where a.companyId = :companyId and a.status = :status order by a.createdAt, a.id")
public class Agent extends Versioned {

    public static final String BY_COMPANY = "Agent.byCompany";
    public static final String BY_COMPANY_AND_STATUS = "Agent.byCompanyAndStatus";

    /** Adapter types are open-ended names ({@code process}, {@code claude_local}, …), but short. */
    public static final int ADAPTER_TYPE_MAX = 100;
    public static final String DEFAULT_ADAPTER_TYPE = "process";

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private AgentRole role;

    private String title;

    private String icon;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private AgentStatus status;

    @Column(name = "reports_to")
    @Convert(converter = NullableUuid.class)
    private UUID reportsTo;

    private String capabilities;

    @Column(name = "adapter_type", nullable = false)
    private String adapterType;

    @Column(name = "adapter_config", nullable = false, columnDefinition = "jsonb")
    private String adapterConfig;

    @Column(name = "runtime_config", nullable = false, columnDefinition = "jsonb")
    private String runtimeConfig;

    /** Environments are not part of the schema yet; kept as stored. */
    @Column(name = "default_environment_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID defaultEnvironmentId;

    @Column(name = "context_mode", nullable = false)
    @Enumerated(EnumType.STRING)
    private ContextMode contextMode;

    @Column(name = "budget_monthly_cents", nullable = false)
    private int budgetMonthlyCents;

    /** Advanced only by cost ingestion's atomic SQL update, never through this object. */
    @Column(name = "spent_monthly_cents", nullable = false, updatable = false)
    private int spentMonthlyCents;

    /** The UTC month {@link #spentMonthlyCents} belongs to; advanced with it, by the same statement. */
    @Column(name = "spent_month", insertable = false, updatable = false)
    private LocalDate spentMonth;

    @Column(name = "pause_reason")
    @Enumerated(EnumType.STRING)
    private PauseReason pauseReason;

    @Column(name = "paused_at")
    private OffsetDateTime pausedAt;

    @Column(nullable = false, columnDefinition = "jsonb")
    private String permissions;

    @Column(name = "last_heartbeat_at")
    private OffsetDateTime lastHeartbeatAt;

    @Column(columnDefinition = "jsonb")
    private String metadata;

    protected Agent() {
        // JPA
    }

    /**
     * A new agent, {@code idle} (api-contract), without a manager ({@link #reportTo} links it).
     * A null role is {@code general}; a null adapter type is {@code process}; the JSON columns
     * start empty, with the default heartbeat policy.
     */
    public Agent(UUID companyId, String name, AgentRole role, String adapterType) {
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        rename(name);
        this.role = role == null ? AgentRole.general : role;
        this.status = AgentStatus.idle;
        this.contextMode = ContextMode.thin;
        useAdapter(adapterType == null ? DEFAULT_ADAPTER_TYPE : adapterType);
        configureAdapter(null);
        configureRuntime(null);
        grant(null);
    }

    public void rename(String newName) {
        this.name = Text.required("name", newName, Text.NAME);
    }

    public void changeRole(AgentRole newRole) {
        this.role = newRole;
    }

    /** Null or blank clears the title. */
    public void retitle(String newTitle) {
        this.title = Text.optional("title", Text.blankToNull(newTitle), Text.NAME);
    }

    /** Null or blank clears the icon. */
    public void changeIcon(String newIcon) {
        this.icon = Text.optional("icon", Text.blankToNull(newIcon), Text.NAME);
    }

    /** Null or blank clears the capabilities (free text describing what the agent can do). */
    public void describeCapabilities(String text) {
        this.capabilities = Text.optional("capabilities", Text.blankToNull(text), Text.LONG);
    }

    /** The adapter type: free text (adapters are open-ended), trimmed, non-empty, at most {@value #ADAPTER_TYPE_MAX} characters. */
    public void useAdapter(String type) {
        this.adapterType = Text.required("adapterType", type, ADAPTER_TYPE_MAX);
    }

    /** The adapter's configuration (may hold secrets later: never copied into activity details). Null is {@code {}}. */
    public void configureAdapter(JsonObject config) {
        this.adapterConfig = kept(adapterConfig, JsonText.of("adapterConfig", config == null ? JsonValue.EMPTY_JSON_OBJECT : config));
    }

    /** The runtime config, with its heartbeat policy normalised; null is {@code {}} with the default policy. */
    public void configureRuntime(JsonObject config) {
        this.runtimeConfig = kept(runtimeConfig, JsonText.of("runtimeConfig", HeartbeatPolicy.normalise(config)));
    }

    /** The agent's permissions object; null is {@code {}}. */
    public void grant(JsonObject newPermissions) {
        this.permissions = kept(permissions, JsonText.of("permissions", newPermissions == null ? JsonValue.EMPTY_JSON_OBJECT : newPermissions));
    }

    /** Free metadata, or null for none. */
    public void annotate(JsonObject newMetadata) {
        this.metadata = kept(metadata, JsonText.of("metadata", newMetadata));
    }

    /**
     * The current text when the new one is the same object: PostgreSQL answers jsonb in its own
     * key order and spacing, so comparing texts would rewrite an unchanged row.
     */
    private static String kept(String current, String next) {
        return current != null && next != null && JsonText.parse(current).equals(JsonText.parse(next)) ? current : next;
    }

    /** The monthly budget in cents; 0 means no limit. */
    public void budget(long monthlyCents) {
        this.budgetMonthlyCents = Text.nonNegative("budgetMonthlyCents", monthlyCents);
    }

    /**
     * Re-links the agent under {@code manager}; null makes it a root of the org chart. The manager
     * must be an agent of the same company that is not terminated, and must not be this agent or
     * one of its reports, direct or indirect (422).
     *
     * @param agents looks up an agent of the company by id (null when absent) to walk up from the manager
     */
    public void reportTo(Agent manager, Function<UUID, Agent> agents) {
        if (manager == null) {
            reportsTo = null;
            return;
        }
        Map<String, Object> details = Map.of("reportsTo", manager.id.toString());
        if (!manager.companyId.equals(companyId)) {
            throw new RuleViolationException("reportsTo must be an agent of the same company", details);
        }
        if (manager.id.equals(id)) {
            throw new RuleViolationException("An agent cannot report to itself", details);
        }
        if (manager.status == AgentStatus.terminated) {
            throw new RuleViolationException("reportsTo must not be a terminated agent", details);
        }
        Set<UUID> seen = new HashSet<>();
        for (Agent a = manager; a != null && seen.add(a.id); a = a.reportsTo == null ? null : agents.apply(a.reportsTo)) {
            if (a.id.equals(id)) {
                throw new RuleViolationException("reportsTo would make a cycle: the new manager reports to this agent", details);
            }
        }
        reportsTo = manager.id;
    }

    /**
     * A §8.1 move that has no side effects of its own ({@code idle → running}, {@code running →
     * idle | error}, {@code error → idle}); pausing, resuming and terminating have their methods.
     * An illegal move is a 409.
     */
    public void moveTo(AgentStatus target) {
        switch (target) {
            case paused -> pause(PauseReason.manual);
            case terminated -> terminate();
            default -> {
                if (status == AgentStatus.paused && target == AgentStatus.idle) {
                    resume();
                } else {
                    require(target);
                    status = target;
                }
            }
        }
    }

    /** {@code idle | running → paused}; a paused agent is not paused again (409). */
    public void pause(PauseReason reason) {
        if (status == AgentStatus.paused) {
            throw conflict("Agent is already paused", AgentStatus.paused);
        }
        require(AgentStatus.paused);
        status = AgentStatus.paused;
        pauseReason = reason;
        pausedAt = Timestamps.now();
    }

    /** {@code paused → idle}, clearing the pause reason and time; anything else is a 409. */
    public void resume() {
        if (status != AgentStatus.paused) {
            throw conflict(status == AgentStatus.terminated ? "A terminated agent cannot be resumed" : "Agent is not paused",
                    AgentStatus.idle);
        }
        status = AgentStatus.idle;
        pauseReason = null;
        pausedAt = null;
    }

    /** Anything but {@code terminated} → {@code terminated}, for good; the pause fields are cleared. */
    public void terminate() {
        require(AgentStatus.terminated);
        status = AgentStatus.terminated;
        pauseReason = null;
        pausedAt = null;
    }

    private void require(AgentStatus target) {
        if (!status.canMoveTo(target)) {
            String message = status == AgentStatus.terminated
                    ? "Agent is terminated; terminated agents cannot change status"
                    : "Agent cannot go from " + WireEnum.of(status) + " to " + WireEnum.of(target);
            throw conflict(message, target);
        }
    }

    private ConflictException conflict(String message, AgentStatus target) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("agentId", id.toString());
        details.put("status", WireEnum.of(status));
        details.put("requestedStatus", WireEnum.of(target));
        return new ConflictException(message, details);
    }

    public boolean isTerminated() {
        return status == AgentStatus.terminated;
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public String getName() { return name; }
    public AgentRole getRole() { return role; }
    public String getTitle() { return title; }
    public String getIcon() { return icon; }
    public AgentStatus getStatus() { return status; }
    public UUID getReportsTo() { return reportsTo; }
    public String getCapabilities() { return capabilities; }
    public String getAdapterType() { return adapterType; }
    /** JSON text of an object. */
    public String getAdapterConfig() { return adapterConfig; }
    /** JSON text of an object with a complete {@code heartbeat} policy. */
    public String getRuntimeConfig() { return runtimeConfig; }
    public UUID getDefaultEnvironmentId() { return defaultEnvironmentId; }
    public ContextMode getContextMode() { return contextMode; }
    public int getBudgetMonthlyCents() { return budgetMonthlyCents; }
    /** This month's spend: a counter of an earlier month reads as 0 (spec §13, {@link MonthlySpend}). */
    public int getSpentMonthlyCents() { return MonthlySpend.current(spentMonthlyCents, spentMonth); }
    /** Where this month's spend stands against the budget: the soft alert at 80 %, the hard stop at 100 %. */
    public MonthlySpend.BudgetAlert getBudgetAlert() { return MonthlySpend.alert(getSpentMonthlyCents(), budgetMonthlyCents); }
    public PauseReason getPauseReason() { return pauseReason; }
    public OffsetDateTime getPausedAt() { return pausedAt; }
    /** JSON text of an object. */
    public String getPermissions() { return permissions; }
    public OffsetDateTime getLastHeartbeatAt() { return lastHeartbeatAt; }
    /** JSON text of an object, or null. */
    public String getMetadata() { return metadata; }
}
