package dev.paperclipee.faces;

import dev.paperclipee.activity.boundary.Activities;
import dev.paperclipee.activity.boundary.ActivityFilter;
import dev.paperclipee.activity.entity.ActivityEntry;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.approval.boundary.Approvals;
import dev.paperclipee.approval.entity.Approval;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.cost.boundary.Costs;
import dev.paperclipee.cost.control.CostQueries;
import dev.paperclipee.dashboard.boundary.CompanyDashboard;
import dev.paperclipee.dashboard.boundary.Dashboards;
import dev.paperclipee.heartbeat.boundary.HeartbeatRuns;
import dev.paperclipee.heartbeat.entity.HeartbeatRun;
import dev.paperclipee.heartbeat.entity.RunStatus;
import dev.paperclipee.shared.entity.JsonText;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;

import java.io.Serializable;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code /}: the selected company at a glance — agent and issue counts, the month's spend against
 * the budget, pending approvals, recent failed runs, recent activity and spend over six months.
 */
@Named
@ViewScoped
public class Dashboard implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int RECENT = 6;

    @Inject
    BoardSession session;

    @Inject
    transient Dashboards dashboards;

    @Inject
    transient Approvals approvals;

    @Inject
    transient HeartbeatRuns runs;

    @Inject
    transient Activities activities;

    @Inject
    transient Costs costs;

    @Inject
    transient Agents agents;

    private Company company;
    private CompanyDashboard numbers;
    private List<Approval> pending;
    private List<HeartbeatRun> failedRuns;
    private List<ActivityEntry> activity;
    private List<CostQueries.MonthCosts> months;
    private Map<UUID, String> agentNames;

    @PostConstruct
    void load() {
        company = session.getSelectedCompany();
        refresh();
    }

    public void refresh() {
        if (company == null) {
            return;
        }
        UUID id = company.getId();
        numbers = dashboards.of(session.actor(), id);
        pending = approvals.list(session.actor(), id, "pending", RECENT, 0);
        failedRuns = runs.list(session.actor(), id, null, EnumSet.of(RunStatus.failed, RunStatus.timed_out), RECENT, 0);
        activity = activities.list(session.actor(), id, new ActivityFilter(null, null, null, null, null, 8, 0));
        months = costs.monthly(session.actor(), id, null, 6);
        agentNames = agents.list(session.actor(), id, null).stream().collect(Collectors.toMap(Agent::getId, Agent::getName, (a, b) -> a));
    }

    public String agentName(UUID agentId) {
        return agentId == null ? "" : agentNames.getOrDefault(agentId, agentId.toString().substring(0, 8));
    }

    /** Chart.js configuration of the spend chart (p:chart). */
    public String getSpendChart() {
        JsonArrayBuilder labels = JsonText.JSON.createArrayBuilder();
        JsonArrayBuilder values = JsonText.JSON.createArrayBuilder();
        for (CostQueries.MonthCosts m : months) {
            labels.add(m.month().getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + m.month().getYear());
            values.add(m.totals().costCents() / 100.0);
        }
        var dataset = JsonText.JSON.createObjectBuilder().add("label", "Spend ($)").add("data", values)
                .add("backgroundColor", "rgba(79, 70, 229, 0.75)").add("borderRadius", 6).add("maxBarThickness", 42);
        var budgetLine = JsonText.JSON.createArrayBuilder();
        months.forEach(m -> budgetLine.add(company.getBudgetMonthlyCents() / 100.0));
        var datasets = JsonText.JSON.createArrayBuilder().add(dataset);
        if (company.getBudgetMonthlyCents() > 0) {
            datasets.add(JsonText.JSON.createObjectBuilder().add("type", "line").add("label", "Budget ($)").add("data", budgetLine)
                    .add("borderColor", "#d97706").add("borderDash", JsonText.JSON.createArrayBuilder().add(6).add(4))
                    .add("pointRadius", 0).add("fill", false));
        }
        return JsonText.JSON.createObjectBuilder()
                .add("type", "bar")
                .add("data", JsonText.JSON.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", JsonText.JSON.createObjectBuilder()
                        .add("responsive", true).add("maintainAspectRatio", false).add("animation", false)
                        .add("plugins", JsonText.JSON.createObjectBuilder()
                                .add("legend", JsonText.JSON.createObjectBuilder().add("display", company.getBudgetMonthlyCents() > 0)))
                        .add("scales", JsonText.JSON.createObjectBuilder()
                                .add("y", JsonText.JSON.createObjectBuilder().add("beginAtZero", true))))
                .build().toString();
    }

    public double getBudgetPercent() {
        return Math.min(100, numbers.costs().monthUtilizationPercent());
    }

    public Company getCompany() { return company; }
    public CompanyDashboard getNumbers() { return numbers; }
    public List<Approval> getPending() { return pending; }
    public List<HeartbeatRun> getFailedRuns() { return failedRuns; }
    public List<ActivityEntry> getActivity() { return activity; }
    public List<CostQueries.MonthCosts> getMonths() { return months; }
}
