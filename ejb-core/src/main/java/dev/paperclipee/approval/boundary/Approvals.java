package dev.paperclipee.approval.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.agent.boundary.AgentKeys;
import dev.paperclipee.agent.boundary.IssuedKey;
import dev.paperclipee.agent.control.CompanyAgents;
import dev.paperclipee.agent.control.Hiring;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentRole;
import dev.paperclipee.approval.control.HirePayload;
import dev.paperclipee.approval.entity.Approval;
import dev.paperclipee.approval.entity.ApprovalStatus;
import dev.paperclipee.approval.entity.ApprovalType;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.company.entity.CompanyStatus;
import dev.paperclipee.issue.boundary.IssueAssigned;
import dev.paperclipee.issue.control.StrategyGate;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Approvals (spec §10.6, §7.10, §8.3, §9.3, §12): agents of the company and the board request;
 * only the board approves, rejects or asks for a revision ("Board access required" for agents);
 * the requester — or the board — cancels, and the requester resubmits after a revision request.
 * A decision holds the approval's row lock for its transaction, so of two concurrent decisions
 * one wins and the other finds it decided: 409, as for any decided approval.
 *
 * <p>What approving does, in the same transaction:
 * <ul>
 *   <li>{@code hire_agent}: creates exactly the agent of the payload, under the requested manager
 *       (checked again: a manager terminated meanwhile is a 422 and the approval stays open), with
 *       its first API key if the payload asks ({@code createApiKey}); the payload then names the
 *       agent ({@code agentId}).</li>
 *   <li>{@code approve_ceo_strategy}: the first approved strategy releases the CEO's delegated
 *       drafts ({@link StrategyGate}) and wakes their assignees.</li>
 *   <li>{@code budget_override_required}, {@code request_board_approval}: the decision is recorded;
 *       the board acts with the ordinary routes (budgets, resume), so budget rules live in one place.</li>
 * </ul>
 * Every change writes its {@code approval.*} activity row, which names the requesting agent.
 */
@Stateless
public class Approvals {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** The name of the key a hire approval issues when the payload asks for one. */
    static final String FIRST_KEY_NAME = "Initial key";

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyScope scope;

    @Inject
    CompanyAgents agents;

    @Inject
    Hiring hiring;

    @Inject
    AgentKeys keys;

    @Inject
    StrategyGate strategy;

    @Inject
    Event<IssueAssigned> assigned;

    @Inject
    ActivityLog activity;

