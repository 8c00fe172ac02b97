package dev.paperclipee.cost.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.control.CompanyAgents;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.cost.control.CostLedger;
import dev.paperclipee.cost.entity.CostEvent;
import dev.paperclipee.goal.control.GoalTree;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.Text;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Cost ingestion (spec §10.7, §13.3): an agent or the board reports what an agent spent. The
 * event is booked with the agent's and the company's month spend in one transaction, with its
 * {@code cost.reported} activity row.
 *
 * <p>Rules: token counts and cents are whole, non-negative and fit the 32-bit columns (400);
 * provider and model are non-empty (400); the agent and every linked issue, project and goal are
 * of the company (422, unknown and foreign ids alike, api-contract list item 5); an agent key
 * reports only for its own agent (403, api-contract "Rules clients rely on"). An agent reporting
 * within a heartbeat run (a run-scoped key or {@code X-Paperclip-Run-Id}) links the event to
 * that run.
 *
 * <p>Budgets (§13.2: the soft alert at 80 %, the pause at 100 %) are enforced by
 * {@link CostLedger#book} in the same transaction, so that the 201 already shows their effect
 * (api-contract): the spend includes the event, and an agent whose budget it used up is paused.
 *
 * <p>A report is validated here, outside any transaction, and booked by {@link CostBookings}
 * in a transaction of its own together with the reports of the same company that queued while
 * the previous batch was being booked ({@link CostReportLanes}): every booking of a company waits
 * for the company's counter row until the booking's commit, so one commit (one disk flush) for
 * several reports is what lets a busy company's reports through at more than one per flush. The
 * 201 is sent only after the event's batch has committed.
 */
@Stateless
public class CostEvents {

    static final int PROVIDER_MAX = 100;
    static final int MODEL_MAX = Text.NAME;

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyScope scope;

    @Inject
    CompanyAgents agents;

    @Inject
    GoalTree goals;

    @Inject
    CostBookings bookings;

    @Inject
    CostReportLanes lanes;

    /**
     * Outside any transaction: the checks read through connections they give back at once, so
     * that a report waiting for its batch holds no connection — the batch's transaction needs one,
     * and a hundred waiting reports must not hold the pool it would take it from.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CostEvent report(Actor actor, UUID companyId, CostReport report) {
        scope.require(actor, companyId);
        if (report.agentId() == null) {
            throw new InvalidInputException("agentId", "is required", "invalid_type");
        }
        if (actor.isAgent() && !report.agentId().equals(actor.agentId())) {
            throw new ForbiddenException("An agent reports cost events only for itself");
        }
        agents.requireMember("agentId", companyId, report.agentId());
        String provider = Text.required("provider", report.provider(), PROVIDER_MAX);
        String model = Text.required("model", report.model(), MODEL_MAX);
        String billingCode = Text.optional("billingCode", Text.blankToNull(report.billingCode()), Text.NAME);
        if (report.costCents() == null) {
            throw new InvalidInputException("costCents", "is required", "invalid_type");
        }
        int costCents = Text.nonNegative("costCents", report.costCents());
        int inputTokens = count("inputTokens", report.inputTokens());
        int cachedInputTokens = count("cachedInputTokens", report.cachedInputTokens());
        int outputTokens = count("outputTokens", report.outputTokens());
        if (report.occurredAt() == null) {
            throw new InvalidInputException("occurredAt", "is required", "invalid_type");
        }
        Issue issue = requireIssue(companyId, report.issueId());
        requireProject(companyId, report.projectId());
        if (report.goalId() != null && goals.inCompany(companyId, report.goalId()) == null) {
            throw linkOutside("goalId", "a goal", report.goalId());
        }
        UUID runId = actor.isAgent() ? actor.runId() : null;
        UUID eventId = UUID.randomUUID();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("costCents", costCents);
        details.put("provider", provider);
        details.put("model", model);
        details.put("issueId", text(report.issueId()));
        details.put("heartbeatRunId", text(runId));
        CostLedger.Entry entry = new CostLedger.Entry(companyId, report.agentId(), report.issueId(), runId, provider,
                model, inputTokens, cachedInputTokens, outputTokens, costCents, report.occurredAt(), report.projectId(),
                report.goalId(), billingCode);
        UUID project = report.projectId() != null ? report.projectId() : issue == null ? null : issue.getProjectId();
        CostBookings.Booking booking = new CostBookings.Booking(actor, eventId, entry, project, details);
        return lanes.combiner().submit(companyId, booking, bookings::book);
    }

    private static int count(String field, Long value) {
        return value == null ? 0 : Text.nonNegative(field, value);
    }

    private Issue requireIssue(UUID companyId, UUID issueId) {
        if (issueId == null) {
            return null;
        }
        Issue issue = em.find(Issue.class, issueId);
        if (issue == null || !issue.getCompanyId().equals(companyId)) {
            throw linkOutside("issueId", "an issue", issueId);
        }
        return issue;
    }

    private void requireProject(UUID companyId, UUID projectId) {
        if (projectId == null) {
            return;
        }
        Project project = em.find(Project.class, projectId);
        if (project == null || !project.getCompanyId().equals(companyId)) {
            throw linkOutside("projectId", "a project", projectId);
        }
    }

    /** Unknown and foreign ids look the same (422), so nothing about another company leaks. */
    private static RuleViolationException linkOutside(String field, String what, UUID id) {
        return new RuleViolationException(field + " must be " + what + " of the same company", Map.of(field, id.toString()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
