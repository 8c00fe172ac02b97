package dev.paperclipee.heartbeat.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.company.entity.CompanyStatus;
import dev.paperclipee.heartbeat.control.RunLogFile;
import dev.paperclipee.heartbeat.control.RunQueue;
import dev.paperclipee.heartbeat.control.RunResult;
import dev.paperclipee.heartbeat.entity.HeartbeatRun;
import dev.paperclipee.heartbeat.entity.InvocationSource;
import dev.paperclipee.heartbeat.entity.RunStatus;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.MonthlySpend;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Heartbeat runs as the board and agents see them (spec §10.3 {@code heartbeat/invoke}, §7.8,
 * api-contract runs rows): invoke an agent now, read and list runs, read a run's log from an
 * offset (live tail), cancel a run, and the completion callback of remote (http) agents.
 * Invocation only queues: the run starts on a dispatcher thread once the transaction commits, so
 * the answer (202) never waits for the agent.
 */
@Stateless
public class HeartbeatRuns {

    /** §13.2 / api-contract: a paused, terminated, unapproved or over-budget agent is not invoked (409). */
    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyScope scope;

    @Inject
    RunQueue queue;

    @Inject
    ActivityLog activity;

    @Inject
    Event<RunsQueued> queued;

    @Inject
    Event<RunsToStop> stopping;

    @EJB
    RunLifecycle lifecycle;

    /**
     * Queues a manual heartbeat of the agent (board, or the agent itself); an equivalent run that is
     * already queued is returned instead of a second one.
     */
    public HeartbeatRun invoke(Actor actor, UUID agentId) {
        Agent agent = agent(actor, agentId);
        if (actor.isAgent() && !agentId.equals(actor.agentId())) {
            throw new ForbiddenException("Board access required to invoke another agent");
        }
        Company company = scope.require(actor, agent.getCompanyId());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("agentId", agentId.toString());
        details.put("status", WireEnum.of(agent.getStatus()));
        if (agent.getStatus() == AgentStatus.paused || agent.getStatus() == AgentStatus.terminated
                || agent.getStatus() == AgentStatus.pending_approval) {
            throw new ConflictException("Agent is " + WireEnum.of(agent.getStatus()) + " and cannot be invoked", details);
        }
        if (company.getStatus() != CompanyStatus.active) {
            details.put("companyStatus", WireEnum.of(company.getStatus()));
            throw new ConflictException("Company is " + WireEnum.of(company.getStatus()) + "; its agents cannot be invoked", details);
        }
        if (agent.getBudgetAlert() == MonthlySpend.BudgetAlert.hard) {
            details.put("budgetMonthlyCents", agent.getBudgetMonthlyCents());
            details.put("spentMonthlyCents", agent.getSpentMonthlyCents());
            throw new ConflictException("Agent has used its monthly budget; it cannot be invoked", details);
        }
        if (company.getBudgetAlert() == MonthlySpend.BudgetAlert.hard) {
            details.put("companyBudgetMonthlyCents", company.getBudgetMonthlyCents());
            details.put("companySpentMonthlyCents", company.getSpentMonthlyCents());
            throw new ConflictException("Company has used its monthly budget; its agents cannot be invoked", details);
        }
        RunQueue.Enqueued run = queue.enqueue(agent.getCompanyId(), agentId, null, InvocationSource.manual, "manual",
                null, null, null, 0);
        if (run.created()) {
            activity.record(actor, agent.getCompanyId(), "heartbeat.invoked", "heartbeat_run", run.runId(), agentId,
                    Map.of("agentId", agentId.toString(), "invocationSource", "manual"));
        }
        queued.fire(new RunsQueued());
        return em.find(HeartbeatRun.class, run.runId());
    }

    /** A run of the caller's company; another company's run is not found (404). */
    public HeartbeatRun find(Actor actor, UUID runId) {
        HeartbeatRun run = em.find(HeartbeatRun.class, runId);
        if (run == null || (actor.isAgent() && !run.getCompanyId().equals(actor.companyId()))) {
            throw NotFoundException.of("Heartbeat run", runId);
        }
        return run;
    }

