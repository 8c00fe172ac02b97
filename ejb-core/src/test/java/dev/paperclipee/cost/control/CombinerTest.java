package dev.paperclipee.cost.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CombinerTest {

    private static List<Combiner.Outcome<String>> doubled(List<Integer> items) {
        List<Combiner.Outcome<String>> out = new ArrayList<>();
        for (Integer i : items) {
            out.add(Combiner.Outcome.of("done " + i));
        }
        return out;
    }

    @Test
    void aCallerAloneDoesItsItemAtOnceInABatchOfOne() {
        Combiner<Integer, String> combiner = new Combiner<>(8);
        List<List<Integer>> batches = new ArrayList<>();
        assertEquals("done 7", combiner.submit("k", 7, items -> {
            batches.add(items);
            return doubled(items);
        }));
        assertEquals(List.of(List.of(7)), batches);
        assertEquals(0, combiner.queued("k"));
    }

    @Test
    void callersThatQueueWhileABatchRunsAreDoneTogetherInTheNextAndEachGetsItsOwnResult() throws Exception {
        Combiner<Integer, String> combiner = new Combiner<>(64);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch othersQueued = new CountDownLatch(1);
        Function<List<Integer>, List<Combiner.Outcome<String>>> work = items -> {
            batches.add(List.copyOf(items));
            if (items.contains(0)) {
                await(othersQueued);
            }
            return doubled(items);
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<String> first = pool.submit(() -> combiner.submit("k", 0, work));
            awaitTrue(() -> batches.size() == 1);
            List<Future<String>> rest = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                int item = i;
                rest.add(pool.submit(() -> combiner.submit("k", item, work)));
            }
            awaitTrue(() -> combiner.queued("k") == 7);
            othersQueued.countDown();
            assertEquals("done 0", first.get(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 7; i++) {
                assertEquals("done " + i, rest.get(i - 1).get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, batches.size(), batches::toString);
        assertEquals(List.of(0), batches.get(0));
        assertEquals(7, batches.get(1).size(), "the seven that queued meanwhile, in one batch: " + batches);
        assertEquals(0, combiner.queued("k"));
    }

    @Test
    void manyConcurrentCallersEachGetTheirOwnResultExactlyOnceInBatchesNoLargerThanTheLimit() throws Exception {
        Combiner<Integer, String> combiner = new Combiner<>(5);
        Map<Integer, Integer> done = new ConcurrentHashMap<>();
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        Function<List<Integer>, List<Combiner.Outcome<String>>> work = items -> {
            sizes.add(items.size());
            items.forEach(i -> done.merge(i, 1, Integer::sum));
            sleep(1);
            return doubled(items);
        };
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < 12; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int n = 0; n < 100; n++) {
                        int item = client * 1000 + n;
                        assertEquals("done " + item, combiner.submit(client % 2 == 0 ? "even" : "odd", item, work));
                    }
                }));
            }
            for (Future<?> f : clients) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1200, done.size());
        assertTrue(done.values().stream().allMatch(n -> n == 1), "each item done once");
        assertTrue(sizes.stream().allMatch(n -> n >= 1 && n <= 5), sizes::toString);
        assertEquals(0, combiner.queued("even") + combiner.queued("odd"));
    }

    @Test
    void aFailingBatchIsDoneAgainItemByItemSoOnlyTheBadItemsCallerFails() throws Exception {
        Combiner<Integer, String> combiner = new Combiner<>(64);
        CountDownLatch othersQueued = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        Function<List<Integer>, List<Combiner.Outcome<String>>> work = items -> {
            batches.add(List.copyOf(items));
            if (items.contains(0)) {
                await(othersQueued);
            }
            if (items.contains(13)) {
                throw new IllegalArgumentException("13 is refused");
            }
            return doubled(items);
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<String> first = pool.submit(() -> combiner.submit("k", 0, work));
            awaitTrue(() -> batches.size() == 1);
            Future<String> good = pool.submit(() -> combiner.submit("k", 12, work));
            awaitTrue(() -> combiner.queued("k") == 1);
            Future<String> bad = pool.submit(() -> combiner.submit("k", 13, work));
            awaitTrue(() -> combiner.queued("k") == 2);
            othersQueued.countDown();
            assertEquals("done 0", first.get(10, TimeUnit.SECONDS));
            assertEquals("done 12", good.get(10, TimeUnit.SECONDS));
            Exception failure = assertThrows(Exception.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof IllegalArgumentException, failure::toString);
            assertEquals("13 is refused", failure.getCause().getMessage());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(List.of(0), List.of(12, 13), List.of(12), List.of(13)), batches);
    }

    @Test
    void aBatchOfOnePassesItsExceptionToItsCaller() {
        Combiner<Integer, String> combiner = new Combiner<>(4);
        IllegalStateException refused = new IllegalStateException("refused");
        assertSame(refused, assertThrows(IllegalStateException.class, () -> combiner.submit("k", 1, items -> {
            throw refused;
        })));
        assertEquals("done 2", combiner.submit("k", 2, CombinerTest::doubled), "the lane is free again");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 10 s");
            }
            sleep(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