    /** The company's approvals, newest first; {@code status} (a wire value) filters; paged. */
    public List<Approval> list(Actor actor, UUID companyId, String status, Integer limit, Integer offset) {
        scope.require(actor, companyId);
        ApprovalStatus wanted = WireEnum.parse(ApprovalStatus.class, "status", status);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be from 1 to " + MAX_LIMIT, size < 1 ? "too_small" : "too_big");
        }
        int skip = offset == null ? 0 : offset;
        if (skip < 0) {
            throw new InvalidInputException("offset", "must be zero or more", "too_small");
        }
        var query = wanted == null
                ? em.createNamedQuery(Approval.BY_COMPANY, Approval.class)
                : em.createNamedQuery(Approval.BY_COMPANY_AND_STATUS, Approval.class).setParameter("status", wanted);
        return query.setParameter("companyId", companyId).setFirstResult(skip).setMaxResults(size).getResultList();
    }

    /** An approval by id; one of another company is a 404 for an agent, so its existence does not leak. */
    public Approval find(Actor actor, UUID approvalId) {
        Approval approval = em.find(Approval.class, approvalId);
        return visible(actor, approval, approvalId);
    }

    /**
     * A new {@code pending} request. The payload is a JSON object; a {@code hire_agent} payload is
     * checked in full as the hire would be (400 under {@code payload}, 422 for a manager outside
     * the company), so an approval can always be carried out as requested. An agent asks in its
     * own company only (403), and only the CEO proposes the strategy (403).
     */
    public Approval request(Actor actor, UUID companyId, String type, JsonObject payload) {
        if (type == null) {
            throw new InvalidInputException("type", "is required", "invalid_type");
        }
        ApprovalType kind = WireEnum.parse(ApprovalType.class, "type", type);
        if (payload == null) {
            throw new InvalidInputException("payload", "is required", "invalid_type");
        }
        Company company = scope.require(actor, companyId);
        if (company.getStatus() == CompanyStatus.archived) {
            throw new ConflictException("Company is archived; it takes no new approvals", Map.of("companyId", companyId.toString()));
        }
        if (actor.isAgent() && kind == ApprovalType.approve_ceo_strategy) {
            Agent requester = agents.inCompany(companyId, actor.agentId());
            if (requester == null || requester.getRole() != AgentRole.ceo) {
                throw new ForbiddenException("Only the company's CEO proposes its strategy (approve_ceo_strategy)");
            }
        }
        Approval approval = new Approval(companyId, kind, checked(companyId, kind, payload), actor.agentId(), actor.userId());
        em.persist(approval);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", WireEnum.of(kind));
        activity.record(actor, companyId, "approval.created", "approval", approval.getId(), approval.getRequestedByAgentId(),
                details);
        return approval;
    }

    /** Board only: grants the request and carries it out (see the class comment); a decided approval is a 409. */
    public ApprovalDecision approve(Actor actor, UUID approvalId, String decisionNote) {
        actor.requireBoard();
        Approval approval = locked(actor, approvalId);
        UUID companyId = approval.getCompanyId();
        boolean firstStrategy = approval.getType() == ApprovalType.approve_ceo_strategy && !strategy.strategyApproved(companyId);
        approval.approve(actor.userId(), decisionNote);
        Agent hired = null;
        IssuedKey key = null;
        if (approval.getType() == ApprovalType.hire_agent) {
            HirePayload hire = HirePayload.read(approval.payload());
            try {
                hired = hiring.hire(actor, companyId, hire.draft(), approvalId);
            } catch (InvalidInputException e) {
                throw e.under("payload");
            } catch (RuleViolationException e) {
                throw new RuleViolationException("The hire cannot be carried out: " + e.getMessage(), Map.of("payload", e.details()));
            }
            if (hire.createApiKey()) {
                key = keys.create(actor, hired.getId(), FIRST_KEY_NAME);
            }
            approval.recordHire(hired.getId());
        }
        Map<String, Object> details = decisionDetails(approval);
        if (hired != null) {
            details.put("hiredAgentId", hired.getId().toString());
        }
        record(actor, approval, "approval.approved", details);
        if (firstStrategy) {
            for (StrategyGate.Released draft : strategy.waiting(companyId)) {
                assigned.fire(new IssueAssigned(companyId, draft.issueId(), draft.assigneeAgentId(), actor));
            }
        }
        return new ApprovalDecision(approval, hired, key);
    }

    /** Board only: refuses the request; a decided approval is a 409. */
    public Approval reject(Actor actor, UUID approvalId, String decisionNote) {
        actor.requireBoard();
        Approval approval = locked(actor, approvalId);
        approval.reject(actor.userId(), decisionNote);
        record(actor, approval, "approval.rejected", decisionDetails(approval));
        return approval;
    }

    /** The requesting agent or the board withdraws the request (another agent: 403); a decided approval is a 409. */
    public Approval cancel(Actor actor, UUID approvalId, String decisionNote) {
        Approval approval = locked(actor, approvalId);
        requireRequesterOrBoard(actor, approval, "cancel");
        approval.cancel(actor.userId(), decisionNote);
        record(actor, approval, "approval.cancelled", decisionDetails(approval));
        return approval;
    }

    /** Board only: {@code pending → revision_requested}, with the note saying what to change. */
    public Approval requestRevision(Actor actor, UUID approvalId, String decisionNote) {
        actor.requireBoard();
        Approval approval = locked(actor, approvalId);
        approval.requestRevision(actor.userId(), decisionNote);
        record(actor, approval, "approval.revision_requested", decisionDetails(approval));
        return approval;
    }

    /**
     * The requesting agent (or the board) answers a revision request: {@code revision_requested →
     * pending}, with a new payload checked like a new request's (null keeps the old one); 409 from
     * any other status.
     */
    public Approval resubmit(Actor actor, UUID approvalId, JsonObject payload) {
        Approval approval = locked(actor, approvalId);
        requireRequesterOrBoard(actor, approval, "resubmit");
        approval.resubmit(payload == null ? null : checked(approval.getCompanyId(), approval.getType(), payload));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", WireEnum.of(approval.getType()));
        details.put("payloadChanged", payload != null);
        record(actor, approval, "approval.resubmitted", details);
        return approval;
    }

    /** The payload as it will be stored; a hire's is checked as the hire would check it. */
    private JsonObject checked(UUID companyId, ApprovalType type, JsonObject payload) {
        if (type != ApprovalType.hire_agent) {
            return payload;
        }
        HirePayload hire = HirePayload.read(payload);
        try {
            hiring.check(companyId, hire.draft());
        } catch (InvalidInputException e) {
            throw e.under("payload");
        } catch (RuleViolationException e) {
            throw new RuleViolationException(e.getMessage(), Map.of("payload", e.details()));
        }
        return HirePayload.stored(payload);
    }

    private Approval locked(Actor actor, UUID approvalId) {
        Approval approval = em.find(Approval.class, approvalId, LockModeType.PESSIMISTIC_WRITE);
        return visible(actor, approval, approvalId);
    }

    private static Approval visible(Actor actor, Approval approval, UUID approvalId) {
        if (approval == null || actor.isAgent() && !approval.getCompanyId().equals(actor.companyId())) {
            throw NotFoundException.of("Approval", approvalId);
        }
        return approval;
    }

    private static void requireRequesterOrBoard(Actor actor, Approval approval, String what) {
        if (actor.isAgent() && !approval.isRequestedBy(actor.agentId())) {
            throw new ForbiddenException("Only the requesting agent or the board can " + what + " this approval");
        }
    }

    private static Map<String, Object> decisionDetails(Approval approval) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", WireEnum.of(approval.getType()));
        details.put("status", WireEnum.of(approval.getStatus()));
        return details;
    }

    private void record(Actor actor, Approval approval, String action, Map<String, Object> details) {
        activity.record(actor, approval.getCompanyId(), action, "approval", approval.getId(),
                actor.isAgent() ? actor.agentId() : approval.getRequestedByAgentId(), details);
    }
}
