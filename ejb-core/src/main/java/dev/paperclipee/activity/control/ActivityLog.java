package dev.paperclipee.activity.control;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.entity.ActivityEntry;

import jakarta.enterprise.context.Dependent;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Map;
import java.util.UUID;

/**
 * Writes audit rows inside the caller's transaction, so an action and its record commit or
 * roll back together (spec §15.3: every mutation writes {@code activity_log}).
 */
@Dependent
public class ActivityLog {

    /** Created on first use (a holder class), so that the pure helpers below need no JSON-B runtime. */
    private static final class Details {
        static final Jsonb JSON = JsonbBuilder.create();
    }

    @PersistenceContext
    EntityManager em;

    /**
     * @param action     e.g. {@code company.created}; the prefix names the entity type
     * @param entityType {@code company}, {@code goal}, {@code agent}, …
     * @param details    small JSON-able map, never secret values; may be null
     */
    public ActivityEntry record(Actor actor, UUID companyId, String action, String entityType, Object entityId,
                                Map<String, ?> details) {
        return record(actor, companyId, action, entityType, entityId, concernedAgent(actor, entityType, entityId), details);
    }

    /** A row about something an agent owns but is not itself the agent, e.g. one of its heartbeat runs. */
    public ActivityEntry record(Actor actor, UUID companyId, String action, String entityType, Object entityId,
                                UUID agentId, Map<String, ?> details) {
        ActivityEntry entry = new ActivityEntry(companyId, actor.type(), actor.id(), action, entityType,
                String.valueOf(entityId), agentId, actor.runId(),
                details == null ? null : Details.JSON.toJson(details));
        em.persist(entry);
        return entry;
    }

    /**
     * The agent an entry concerns, which {@code ?agentId=} finds: the acting agent, or for the
     * board's actions on an agent (pause, terminate, keys, …) that agent.
     */
    static UUID concernedAgent(Actor actor, String entityType, Object entityId) {
        if (actor.isAgent()) {
            return actor.agentId();
        }
        return "agent".equals(entityType) && entityId instanceof UUID agent ? agent : null;
    }

    /** The row of a partial update ({@code {"changes": {...}}}); an update that changed nothing leaves none. */
    public void recordChanges(Actor actor, UUID companyId, String action, String entityType, Object entityId,
                              ChangeSet changes) {
        if (!changes.isEmpty()) {
            record(actor, companyId, action, entityType, entityId, Map.of("changes", changes.asMap()));
        }
    }
}