    /** Newest first; optionally one agent's and only some statuses. */
    public List<HeartbeatRun> list(Actor actor, UUID companyId, UUID agentId, Set<RunStatus> statuses, int limit, int offset) {
        scope.require(actor, companyId);
        boolean byStatus = statuses != null && !statuses.isEmpty();
        String name = agentId == null
                ? (byStatus ? HeartbeatRun.BY_COMPANY_AND_STATUS : HeartbeatRun.BY_COMPANY)
                : (byStatus ? HeartbeatRun.BY_AGENT_AND_STATUS : HeartbeatRun.BY_AGENT);
        TypedQuery<HeartbeatRun> query = em.createNamedQuery(name, HeartbeatRun.class).setParameter("companyId", companyId);
        if (agentId != null) {
            query.setParameter("agentId", agentId);
        }
        if (byStatus) {
            query.setParameter("statuses", statuses);
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /**
     * Stops a run: a queued one is cancelled at once; a running one is asked to stop, and its node
     * stops it gracefully, then forcefully (the adapter's cancel); it then ends {@code cancelled}.
     * Board, or the run's own agent. A finished run cannot be cancelled (409).
     */
    public HeartbeatRun cancel(Actor actor, UUID runId) {
        HeartbeatRun run = find(actor, runId);
        if (actor.isAgent() && !run.getAgentId().equals(actor.agentId())) {
            throw new ForbiddenException("Board access required to cancel another agent's run");
        }
        if (run.getStatus().terminal()) {
            throw new ConflictException("Run already finished", Map.of("runId", runId.toString(),
                    "status", WireEnum.of(run.getStatus())));
        }
        if (run.getStatus() == RunStatus.queued) {
            lifecycle.finish(runId, RunResult.cancelled("Cancelled before it started"), 0, null);
        } else if (queue.requestCancel(runId)) {
            stopping.fire(new RunsToStop(List.of(runId)));
        }
        activity.record(actor, run.getCompanyId(), "heartbeat.cancelled", "heartbeat_run", runId, run.getAgentId(),
                Map.of("previousStatus", WireEnum.of(run.getStatus())));
        em.flush();
        em.refresh(run);
        return run;
    }

    /** The run's log from a byte offset: whole NDJSON lines only, so a client tails by passing {@code nextOffset} back. */
    public RunLog log(Actor actor, UUID runId, long offset, int maxBytes) {
        HeartbeatRun run = find(actor, runId);
        String path = (String) em.createNativeQuery("select log_path from heartbeat_runs where id = cast(?1 as uuid)")
                .setParameter(1, runId.toString())
                .getSingleResult();
        if (path == null) {
            return new RunLog(run, List.of(), offset);
        }
        try {
            RunLogFile.Page page = RunLogFile.read(Path.of(path), offset, maxBytes);
            return new RunLog(run, page.chunks(), page.nextOffset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page of a run's log. */
    public record RunLog(HeartbeatRun run, List<RunLogFile.Chunk> chunks, long nextOffset) {
    }

    /**
     * A remote agent reports its run's end (http adapter's callback, spec §11.3), with the run's
     * own key: only that run's key may report it, once.
     */
    public HeartbeatRun report(Actor actor, UUID runId, RunResult result) {
        HeartbeatRun run = find(actor, runId);
        if (!actor.isAgent() || !runId.equals(actor.runId())) {
            throw new ForbiddenException("Only the run's own key may report its completion");
        }
        if (run.getStatus() != RunStatus.running) {
            throw new ConflictException("Run is not running", Map.of("runId", runId.toString(),
                    "status", WireEnum.of(run.getStatus())));
        }
        lifecycle.finish(runId, result, 0, null);
        stopping.fire(new RunsToStop(List.of(runId)));
        em.refresh(run);
        return run;
    }

    private Agent agent(Actor actor, UUID agentId) {
        Agent agent = em.find(Agent.class, agentId);
        if (agent == null || (actor.isAgent() && !agent.getCompanyId().equals(actor.companyId()))) {
            throw NotFoundException.of("Agent", agentId);
        }
        return agent;
    }
}
