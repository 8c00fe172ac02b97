package dev.paperclipee.faces;

import dev.paperclipee.activity.boundary.Activities;
import dev.paperclipee.activity.boundary.ActivityFilter;
import dev.paperclipee.activity.entity.ActivityEntry;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.faces.routing.BoardRoute;

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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code /companies/{id}/activity}: the company's audit trail, newest first, filtered by actor,
 * agent, action, entity type and UTC dates, and paged without counting the whole trail — each page
 * asks for one row more than it shows to know whether there is a next one.
 */
@Named
@ViewScoped
public class ActivityStream implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The actions the board offers as suggestions; any other text filters too. */
    static final List<String> KNOWN_ACTIONS = List.of(
            "issue.created", "issue.updated", "issue.checked_out", "issue.released", "issue.comment_added",
            "issue.attachment_added", "issue.document_created", "issue.document_updated", "issue.admin_force_release",
            "agent.created", "agent.updated", "agent.paused", "agent.resumed", "agent.terminated", "agent.key_created",
            "agent.budget_updated", "approval.created", "approval.approved", "approval.rejected",
            "approval.revision_requested", "approval.resubmitted", "approval.cancelled", "cost.reported",
            "company.created", "company.updated", "company.budget_updated", "project.created", "project.budget_updated",
            "goal.created", "heartbeat.invoked", "heartbeat.cancelled", "heartbeat.process_lost");

    static final List<String> ENTITY_TYPES = List.of("issue", "agent", "approval", "cost_event", "company", "project",
            "goal", "heartbeat_run");

    @Inject
    BoardRoute route;

    @Inject
    BoardSession session;

    @Inject
    transient Activities activities;

    @Inject
    transient Agents agents;

    @Inject
    Display display;

    private UUID companyId;
    private Map<UUID, String> agentNames;
    private List<Agent> companyAgents;

    private String actorType;
    private String agent;
    private String action;
    private String entityType;
    private LocalDate from;
    private LocalDate to;

    private final Entries entries = new Entries();

    @PostConstruct
    void load() {
        companyId = route.getCompanyId();
        companyAgents = agents.list(session.actor(), companyId, null);
        agentNames = companyAgents.stream().collect(Collectors.toMap(Agent::getId, Agent::getName));
    }

    /** New filters: back to the first page. */
    public void apply() {
        if (FacesContext.getCurrentInstance().getViewRoot().findComponent("activity:entries") instanceof DataTable table) {
            table.setFirst(0);
        }
    }

    public void clear() {
        actorType = null;
        agent = null;
        action = null;
        entityType = null;
        from = null;
        to = null;
        apply();
    }

    /** Who did it, for people: an agent's name, "Board" or "System". */
    public String actor(ActivityEntry e) {
        return switch (e.getActorType()) {
            case agent -> e.getAgentId() == null ? "An agent" : agentNames.getOrDefault(e.getAgentId(), "An agent");
            case system -> "System";
            default -> "Board";
        };
    }

    /** The entry's details for people: "Title: Log me · Status: backlog", ids and empty values left out. */
    public String details(ActivityEntry e) {
        String text = display.fields(e.getDetails()).stream()
                .filter(f -> !"—".equals(f.value()) && !f.name().endsWith(" id") && !f.value().isBlank())
                .map(f -> f.name() + ": " + (f.multiline() ? f.value().replaceAll("\\s+", " ") : f.value()))
                .collect(Collectors.joining(" · "));
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** What the entry is about: an issue by its identifier when the details name it. */
    public String subject(ActivityEntry e) {
        if ("issue".equals(e.getEntityType())) {
            return display.fields(e.getDetails()).stream().filter(f -> f.name().equals("Identifier")).map(Display.Field::value)
                    .findFirst().orElse("issue");
        }
        return display.label(e.getEntityType());
    }

    /** An agent's name by the id an entry names as text; null for anything else. */
    public String agentName(String id) {
        try {
            return id == null ? null : agentNames.get(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The letter in the actor's avatar. */
    public String initial(ActivityEntry e) {
        String who = actor(e);
        return who.isEmpty() ? "?" : who.substring(0, 1).toUpperCase();
    }

    /** Known actions containing what was typed (all of them for nothing typed). */
    public List<String> suggestActions(String query) {
        String q = query == null ? "" : query.strip().toLowerCase();
        return KNOWN_ACTIONS.stream().filter(a -> a.contains(q)).toList();
    }

    private ActivityFilter filter(int limit, int offset) {
        OffsetDateTime start = from == null ? null : from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to == null ? null : to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        return new ActivityFilter(blankToUuid(agent), blankToNull(entityType), null, blankToNull(action),
                blankToNull(actorType), start, end, limit, offset);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static UUID blankToUuid(String text) {
        return text == null || text.isBlank() ? null : UUID.fromString(text);
    }

    /**
     * One page per request, one row more than shown: the row count is what the pages so far hold,
     * plus one while there is more, so the pager offers "next" exactly when there is a next page.
     */
    public class Entries extends LazyDataModel<ActivityEntry> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return 0; // set by load: counting a long trail would cost more than the page
        }

        @Override
        public List<ActivityEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            int size = Math.min(pageSize, Activities.MAX_LIMIT - 1);
            List<ActivityEntry> page = activities.list(session.actor(), companyId, filter(size + 1, first));
            boolean more = page.size() > size;
            setRowCount(first + Math.min(page.size(), size) + (more ? 1 : 0));
            return more ? page.subList(0, size) : page;
        }

        @Override
        public String getRowKey(ActivityEntry entry) {
            return entry.getId().toString();
        }
    }

    public UUID getCompanyId() { return companyId; }
    public Entries getEntries() { return entries; }
    public List<Agent> getAgents() { return companyAgents; }
    public List<String> getKnownActions() { return KNOWN_ACTIONS; }
    public List<String> getEntityTypes() { return ENTITY_TYPES; }
    public String getActorType() { return actorType; }
    public void setActorType(String actorType) { this.actorType = actorType; }
    public String getAgent() { return agent; }
    public void setAgent(String agent) { this.agent = agent; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getEntityType() { return entityType; }
    public void setEntityType(String entityType) { this.entityType = entityType; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
}
