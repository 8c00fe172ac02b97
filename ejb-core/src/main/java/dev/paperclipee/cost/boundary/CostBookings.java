package dev.paperclipee.cost.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.cost.control.Combiner;
import dev.paperclipee.cost.control.CostLedger;
import dev.paperclipee.cost.entity.CostEvent;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Books a batch of reported cost events of one company in one transaction of its own (the
 * {@link Combiner} of {@link CostEvents} gathers them): each with its {@code cost.reported}
 * activity row, its counters and its budget rules, exactly as if booked alone and in the
 * batch's order — each event learns the spend before and after it, so the one that crosses a
 * threshold is the one whose rows say so, and the pause it causes is in the same transaction.
 *
 * <p>The rows every booking waits for are locked first, in the ledger's order — the agents (by
 * id), then the projects (by id), then the company — so a batch and a single booking (a run's
 * end locks its agent, project, company) wait for each other rather than deadlock. Activity rows
 * are written before the locks, so that nothing but the counters happens while they are held.
 */
@Stateless
public class CostBookings {

    /** One validated report, ready to book. */
    public record Booking(Actor actor, UUID eventId, CostLedger.Entry entry, UUID lockProjectId,
                          Map<String, Object> details) {
    }

    private static final String LOCK_ROWS = "select count(*) from (select x.id from %s x where x.id = any(cast(?1 as uuid[]))"
            + " order by x.id for no key update) locked";

    @PersistenceContext
    EntityManager em;

    @Inject
    CostLedger ledger;

    @Inject
    ActivityLog activity;

    /** Books the batch (one company's) in order; answers each event as stored. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Combiner.Outcome<CostEvent>> book(List<Booking> batch) {
        for (Booking b : batch) {
            activity.record(b.actor(), b.entry().companyId(), "cost.reported", "cost_event", b.eventId(),
                    b.entry().agentId(), b.details());
        }
        em.flush();
        if (batch.size() > 1) {
            lock("agents", batch.stream().map(b -> b.entry().agentId()).toList());
            lock("projects", batch.stream().map(Booking::lockProjectId).filter(Objects::nonNull).toList());
        }
        List<Combiner.Outcome<CostEvent>> outcomes = new ArrayList<>(batch.size());
        for (Booking b : batch) {
            outcomes.add(Combiner.Outcome.of(ledger.book(b.eventId(), b.entry())));
        }
        return outcomes;
    }

    private void lock(String table, List<UUID> ids) {
        TreeSet<String> sorted = ids.stream().map(UUID::toString).collect(Collectors.toCollection(TreeSet::new));
        if (sorted.size() < 2) {
            return; // one row: the ledger locks it first anyway
        }
        em.createNativeQuery(LOCK_ROWS.formatted(table))
                .setParameter(1, "{" + String.join(",", sorted) + "}")
                .getSingleResult();
    }
}
