package dev.paperclipee.faces;

import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.faces.routing.BoardRoute;
import dev.paperclipee.issue.boundary.IssueChanges;
import dev.paperclipee.issue.boundary.IssueDraft;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.control.IssueFilter;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssuePriority;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.project.boundary.Projects;
import dev.paperclipee.project.entity.Project;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code /companies/{id}/tasks}: the company's issues as a kanban board by status and as a lazy,
 * filtered, paged table. Both read through {@link Issues} one page at a time, so a company of
 * 100,000 issues costs one count and one page per request. Dragging a card asks the boundary to
 * change the status — into {@code in_progress} as a checkout for the assignee, expecting the
 * status the card showed — and a refusal comes back as a toast with the board re-read.
 */
@Named
@ViewScoped
public class IssueBoard implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Cards a kanban column shows; the column head counts them all. */
    static final int CARDS_PER_COLUMN = 40;

    /** A kanban column: its status, how many issues are in it and the newest of them. */
    public record Column(IssueStatus status, long total, List<Issue> cards) implements Serializable {
        public boolean isTruncated() {
            return total > cards.size();
        }

        // Jakarta EL 5 reads bean getters, not record components
        public IssueStatus getStatus() { return status; }
        public long getTotal() { return total; }
        public List<Issue> getCards() { return cards; }
    }

    @Inject
    BoardRoute route;

    @Inject
    BoardSession session;

    @Inject
    transient Issues issues;

    @Inject
    transient Agents agents;

    @Inject
    transient Projects projects;

    private UUID companyId;
    private List<Agent> companyAgents;
    private List<Project> companyProjects;
    private Map<UUID, String> agentNames;
    private Map<UUID, String> projectNames;

    // filters (kanban and table); status only filters the table — the board's columns are statuses
    private List<String> statuses = new ArrayList<>();
    private List<String> priorities = new ArrayList<>();
    private String assignee;
    private String project;
    private String text;

    private List<Column> columns;
    private final IssueRows rows = new IssueRows();

    // the create dialog
    private String newTitle;
    private String newDescription;
    private String newPriority = IssuePriority.medium.name();
    private String newAssignee;
    private String newProject;

    @PostConstruct
    void load() {
        companyId = route.getCompanyId();
        companyAgents = agents.list(session.actor(), companyId, null);
        companyProjects = projects.list(session.actor(), companyId);
        agentNames = companyAgents.stream().collect(Collectors.toMap(Agent::getId, Agent::getName, (a, b) -> a, LinkedHashMap::new));
        projectNames = companyProjects.stream().collect(Collectors.toMap(Project::getId, Project::getName, (a, b) -> a, LinkedHashMap::new));
        loadColumns();
    }

    /** Re-reads the kanban columns under the current filters (the table reads itself, page by page). */
    public void loadColumns() {
        IssueFilter board = filter(Set.of(), CARDS_PER_COLUMN, 0);
        Map<IssueStatus, Long> totals = issues.countByStatus(session.actor(), companyId, board);
        List<Column> read = new ArrayList<>();
        for (IssueStatus status : IssueStatus.values()) {
            long total = totals.getOrDefault(status, 0L);
            List<Issue> cards = total == 0 ? List.of()
                    : issues.list(session.actor(), companyId, filter(Set.of(status), CARDS_PER_COLUMN, 0));
            read.add(new Column(status, total, cards));
        }
        columns = read;
    }

    /** New filters: the board re-read, the list back on its first page. */
    public void applyFilters() {
        loadColumns();
        if (FacesContext.getCurrentInstance().getViewRoot().findComponent("tasks:views:issues") instanceof DataTable table) {
            table.setFirst(0);
        }
    }

    public void clearFilters() {
        statuses = new ArrayList<>();
        priorities = new ArrayList<>();
        assignee = null;
        project = null;
        text = null;
        applyFilters();
    }

    public boolean isFiltered() {
        return !statuses.isEmpty() || !priorities.isEmpty() || assignee != null && !assignee.isBlank()
                || project != null && !project.isBlank() || text != null && !text.isBlank();
    }

    /** How many issues the company has at all (unfiltered): zero means the empty state. */
    public long getTotalIssues() {
        return columns.stream().mapToLong(Column::total).sum();
    }

    private IssueFilter filter(Set<IssueStatus> only, int limit, int offset) {
        Set<IssuePriority> prio = EnumSet.noneOf(IssuePriority.class);
        priorities.forEach(p -> prio.add(IssuePriority.valueOf(p)));
        return new IssueFilter(only, uuid(assignee), uuid(project), null, text, prio, limit, offset);
    }

    /**
     * A card dropped on a column (parameters {@code issueId}, {@code from}: the status the card
     * showed, {@code to}). The board is re-read whether the move was taken or refused.
     */
    public void move() {
        Map<String, String> params = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        String issueId = params.get("issueId");
        IssueStatus from = IssueStatus.valueOf(params.get("from"));
        IssueStatus to = IssueStatus.valueOf(params.get("to"));
        if (from == to) {
            return;
        }
        try {
            Issue current = issues.find(session.actor(), issueId);
            Issue moved;
            if (to == IssueStatus.in_progress && current.getAssigneeAgentId() != null) {
                // starting work is a checkout for the assignee; it loses if the card was stale
                moved = issues.checkout(session.actor(), issueId, current.getAssigneeAgentId(), EnumSet.of(from));
            } else {
                moved = issues.update(session.actor(), issueId, new IssueChanges(null, null, to.name(), null,
                        null, null, null, null, null, null, null));
            }
            info(moved.getIdentifier() + " moved to " + moved.getStatus().name().replace('_', ' '));
        } catch (RuntimeException refused) {
            // the refusal itself becomes a toast (DomainMessages); say how the issue stands now
            Issue now = issues.find(session.actor(), issueId);
            Toasts.info("Board refreshed", now.getIdentifier() + " is " + now.getStatus().name().replace('_', ' ')
                    + (now.getAssigneeAgentId() == null ? ", unassigned" : ", assigned to " + agentName(now.getAssigneeAgentId())));
            throw refused;
        } finally {
            loadColumns();
        }
    }

    public void create() {
        Issue created = issues.create(session.actor(), companyId, new IssueDraft(newTitle, blankToNull(newDescription), null,
                newPriority, uuid(newAssignee), null, uuid(newProject), null, null, null));
        info(created.getIdentifier() + " created: " + created.getTitle());
        newTitle = null;
        newDescription = null;
        newPriority = IssuePriority.medium.name();
        newAssignee = null;
        newProject = null;
        loadColumns();
    }

    public String agentName(UUID id) {
        return id == null ? null : agentNames.getOrDefault(id, "unknown agent");
    }

    public String projectName(UUID id) {
        return id == null ? null : projectNames.get(id);
    }

    /** The initials of an agent's name for its avatar. */
    public String initials(UUID id) {
        String name = agentName(id);
        if (name == null || name.isBlank()) {
            return "?";
        }
        String[] words = name.strip().split("\\s+");
        return (words[0].substring(0, 1) + (words.length > 1 ? words[words.length - 1].substring(0, 1) : "")).toUpperCase();
    }

    public IssueStatus[] getStatusValues() {
        return IssueStatus.values();
    }

    public IssuePriority[] getPriorityValues() {
        return IssuePriority.values();
    }

    private static void info(String message) {
        Toasts.info(message);
    }

    private static UUID uuid(String text) {
        return text == null || text.isBlank() ? null : UUID.fromString(text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** The table's rows: one count and one page per request, newest issue first. */
    public class IssueRows extends LazyDataModel<Issue> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, issues.count(session.actor(), companyId, tableFilter(1, 0)));
        }

        @Override
        public List<Issue> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return issues.list(session.actor(), companyId, tableFilter(Math.min(pageSize, IssueFilter.MAX_LIMIT), first));
        }

        @Override
        public String getRowKey(Issue issue) {
            return issue.getId().toString();
        }

        private IssueFilter tableFilter(int limit, int offset) {
            Set<IssueStatus> only = EnumSet.noneOf(IssueStatus.class);
            statuses.forEach(s -> only.add(IssueStatus.valueOf(s)));
            return filter(only, limit, offset);
        }
    }

    public UUID getCompanyId() { return companyId; }
    public List<Agent> getAgents() { return companyAgents; }
    public List<Project> getProjects() { return companyProjects; }
    public List<Column> getColumns() { return columns; }
    public IssueRows getRows() { return rows; }
    public List<String> getStatuses() { return statuses; }
    public void setStatuses(List<String> statuses) { this.statuses = statuses == null ? new ArrayList<>() : statuses; }
    public List<String> getPriorities() { return priorities; }
    public void setPriorities(List<String> priorities) { this.priorities = priorities == null ? new ArrayList<>() : priorities; }
    public String getAssignee() { return assignee; }
    public void setAssignee(String assignee) { this.assignee = assignee; }
    public String getProject() { return project; }
    public void setProject(String project) { this.project = project; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public String getNewTitle() { return newTitle; }
    public void setNewTitle(String newTitle) { this.newTitle = newTitle; }
    public String getNewDescription() { return newDescription; }
    public void setNewDescription(String newDescription) { this.newDescription = newDescription; }
    public String getNewPriority() { return newPriority; }
    public void setNewPriority(String newPriority) { this.newPriority = newPriority; }
    public String getNewAssignee() { return newAssignee; }
    public void setNewAssignee(String newAssignee) { this.newAssignee = newAssignee; }
    public String getNewProject() { return newProject; }
    public void setNewProject(String newProject) { this.newProject = newProject; }
}
