package dev.paperclipee.faces;

import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.cost.boundary.Budgets;
import dev.paperclipee.cost.boundary.CostRollups;
import dev.paperclipee.cost.boundary.Costs;
import dev.paperclipee.cost.control.CostQueries;
import dev.paperclipee.faces.routing.BoardRoute;
import dev.paperclipee.project.boundary.Projects;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /companies/{id}/costs}: a month's spend by agent, project and model against the budgets,
 * the budgets themselves (company, agents, projects) editable in dollars, and the cost-rollup
 * job's latest run with a button to start it. The boundaries compute spend and enforce budgets;
 * this bean converts dollars to cents and back.
 */
@Named
@ViewScoped
public class CostsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int MONTHS = 12;
    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US);

    /** A budget holder (agent or project) with its spend in the month. */
    public record Line(UUID id, String name, String status, long spendCents, long budgetCents, long tokens) implements Serializable {
    }

    @Inject
    BoardRoute route;

    @Inject
    BoardSession session;

    @Inject
    transient Costs costs;

    @Inject
    transient Budgets budgets;

    @Inject
    transient CostRollups rollups;

    @Inject
    transient Agents agents;

    @Inject
    transient Projects projects;

    @Inject
    transient Companies companies;

    private UUID companyId;
    private String month;
    private Costs.Summary summary;
    private Company company;
    private List<Line> agentLines;
    private List<Line> projectLines;
    private List<CostQueries.ModelCosts> models;
    private CostRollups.Run rollup;

    private BigDecimal companyBudget;
    private final Map<UUID, BigDecimal> agentBudgets = new HashMap<>();
    private final Map<UUID, BigDecimal> projectBudgets = new HashMap<>();

    @PostConstruct
    void load() {
        companyId = route.getCompanyId();
        month = MonthlySpend.currentMonth().toString();
        read();
        rollup = rollups.latest(session.actor(), companyId).orElse(null);
    }

    /** Reads the chosen month again (also after a month is picked). */
    public void read() {
        YearMonth chosen = YearMonth.parse(month);
        company = companies.find(session.actor(), companyId);
        summary = costs.summary(session.actor(), companyId, chosen);
        Map<UUID, CostQueries.AgentCosts> spentByAgent = costs.byAgent(session.actor(), companyId, chosen).stream()
                .collect(Collectors.toMap(CostQueries.AgentCosts::agentId, Function.identity()));
        Map<UUID, CostQueries.ProjectCosts> spentByProject = costs.byProject(session.actor(), companyId, chosen).stream()
                .collect(Collectors.toMap(CostQueries.ProjectCosts::projectId, Function.identity()));
        agentLines = new ArrayList<>();
        for (Agent a : agents.list(session.actor(), companyId, null)) {
            CostQueries.AgentCosts spent = spentByAgent.get(a.getId());
            if (a.getStatus() == AgentStatus.terminated && spent == null) {
                continue;
            }
            agentLines.add(new Line(a.getId(), a.getName(), a.getStatus().name(), spent == null ? 0 : spent.totals().costCents(),
                    a.getBudgetMonthlyCents(), spent == null ? 0 : tokens(spent.totals())));
            agentBudgets.put(a.getId(), dollars(a.getBudgetMonthlyCents()));
        }
        agentLines.sort((x, y) -> Long.compare(y.spendCents(), x.spendCents()));
        projectLines = new ArrayList<>();
        for (Project p : projects.list(session.actor(), companyId)) {
            CostQueries.ProjectCosts spent = spentByProject.get(p.getId());
            projectLines.add(new Line(p.getId(), p.getName(), p.getStatus().name(), spent == null ? 0 : spent.totals().costCents(),
                    p.getBudgetMonthlyCents(), spent == null ? 0 : tokens(spent.totals())));
            projectBudgets.put(p.getId(), dollars(p.getBudgetMonthlyCents()));
        }
        projectLines.sort((x, y) -> Long.compare(y.spendCents(), x.spendCents()));
        models = costs.byModel(session.actor(), companyId, chosen);
        companyBudget = dollars(company.getBudgetMonthlyCents());
    }

    public void saveCompanyBudget() {
        Company saved = budgets.company(session.actor(), companyId, cents(companyBudget));
        info("Company budget set to " + budgetText(saved.getBudgetMonthlyCents()));
        read();
    }

    public void saveAgentBudget(UUID agentId) {
        Agent saved = budgets.agent(session.actor(), agentId, cents(agentBudgets.get(agentId)));
        info(saved.getName() + "'s budget set to " + budgetText(saved.getBudgetMonthlyCents()));
        read();
    }

    public void saveProjectBudget(UUID projectId) {
        Project saved = budgets.project(session.actor(), projectId, cents(projectBudgets.get(projectId)));
        info(saved.getName() + "'s budget set to " + budgetText(saved.getBudgetMonthlyCents()));
        read();
    }

    /** Starts the cost-rollup job for the chosen month; the page polls it until it ends. */
    public void runRollup() {
        rollup = rollups.start(session.actor(), companyId, YearMonth.parse(month));
        info("Cost rollup started for " + monthLabel(month));
    }

    /** The poll's step: the latest run as the job repository has it now. */
    public void refreshRollup() {
        if (rollup != null) {
            boolean wasRunning = isRollupRunning();
            rollup = rollups.status(session.actor(), companyId, rollup.jobId());
            if (wasRunning && !isRollupRunning()) {
                FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(
                        "COMPLETED".equals(rollup.status()) ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_WARN,
                        "Cost rollup " + rollup.status().toLowerCase(Locale.ROOT), null));
                read();
            }
        }
    }

    public boolean isRollupRunning() {
        return rollup != null && ("STARTING".equals(rollup.status()) || "STARTED".equals(rollup.status())
                || "STOPPING".equals(rollup.status()));
    }

    /** The last {@value #MONTHS} months, newest first, as {@code yyyy-MM}. */
    public List<String> getMonths() {
        List<String> list = new ArrayList<>();
        YearMonth m = MonthlySpend.currentMonth();
        for (int i = 0; i < MONTHS; i++, m = m.minusMonths(1)) {
            list.add(m.toString());
        }
        return list;
    }

    public String monthLabel(String yearMonth) {
        return MONTH_LABEL.format(YearMonth.parse(yearMonth));
    }

    public boolean isCurrentMonth() {
        return MonthlySpend.currentMonth().toString().equals(month);
    }

    public long getTotalTokens() {
        return models.stream().mapToLong(m -> tokens(m.totals())).sum();
    }

    public long getEventCount() {
        return models.stream().mapToLong(CostQueries.ModelCosts::events).sum();
    }

    public long tokens(CostQueries.Totals t) {
        return t.inputTokens() + t.cachedInputTokens() + t.outputTokens();
    }

    private static String budgetText(int cents) {
        return cents == 0 ? "no limit" : String.format(Locale.US, "$%,.2f", cents / 100.0);
    }

    private static BigDecimal dollars(int cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** Dollars as typed to cents; an empty field is "no limit" (0). */
    private static Long cents(BigDecimal dollars) {
        return dollars == null ? 0L : dollars.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
    }

    private static void info(String message) {
        Toasts.info(message);
    }

    public UUID getCompanyId() { return companyId; }
    public String getMonth() { return month; }
    public void setMonth(String month) { this.month = month; }
    public Costs.Summary getSummary() { return summary; }
    public Company getCompany() { return company; }
    public List<Line> getAgentLines() { return agentLines; }
    public List<Line> getProjectLines() { return projectLines; }
    public List<CostQueries.ModelCosts> getModels() { return models; }
    public CostRollups.Run getRollup() { return rollup; }
    public BigDecimal getCompanyBudget() { return companyBudget; }
    public void setCompanyBudget(BigDecimal companyBudget) { this.companyBudget = companyBudget; }
    public Map<UUID, BigDecimal> getAgentBudgets() { return agentBudgets; }
    public Map<UUID, BigDecimal> getProjectBudgets() { return projectBudgets; }
}
