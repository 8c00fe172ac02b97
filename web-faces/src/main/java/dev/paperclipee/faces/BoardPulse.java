package dev.paperclipee.faces;

import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.PauseReason;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.heartbeat.boundary.HeartbeatRuns;
import dev.paperclipee.heartbeat.entity.HeartbeatRun;
import dev.paperclipee.heartbeat.entity.RunStatus;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.primefaces.PrimeFaces;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The template's live check (a PrimeFaces poll every few seconds): every run of the selected
 * company that failed or timed out, and every agent the budget paused, since the page was opened
 * becomes a toast, and the page refreshes what it shows by its own {@code pcLive()} remote
 * command, if it has one. Reads through the boundaries only.
 */
@Named
@ViewScoped
public class BoardPulse implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int LOOK_BACK = 20;

    @Inject
    BoardSession session;

    @Inject
    transient HeartbeatRuns runs;

    @Inject
    transient Agents agents;

    private UUID companyId;
    private OffsetDateTime since;
    private final Map<UUID, String> agentNames = new HashMap<>();

    @PostConstruct
    void start() {
        Company company = session.getSelectedCompany();
        companyId = company == null ? null : company.getId();
        since = OffsetDateTime.now();
    }

    public boolean isActive() {
        return companyId != null;
    }

    public void check() {
        if (companyId == null) {
            return;
        }
        OffsetDateTime checkedFrom = since;
        OffsetDateTime newest = since;
        boolean changed = false;
        List<Agent> all = agents.list(session.actor(), companyId, null);
        all.forEach(a -> agentNames.put(a.getId(), a.getName()));
        for (Agent agent : all) {
            if (agent.getPauseReason() == PauseReason.budget && agent.getPausedAt() != null
                    && agent.getPausedAt().isAfter(checkedFrom)) {
                toast(FacesMessage.SEVERITY_WARN, agent.getName() + " paused",
                        "Its monthly budget is used up. Raise the budget, then resume it.");
                newest = max(newest, agent.getPausedAt());
                changed = true;
            }
        }
        for (HeartbeatRun run : runs.list(session.actor(), companyId, null,
                EnumSet.of(RunStatus.failed, RunStatus.timed_out), LOOK_BACK, 0)) {
            if (run.getFinishedAt() != null && run.getFinishedAt().isAfter(checkedFrom)) {
                String who = agentNames.getOrDefault(run.getAgentId(), "An agent");
                toast(FacesMessage.SEVERITY_ERROR, who + "'s run " + (run.getStatus() == RunStatus.timed_out ? "timed out" : "failed"),
                        run.getError() == null ? String.valueOf(run.getErrorCode()) : run.getError());
                newest = max(newest, run.getFinishedAt());
                changed = true;
            }
        }
        since = newest;
        if (changed) {
            PrimeFaces.current().ajax().update("messages");
            PrimeFaces.current().executeScript("if (window.pcLive) { pcLive(); }");
        }
    }

    private static OffsetDateTime max(OffsetDateTime a, OffsetDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static void toast(FacesMessage.Severity severity, String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, detail));
    }
}
