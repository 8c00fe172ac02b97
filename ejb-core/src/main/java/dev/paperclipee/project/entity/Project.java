package dev.paperclipee.project.entity;

import dev.paperclipee.goal.entity.Goal;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.MonthlySpend;
import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Versioned;

import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A project (spec §7.5): a body of work under a goal of the same company, with an optional lead
 * agent, target date and environment. The environment is a JSON object merged into the runs of
 * the project's issues; it is kept as the text of the {@code jsonb} column, checked here so that
 * PostgreSQL never has to refuse it (no NUL, no lone surrogates, bounded size).
 */
@Entity
@Table(name = "projects")
@NamedQuery(name = Project.BY_COMPANY,
        query = "select p from Project p where p.companyId = :companyId order by p.createdAt, p.id")
public class Project extends Versioned {

    public static final String BY_COMPANY = "Project.byCompany";

    /** The earliest and latest target dates PostgreSQL and every client can represent. */
    static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);
    static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(name = "goal_id")
    @Convert(converter = NullableUuid.class)
    private UUID goalId;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private ProjectStatus status;

    @Column(name = "lead_agent_id")
    @Convert(converter = NullableUuid.class)
    private UUID leadAgentId;

    @Column(name = "target_date")
    private LocalDate targetDate;

    @Column(columnDefinition = "jsonb")
    private String env;

    /** The optional third budget layer (spec §13.1); 0 means no limit. */
    @Column(name = "budget_monthly_cents", nullable = false)
    private int budgetMonthlyCents;

    /** Advanced only by cost ingestion's atomic SQL update (events that name the project), never through this object. */
    @Column(name = "spent_monthly_cents", insertable = false, updatable = false)
    private int spentMonthlyCents;

    /** The UTC month {@link #spentMonthlyCents} belongs to; advanced with it, by the same statement. */
    @Column(name = "spent_month", insertable = false, updatable = false)
    private LocalDate spentMonth;

    protected Project() {
        // JPA
    }

    /** A null status takes the default, {@code backlog}. */
    public Project(UUID companyId, String name, String description, ProjectStatus status) {
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        rename(name);
        describe(description);
        this.status = status == null ? ProjectStatus.backlog : status;
    }

    public void rename(String newName) {
        this.name = Text.required("name", newName, Text.NAME);
    }

    public void describe(String newDescription) {
        this.description = Text.optional("description", newDescription, Text.LONG);
    }

    public void changeStatus(ProjectStatus newStatus) {
        this.status = newStatus;
    }

    /** The goal the project serves; null unlinks. A goal of another company is a 422. */
    public void serve(Goal goal) {
        if (goal != null && !goal.getCompanyId().equals(companyId)) {
            throw new RuleViolationException("goalId must be a goal of the same company",
                    Map.of("goalId", goal.getId().toString()));
        }
        this.goalId = goal == null ? null : goal.getId();
    }

    /** The lead agent; that it is an agent of this company is the boundary's check (no Agent entity yet). */
    public void lead(UUID agentId) {
        this.leadAgentId = agentId;
    }

    public void target(LocalDate date) {
        if (date != null && (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE))) {
            throw new InvalidInputException("targetDate", "must be a date from 0001-01-01 to 9999-12-31", "invalid_date");
        }
        this.targetDate = date;
    }

    /** The monthly budget in cents; 0 means no limit. */
    public void budget(long monthlyCents) {
        this.budgetMonthlyCents = Text.nonNegative("budgetMonthlyCents", monthlyCents);
    }

    /** The project environment: a JSON object, or null for none. */
    public void configureEnv(JsonObject newEnv) {
        this.env = JsonText.of("env", newEnv);
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public UUID getGoalId() { return goalId; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public ProjectStatus getStatus() { return status; }
    public UUID getLeadAgentId() { return leadAgentId; }
    public LocalDate getTargetDate() { return targetDate; }
    /** The environment as JSON text (an object), or null. */
    public String getEnv() { return env; }
    public int getBudgetMonthlyCents() { return budgetMonthlyCents; }
    /** This month's spend on the project: a counter of an earlier month reads as 0 (spec §13, {@link MonthlySpend}). */
    public int getSpentMonthlyCents() { return MonthlySpend.current(spentMonthlyCents, spentMonth); }
    /** Where this month's spend stands against the budget: the soft alert at 80 %, the hard stop at 100 %. */
    public MonthlySpend.BudgetAlert getBudgetAlert() { return MonthlySpend.alert(getSpentMonthlyCents(), budgetMonthlyCents); }
}
