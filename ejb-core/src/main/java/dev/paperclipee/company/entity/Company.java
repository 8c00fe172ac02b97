package dev.paperclipee.company.entity;

import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.MonthlySpend;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Timestamps;
import dev.paperclipee.shared.entity.Versioned;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A company: the first-order tenant every business record belongs to (spec §7.1).
 *
 * <p>The issue prefix is chosen once, at creation ({@code ACM} for "Acme"), because issue
 * identifiers such as {@code ACM-12} are quoted in comments and commits and must stay stable.
 * The issue counter is only ever advanced by one atomic SQL update, never through this object.
 */
@Entity
@Table(name = "companies")
@NamedQuery(name = Company.ALL, query = "select c from Company c order by c.createdAt, c.id")
@NamedQuery(name = Company.PREFIX_TAKEN, query = "select count(c) from Company c where c.issuePrefix = :prefix")
public class Company extends Versioned {

    public static final String ALL = "Company.all";
    public static final String PREFIX_TAKEN = "Company.prefixTaken";

    public static final int DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private CompanyStatus status;

    @Column(name = "pause_reason")
    private String pauseReason;

    @Column(name = "paused_at")
    private OffsetDateTime pausedAt;

    @Column(name = "issue_prefix", nullable = false, updatable = false)
    private String issuePrefix;

    @Column(name = "issue_counter", nullable = false, insertable = true, updatable = false)
    private int issueCounter;

    @Column(name = "budget_monthly_cents", nullable = false)
    private int budgetMonthlyCents;

    /** Advanced only by cost ingestion's atomic SQL update, never through this object. */
    @Column(name = "spent_monthly_cents", nullable = false, updatable = false)
    private int spentMonthlyCents;

    /** The UTC month {@link #spentMonthlyCents} belongs to; advanced with it, by the same statement. */
    @Column(name = "spent_month", insertable = false, updatable = false)
    private LocalDate spentMonth;

    @Column(name = "attachment_max_bytes", nullable = false)
    private int attachmentMaxBytes;

    @Column(name = "require_board_approval_for_new_agents", nullable = false)
    private boolean requireBoardApprovalForNewAgents;

    @Column(name = "brand_color")
    private String brandColor;

    @Column(name = "logo_url")
    private String logoUrl;

    protected Company() {
        // JPA
    }

    public Company(String name, String description, String issuePrefix) {
        this.id = UUID.randomUUID();
        rename(name);
        describe(description);
        this.issuePrefix = issuePrefix;
        this.status = CompanyStatus.active;
        this.attachmentMaxBytes = DEFAULT_ATTACHMENT_MAX_BYTES;
    }

    public void rename(String newName) {
        this.name = Text.required("name", newName, Text.NAME);
    }

    public void describe(String newDescription) {
        this.description = Text.optional("description", newDescription, Text.LONG);
    }

    public void budget(long monthlyCents) {
        this.budgetMonthlyCents = Text.nonNegative("budgetMonthlyCents", monthlyCents);
    }

    public void limitAttachments(long maxBytes) {
        if (maxBytes < 1) {
            throw new InvalidInputException("attachmentMaxBytes", "must be at least 1", "too_small");
        }
        this.attachmentMaxBytes = Text.nonNegative("attachmentMaxBytes", maxBytes);
    }

    public void requireBoardApprovalForNewAgents(boolean required) {
        this.requireBoardApprovalForNewAgents = required;
    }

    /** Branding: a {@code #rrggbb} colour and a logo URL; null clears either. */
    public void brand(String color, String logo) {
        if (color != null && !COLOR.matcher(color).matches()) {
            throw new InvalidInputException("brandColor", "must be a colour like #1f6feb", "invalid_string");
        }
        String url = Text.optional("logoUrl", logo, 2048);
        if (url != null && !(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("/"))) {
            throw new InvalidInputException("logoUrl", "must be an http(s) URL or a path", "invalid_string");
        }
        this.brandColor = color == null ? null : color.toLowerCase();
        this.logoUrl = url;
    }

    /** Archiving is final for new work; archiving twice is a conflict, not a silent no-op. */
    public void archive() {
        if (status == CompanyStatus.archived) {
            throw new ConflictException("Company is already archived");
        }
        status = CompanyStatus.archived;
        pauseReason = null;
        pausedAt = null;
    }

    /** Board status changes: pause (manual), resume, archive, or un-archive to active. */
    public void changeStatus(CompanyStatus target) {
        if (target == status) {
            return;
        }
        switch (target) {
            case archived -> archive();
            case paused -> {
                if (status == CompanyStatus.archived) {
                    throw new ConflictException("An archived company cannot be paused; make it active first");
                }
                status = CompanyStatus.paused;
                pauseReason = "manual";
                pausedAt = Timestamps.now();
            }
            case active -> {
                status = CompanyStatus.active;
                pauseReason = null;
                pausedAt = null;
            }
        }
    }

    /**
     * The company hard stop (spec §13.2): an active company is paused with reason {@code budget};
     * a company the board paused or archived keeps its status and reason. The board resumes it
     * ({@code status: active}). Answers whether the company was stopped now.
     */
    public boolean stopForBudget() {
        if (status != CompanyStatus.active) {
            return false;
        }
        status = CompanyStatus.paused;
        pauseReason = "budget";
        pausedAt = Timestamps.now();
        return true;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public CompanyStatus getStatus() { return status; }
    public String getPauseReason() { return pauseReason; }
    public OffsetDateTime getPausedAt() { return pausedAt; }
    public String getIssuePrefix() { return issuePrefix; }
    public int getIssueCounter() { return issueCounter; }
    public int getBudgetMonthlyCents() { return budgetMonthlyCents; }
    /** This month's spend: a counter of an earlier month reads as 0 (spec §13, {@link MonthlySpend}). */
    public int getSpentMonthlyCents() { return MonthlySpend.current(spentMonthlyCents, spentMonth); }
    /** Where this month's spend stands against the budget: the soft alert at 80 %, the hard stop at 100 %. */
    public MonthlySpend.BudgetAlert getBudgetAlert() { return MonthlySpend.alert(getSpentMonthlyCents(), budgetMonthlyCents); }
    public int getAttachmentMaxBytes() { return attachmentMaxBytes; }
    public boolean isRequireBoardApprovalForNewAgents() { return requireBoardApprovalForNewAgents; }
    public String getBrandColor() { return brandColor; }
    public String getLogoUrl() { return logoUrl; }
}
