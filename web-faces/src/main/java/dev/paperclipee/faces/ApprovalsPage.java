package dev.paperclipee.faces;

import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.approval.boundary.ApprovalDecision;
import dev.paperclipee.approval.boundary.Approvals;
import dev.paperclipee.approval.entity.Approval;
import dev.paperclipee.approval.entity.ApprovalStatus;
import dev.paperclipee.approval.entity.ApprovalType;
import dev.paperclipee.faces.routing.BoardRoute;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code /companies/{id}/approvals}: what waits for the board (pending and sent back for
 * revision) with its payload written out for people, the board's three answers with a note, and
 * the history. The {@link Approvals} boundary decides what an answer may do; a hire approved with
 * {@code createApiKey} shows the new agent's key here once.
 */
@Named
@ViewScoped
public class ApprovalsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int PENDING = 200;
    static final int HISTORY_PAGE = 50;

    @Inject
    BoardRoute route;

    @Inject
    BoardSession session;

    @Inject
    transient Approvals approvals;

    @Inject
    transient Agents agents;

    @Inject
    Display display;

    private UUID companyId;
    private List<Approval> pending;
    private List<Approval> history;
    private int historyLimit = HISTORY_PAGE;
    private boolean moreHistory;
    private Map<UUID, String> agentNames;
    private final Map<UUID, String> notes = new HashMap<>();
    private String issuedKey;
    private String issuedKeyAgent;

    @PostConstruct
    void load() {
        companyId = route.getCompanyId();
        read();
    }

    public void read() {
        agentNames = agents.list(session.actor(), companyId, null).stream()
                .collect(Collectors.toMap(Agent::getId, Agent::getName));
        List<Approval> open = new ArrayList<>(approvals.list(session.actor(), companyId, ApprovalStatus.pending.name(), PENDING, 0));
        open.addAll(approvals.list(session.actor(), companyId, ApprovalStatus.revision_requested.name(), PENDING, 0));
        open.sort(Comparator.comparing(Approval::getCreatedAt).reversed());
        pending = open;
        // the history: the decided ones among the newest approvals, the latest decision first
        List<Approval> page = approvals.list(session.actor(), companyId, null, Math.min(historyLimit + PENDING * 2, Approvals.MAX_LIMIT), 0);
        List<Approval> decided = page.stream().filter(a -> a.getStatus() != ApprovalStatus.pending
                        && a.getStatus() != ApprovalStatus.revision_requested)
                .sorted(Comparator.comparing(Approval::getDecidedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        moreHistory = decided.size() > historyLimit;
        history = decided.subList(0, Math.min(historyLimit, decided.size()));
    }

    public void moreHistory() {
        historyLimit = Math.min(historyLimit + HISTORY_PAGE, Approvals.MAX_LIMIT - PENDING * 2);
        read();
    }

    public void approve(UUID approvalId) {
        try {
            ApprovalDecision decision = approvals.approve(session.actor(), approvalId, note(approvalId));
            notes.remove(approvalId);
            if (decision.hiredAgent() != null) {
                info("Approved: " + decision.hiredAgent().getName() + " is hired");
            } else {
                info("Approved");
            }
            if (decision.apiKey() != null) {
                issuedKey = decision.apiKey().token();
                issuedKeyAgent = decision.hiredAgent() == null ? null : decision.hiredAgent().getName();
            }
        } finally {
            read();
        }
    }

    public void reject(UUID approvalId) {
        try {
            approvals.reject(session.actor(), approvalId, note(approvalId));
            notes.remove(approvalId);
            info("Rejected");
        } finally {
            read();
        }
    }

    public void requestRevision(UUID approvalId) {
        try {
            approvals.requestRevision(session.actor(), approvalId, note(approvalId));
            notes.remove(approvalId);
            info("Sent back for revision");
        } finally {
            read();
        }
    }

    public void forgetKey() {
        issuedKey = null;
        issuedKeyAgent = null;
    }

    private String note(UUID approvalId) {
        String note = notes.get(approvalId);
        return note == null || note.isBlank() ? null : note.strip();
    }

    /** What the request asks for, in words: a heading by type. */
    public String headline(Approval a) {
        Map<String, String> payload = new HashMap<>();
        display.fields(a.getPayload()).forEach(f -> payload.put(f.name(), f.value()));
        return switch (a.getType()) {
            case hire_agent -> "Hire " + payload.getOrDefault("Name", "an agent")
                    + (payload.containsKey("Title") ? ", " + payload.get("Title") : "");
            case approve_ceo_strategy -> "Approve the CEO's strategy";
            case budget_override_required -> "Budget override";
            case request_board_approval -> payload.getOrDefault("Title", "Board approval requested");
        };
    }

    /** The payload's fields for people: money in dollars, agents by name, the hired agent's id left out. */
    public List<Display.Field> fields(Approval a) {
        List<Display.Field> fields = new ArrayList<>();
        for (Display.Field f : display.fields(a.getPayload())) {
            String name = f.name();
            String value = f.value();
            if (name.endsWith("cents")) {
                name = name.substring(0, name.length() - " cents".length()).strip();
                name = name.equals("Budget monthly") ? "Monthly budget" : name;
                try {
                    long cents = Long.parseLong(value);
                    value = a.getType() == ApprovalType.hire_agent && cents == 0 ? "no limit" : display.money(cents);
                } catch (NumberFormatException e) {
                    // not a number: shown as it is
                }
            } else if (name.equals("Reports to") || name.equals("Agent id")) {
                value = agentName(value);
            }
            fields.add(new Display.Field(name, value, f.multiline()));
        }
        return fields;
    }

    /** Who asked: an agent's name, else the board. */
    public String requester(Approval a) {
        return a.getRequestedByAgentId() == null ? "the board" : agentNames.getOrDefault(a.getRequestedByAgentId(), "an agent");
    }

    private String agentName(String id) {
        try {
            return agentNames.getOrDefault(UUID.fromString(id), id);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    public String typeLabel(ApprovalType type) {
        return switch (type) {
            case hire_agent -> "Hire";
            case approve_ceo_strategy -> "CEO strategy";
            case budget_override_required -> "Budget override";
            case request_board_approval -> "Board approval";
        };
    }

    private static void info(String message) {
        Toasts.info(message);
    }

    public UUID getCompanyId() { return companyId; }
    public List<Approval> getPending() { return pending; }
    public List<Approval> getHistory() { return history; }
    public boolean isMoreHistory() { return moreHistory; }
    public Map<UUID, String> getNotes() { return notes; }
    public String getIssuedKey() { return issuedKey; }
    public String getIssuedKeyAgent() { return issuedKeyAgent; }
}
