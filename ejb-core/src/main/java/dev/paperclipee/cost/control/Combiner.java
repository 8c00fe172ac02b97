package dev.paperclipee.cost.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Group commit for work that serializes on one row per key: concurrent callers with the same key
 * queue up, and one of them — the leader — does the queued items together in one unit of work
 * (one transaction, so one commit and one WAL flush) while the others wait for their outcome.
 * When the leader is done it hands the lead to the first caller that queued meanwhile and
 * returns; nobody waits for more than the batch in progress and its own. A caller alone does
 * its item at once, in a batch of one.
 *
 * <p>Why: the company's spend counter is one row that every booking of the company locks until
 * its commit, and a commit waits for the disk (milliseconds here). One booking per commit caps a
 * busy company at one disk flush per event; a batch pays one flush for all of its events. Each
 * caller still answers only after its own item is committed — nothing is acknowledged early.
 *
 * <p>The work answers one {@link Outcome} per item, in order. If it throws for a batch of
 * several, each item is done again alone ({@code retryAlone}), so one bad item fails only its
 * own caller; a batch of one passes its exception to its caller.
 *
 * @param <I> an item of work
 * @param <O> what the work makes of an item
 */
public final class Combiner<I, O> {

    /** What became of one item: a result or the exception its caller gets. */
    public record Outcome<O>(O result, RuntimeException failure) {

        public static <O> Outcome<O> of(O result) {
            return new Outcome<>(result, null);
        }

        public static <O> Outcome<O> failed(RuntimeException failure) {
            return new Outcome<>(null, Objects.requireNonNull(failure));
        }
    }

    private static final class Lane {
        final ArrayDeque<Slot<?, ?>> queue = new ArrayDeque<>();
        /** Someone does, or has been handed, the next batch: the queue is never left without a leader. */
        boolean led;
    }

    private static final class Slot<I, O> {
        final I item;
        private Outcome<O> outcome;
        private boolean lead;

        Slot(I item) {
            this.item = item;
        }

        synchronized void finish(Outcome<O> o) {
            outcome = o;
            notifyAll();
        }

        synchronized void handLead() {
            lead = true;
            notifyAll();
        }

        /** Waits until the item is done or the lead is handed here; true for the lead. Not interruptible: the batch is under way. */
        synchronized boolean awaitTurn() {
            boolean interrupted = false;
            try {
                while (outcome == null && !lead) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return outcome == null;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        synchronized Outcome<O> outcome() {
            return outcome;
        }
    }

    private final ConcurrentHashMap<Object, Lane> lanes = new ConcurrentHashMap<>();
    private final int maxBatch;

    public Combiner(int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
    }

    /**
     * Does the item, together with those queued for the same key, and answers its result or throws
     * its exception.
     *
     * @param work does a batch (in order), answering an outcome per item
     */
    public O submit(Object key, I item, Function<List<I>, List<Outcome<O>>> work) {
        Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
        Slot<I, O> mine = new Slot<>(item);
        boolean lead;
        synchronized (lane) {
            lane.queue.add(mine);
            lead = !lane.led;
            lane.led = true;
        }
        if (!lead) {
            lead = mine.awaitTurn();
        }
        if (lead) {
            lead(lane, work);
        }
        Outcome<O> outcome = mine.outcome();
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.result();
    }

    /** How many callers of this key wait for their batch (tests). */
    int queued(Object key) {
        Lane lane = lanes.get(key);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.queue.size();
        }
    }

    /** Takes the batch at the head of the queue (this caller's slot first), does it, and hands the lead on. */
    @SuppressWarnings("unchecked")
    private void lead(Lane lane, Function<List<I>, List<Outcome<O>>> work) {
        List<Slot<I, O>> batch = new ArrayList<>();
        synchronized (lane) {
            while (!lane.queue.isEmpty() && batch.size() < maxBatch) {
                batch.add((Slot<I, O>) lane.queue.poll());
            }
        }
        List<Outcome<O>> outcomes = null;
        try {
            outcomes = run(batch, work);
        } finally {
            synchronized (lane) {
                Slot<?, ?> next = lane.queue.peek();
                if (next == null) {
                    lane.led = false;
                } else {
                    next.handLead();
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).finish(outcomes == null
                        ? Outcome.failed(new IllegalStateException("the batch of this booking did not finish"))
                        : outcomes.get(i));
            }
        }
    }

    private List<Outcome<O>> run(List<Slot<I, O>> batch, Function<List<I>, List<Outcome<O>>> work) {
        List<I> items = new ArrayList<>(batch.size());
        for (Slot<I, O> slot : batch) {
            items.add(slot.item);
        }
        try {
            List<Outcome<O>> outcomes = work.apply(items);
            if (outcomes.size() != items.size()) {
                throw new IllegalStateException("the work answered " + outcomes.size() + " outcomes for " + items.size() + " items");
            }
            return outcomes;
        } catch (RuntimeException e) {
            if (items.size() == 1) {
                return List.of(Outcome.failed(e));
            }
            List<Outcome<O>> alone = new ArrayList<>(items.size());
            for (I item : items) {
                try {
                    alone.add(work.apply(List.of(item)).get(0));
                } catch (RuntimeException single) {
                    alone.add(Outcome.failed(single));
                }
            }
            return alone;
        }
    }
}
