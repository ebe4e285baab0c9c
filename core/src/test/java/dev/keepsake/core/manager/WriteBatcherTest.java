package dev.keepsake.core.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.error.WriteFailedException;
import dev.keepsake.core.time.ManualScheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** The batcher's timing, coalescing and error strategies, driven by a manual clock. */
@RunWith(TeaVMTestRunner.class)
public class WriteBatcherTest {

    /** A sink that records batches and can fail or hold them. */
    static final class RecordingSink implements WriteBatcher.Sink<String> {
        final List<Map<String, String>> batches = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final Deque<RuntimeException> failures = new ArrayDeque<>();
        final Deque<Async.Completer<Long>> held = new ArrayDeque<>();
        boolean hold;
        ManualScheduler clock;
        /** A key whose value the "backend" always refuses, as over its quota; null for none. */
        String refused;

        @Override
        public Async<Long> write(List<WriteBatcher.Entry<String>> batch) {
            Map<String, String> seen = new LinkedHashMap<>();
            for (WriteBatcher.Entry<String> e : batch) {
                seen.put(e.key, e.value);
            }
            batches.add(seen);
            times.add(clock.monotonicMillis());
            if (seen.containsKey(refused)) {
                return Async.failed(new QuotaExceededException("test", batch.size() == 1 ? refused : null,
                        "the value does not fit", null));
            }
            RuntimeException failure = failures.poll();
            if (failure != null) {
                return Async.failed(failure);
            }
            if (hold) {
                Async.Completer<Long> c = Async.completer();
                held.add(c);
                return c.async();
            }
            return Async.of((long) batch.size());
        }
    }

    private final ManualScheduler time = ManualScheduler.create();
    private final RecordingSink sink = new RecordingSink();
    private final List<FlushReport> reports = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();

    {
        sink.clock = time;
    }

    private WriteBatcher<String> batcher(PersistenceConfig.Builder config) {
        return new WriteBatcher<>(time, time, config.build(), () -> 0.0, sink, new WriteBatcher.Listener<>() {
            @Override
            public void flushed(FlushReport report) {
                reports.add(report);
            }

            @Override
            public void written(List<WriteBatcher.Entry<String>> batch) {
            }

            @Override
            public void dropped(Collection<WriteBatcher.Entry<String>> batch, Throwable failure) {
                for (WriteBatcher.Entry<String> e : batch) {
                    dropped.add(e.key);
                }
            }
        });
    }

    private WriteBatcher<String> defaults() {
        return batcher(PersistenceConfig.builder());
    }

    /** The keys of each batch written so far, in the order the sink received them. */
    private List<List<String>> batchKeys() {
        List<List<String>> keys = new ArrayList<>();
        for (Map<String, String> batch : sink.batches) {
            keys.add(new ArrayList<>(batch.keySet()));
        }
        return keys;
    }

    private static WriteFailedException boom() {
        return new WriteFailedException("test", null, "injected failure", null);
    }

    @Test
    public void writesAfterTheDebounce() {
        WriteBatcher<String> b = defaults();
        Async<Void> saved = b.enqueue("a", "1");
        time.advance(99);
        assertEquals(0, sink.batches.size());
        assertFalse(saved.isDone());
        time.advance(1);
        assertEquals(List.of(Map.of("a", "1")), sink.batches);
        assertTrue(saved.isDone());
        assertNull(saved.peek());
    }

    @Test
    public void eachWriteRestartsTheDebounce() {
        WriteBatcher<String> b = defaults();
        b.enqueue("a", "1");
        time.advance(80);
        b.enqueue("b", "2");
        time.advance(80);
        assertEquals(0, sink.batches.size());
        time.advance(20);
        assertEquals(1, sink.batches.size());
        assertEquals(180L, (long) sink.times.get(0));
    }

    @Test
    public void aConstantStreamIsStillWrittenWithinTheFlushInterval() {
        WriteBatcher<String> b = defaults();
        for (int t = 0; t < 3000; t += 50) {
            b.enqueue("k" + (t % 7), "v" + t);
            time.advance(50);
        }
        assertTrue("batches: " + sink.times, sink.batches.size() >= 3);
        assertEquals(1000L, (long) sink.times.get(0));
        for (int i = 1; i < sink.times.size(); i++) {
            long gap = sink.times.get(i) - sink.times.get(i - 1);
            assertTrue("gap " + gap + " exceeds the flush interval", gap <= 1000);
        }
    }

    @Test
    public void writesToOneKeyCoalesceAndAnswerEveryCaller() {
        WriteBatcher<String> b = defaults();
        Async<Void> first = b.enqueue("k", "1");
        Async<Void> second = b.enqueue("k", "2");
        Async<Void> third = b.enqueue("k", "3");
        time.advance(100);
        assertEquals(List.of(Map.of("k", "3")), sink.batches);
        assertTrue(first.isDone() && second.isDone() && third.isDone());
    }

    @Test
    public void aDeleteCoalescesWithAPut() {
        WriteBatcher<String> b = defaults();
        b.enqueue("k", "1");
        b.enqueue("k", null);
        assertTrue(b.lookup("k").isDelete());
        time.advance(100);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("k", null);
        assertEquals(List.of(expected), sink.batches);
    }

    @Test
    public void aFullBatchIsWrittenAtOnceAndBatchesAreCapped() {
        WriteBatcher<String> b = batcher(PersistenceConfig.builder().maxBatchSize(10));
        for (int i = 0; i < 25; i++) {
            b.enqueue("k" + i, "v");
        }
        assertEquals(2, sink.batches.size());
        assertEquals(10, sink.batches.get(0).size());
        assertEquals(10, sink.batches.get(1).size());
        assertEquals(0L, (long) sink.times.get(1));
        time.advance(100);
        assertEquals(3, sink.batches.size());
        assertEquals(5, sink.batches.get(2).size());
    }

    @Test
    public void withoutBatchingEveryWriteGoesOutAtOnce() {
        WriteBatcher<String> b = batcher(PersistenceConfig.builder().batchWrites(false));
        b.enqueue("a", "1");
        b.enqueue("b", "2");
        assertEquals(2, sink.batches.size());
        assertEquals(0, time.pendingTasks());
    }

    @Test
    public void oneBatchAtATimeKeepsWritesInOrder() {
        WriteBatcher<String> b = defaults();
        sink.hold = true;
        b.enqueue("k", "1");
        time.advance(100);
        assertEquals(1, sink.batches.size());
        Async<Void> newer = b.enqueue("k", "2");
        assertEquals("2", b.lookup("k").value);
        time.advance(5000);
        assertEquals("the second batch waits for the first", 1, sink.batches.size());
        sink.hold = false;
        sink.held.poll().complete(1L);
        time.advance(100);
        assertEquals(2, sink.batches.size());
        assertEquals(Map.of("k", "2"), sink.batches.get(1));
        assertTrue(newer.isDone());
    }

    @Test
    public void batchesFollowEachKeysFirstWriteAndACoalescedWriteKeepsItsPlace() {
        WriteBatcher<String> b = batcher(PersistenceConfig.builder().maxBatchSize(3));
        sink.hold = true;
        b.enqueue("first", "1");
        time.advance(100);
        for (String key : List.of("b", "c", "b", "d", "e", "c", "f")) {
            b.enqueue(key, "v");
        }
        sink.hold = false;
        sink.held.poll().complete(1L);
        time.advance(100);
        assertEquals(List.of(List.of("first"), List.of("b", "c", "d"), List.of("e", "f")), batchKeys());
    }

    @Test
    public void aLongBacklogLeavesInWriteOrderAcrossManyBatches() {
        WriteBatcher<String> b = batcher(PersistenceConfig.builder().maxBatchSize(7));
        sink.hold = true;
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            written.add("k" + i);
            b.enqueue("k" + i, "v");
            if (i % 3 == 0) {
                b.enqueue("k" + (i / 2), "again"); // coalesces with a waiting or a written key
            }
        }
        sink.hold = false;
        while (!sink.held.isEmpty()) {
            sink.held.poll().complete(1L);
        }
        time.advance(1000);
        List<String> order = new ArrayList<>();
        for (List<String> batch : batchKeys()) {
            assertTrue(batch.size() <= 7);
            order.addAll(batch);
        }
        List<String> distinctInOrder = new ArrayList<>(new LinkedHashSet<>(order));
        assertEquals("every key, first writes first", written, distinctInOrder);
        assertEquals(0, b.pendingCount());
    }

    @Test
    public void aBatchFailedByAnUnavailableBackendIsRetriedWholeAheadOfWritesQueuedMeanwhile() {
        WriteBatcher<String> b = defaults();
        sink.hold = true;
        b.enqueue("a", "1");
        b.enqueue("b", "1");
        time.advance(100);
        b.enqueue("c", "2");
        b.enqueue("b", "2");
        sink.hold = false;
        sink.held.poll().fail(new BackendUnavailableException("test", null, "offline", null));
        time.advance(1000);
        assertEquals(List.of(List.of("a", "b"), List.of("a", "c", "b")), batchKeys());
        assertEquals("2", sink.batches.get(1).get("b"));
    }

    @Test
    public void lookupSeesPendingAndInFlightWrites() {
        WriteBatcher<String> b = defaults();
        sink.hold = true;
        b.enqueue("a", "1");
        assertEquals("1", b.lookup("a").value);
        time.advance(100);
        assertEquals("1", b.lookup("a").value);
        sink.held.poll().complete(1L);
        assertNull(b.lookup("a"));
    }

    @Test
    public void flushWritesNowAndCompletesWhenDurable() {
        WriteBatcher<String> b = defaults();
        sink.hold = true;
        b.enqueue("a", "1");
        Async<Void> flushed = b.flush();
        assertEquals(1, sink.batches.size());
        assertFalse(flushed.isDone());
        sink.held.poll().complete(1L);
        assertTrue(flushed.isDone());
        assertNull(flushed.peek());
    }

    @Test
    public void flushWaitsForAKeyRewrittenWhileItsOldValueIsInFlight() {
        WriteBatcher<String> b = defaults();
        sink.hold = true;
        b.enqueue("k", "1");
        time.advance(100);
        b.enqueue("k", "2");
        Async<Void> flushed = b.flush();
        sink.held.poll().complete(1L);
        assertFalse("the value queued before flush() is not durable yet", flushed.isDone());
        sink.held.poll().complete(1L);
        assertTrue(flushed.isDone());
        assertEquals(Map.of("k", "2"), sink.batches.get(1));
    }

    @Test
    public void flushWithNothingQueuedCompletesAtOnce() {
        assertTrue(defaults().flush().isDone());
    }

    @Test
    public void logAndContinueKeepsFailedWritesAndRetriesThemLater() {
        WriteBatcher<String> b = defaults();
        sink.failures.add(boom());
        Async<Void> saved = b.enqueue("k", "1");
        Async<Void> flushed = b.flush();
        assertTrue(flushed.isFailed());
        assertTrue(flushed.failure() instanceof WriteFailedException);
        assertFalse("the write is kept, not failed", saved.isDone());
        assertEquals(1, b.failedFlushes());
        assertTrue(b.lastError() instanceof WriteFailedException);
        assertEquals("1", b.lookup("k").value);
        time.advance(999);
        assertEquals(1, sink.batches.size());
        time.advance(1);
        assertEquals(2, sink.batches.size());
        assertTrue(saved.isDone());
        assertFalse(saved.isFailed());
        assertEquals(List.of(), dropped);
    }

    @Test
    public void oneWriteThatCanNeverSucceedIsIsolatedReportedWithItsKeyAndEveryOtherKeyLands() {
        WriteBatcher<String> b = defaults();
        sink.refused = "huge";
        List<Async<Void>> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            good.add(b.enqueue("k" + i, "v" + i));
        }
        Async<Void> huge = b.enqueue("huge", "too big");
        for (int i = 5; i < 10; i++) {
            good.add(b.enqueue("k" + i, "v" + i));
        }
        Async<Void> flushed = b.flush();
        for (Async<Void> saved : good) {
            assertTrue("every other write landed", saved.isDone() && !saved.isFailed());
        }
        assertFalse("the refused write is kept, as logAndContinue keeps failed writes", huge.isDone());
        assertEquals(1, b.pendingCount());
        assertTrue(flushed.isFailed());
        assertEquals("huge", ((PersistenceException) flushed.failure()).key());
        assertEquals("huge", ((PersistenceException) b.lastError()).key());
        assertEquals(1, b.failedFlushes());
        List<String> lastWithHuge = null;
        for (List<String> keys : batchKeys()) {
            if (keys.contains("huge")) {
                lastWithHuge = keys;
            }
        }
        assertEquals("the refused key was tried alone", List.of("huge"), lastWithHuge);
        assertTrue("split in halves, not written one by one: " + batchKeys(), sink.batches.size() <= 9);

        int attempts = sink.batches.size();
        Async<Void> later = b.enqueue("k-later", "v");
        time.advance(1000);
        assertTrue("a write made after the failure lands too", later.isDone() && !later.isFailed());
        assertFalse(huge.isDone());
        assertTrue(sink.batches.size() > attempts);

        Async<Void> smaller = b.enqueue("huge", "fits");
        sink.refused = null;
        b.flush();
        assertTrue(huge.isDone() && !huge.isFailed());
        assertTrue(smaller.isDone() && !smaller.isFailed());
        assertEquals(0, b.pendingCount());
    }

    @Test
    public void aBatchFailedByAnUnavailableBackendIsNotSplit() {
        WriteBatcher<String> b = defaults();
        sink.failures.add(new BackendUnavailableException("test", null, "offline", null));
        b.enqueue("a", "1");
        b.enqueue("b", "2");
        assertTrue(b.flush().isFailed());
        assertEquals(List.of(List.of("a", "b")), batchKeys());
        assertEquals(2, b.pendingCount());
    }

    @Test
    public void underFailFastARefusedWriteFailsItsWholeBatch() {
        WriteBatcher<String> b = batcher(PersistenceConfig.builder().errorStrategy(ErrorStrategy.failFast()));
        sink.refused = "huge";
        Async<Void> good = b.enqueue("a", "1");
        Async<Void> huge = b.enqueue("huge", "too big");
        b.flush();
        assertTrue(good.isFailed());
        assertTrue(huge.isFailed());
        assertEquals(1, sink.batches.size());
    }

    @Test
    public void aBatchIsWrittenAtTheLatestOneSecondAfterTheFirstChangeEvenWhenTheClockStepsBack() {
        WriteBatcher<String> b = defaults();
        b.enqueue("k", "0");
        time.stepClock(-3_600_000);
        for (int t = 50; t <= 1000; t += 50) {
            time.advance(50);
            b.enqueue("k", "v" + t);
        }
        assertEquals("one batch, at 1000 ms on the monotonic time", List.of(1000L), sink.times);
        time.stepClock(7_200_000);
        b.enqueue("a", "1");
        time.advance(99);
        assertEquals("a clock set forward does not cut the debounce short", 1, sink.batches.size());
        time.advance(1);
        assertEquals(2, sink.batches.size());
    }

    @Test
    public void closeSettlesEveryWaitingWriteWithTheErrorWhenTheFinalFlushFails() {
        WriteBatcher<String> b = defaults();
        sink.hold = true;
        Async<Void> first = b.enqueue("a", "1");
        time.advance(100);
        Async<Void> second = b.enqueue("b", "2");
        Async<Void> closed = b.close();
        sink.hold = false;
        RuntimeException failure = boom();
        sink.failures.add(failure);
        sink.held.poll().fail(failure);
        assertTrue(closed.isFailed());
        assertSame(failure, closed.failure());
        assertTrue(first.isFailed());
        assertSame(failure, first.failure());
        assertTrue("the write never attempted is answered too", second.isFailed());
        assertSame(failure, second.failure());
        assertEquals(0, b.pendingCount());
        assertEquals(new LinkedHashSet<>(List.of("a", "b")), new LinkedHashSet<>(dropped));
        assertEquals(2, dropped.size());
        assertEquals("no timer outlives close", 0, time.pendingTasks());
    }

    @Test
    public void logAndContinueLetsANewerWriteWinOverAFailedOne() {
        WriteBatcher<String> b = defaults();
        sink.hold = true;
        Async<Void> old = b.enqueue("k", "old");
        time.advance(100);
        Async<Void> newer = b.enqueue("k", "new");
        sink.held.poll().fail(boom());
        assertEquals("new", b.lookup("k").value);
        sink.hold = false;
        time.advance(1000);
        assertEquals(Map.of("k", "new"), sink.batches.get(sink.batches.size() - 1));
        assertTrue(old.isDone() && !old.isFailed());
        assertTrue(newer.isDone() && !newer.isFailed());
    }

    @Test
    public void failFastFailsTheCallersAndForgetsTheWrites() {
        WriteBatcher<String> b = batcher(PersistenceConfig.builder().errorStrategy(ErrorStrategy.failFast()));
        sink.failures.add(boom());
        Async<Void> saved = b.enqueue("k", "1");
        Async<Void> flushed = b.flush();
        assertTrue(saved.isFailed());
        assertTrue(saved.failure() instanceof WriteFailedException);
        assertTrue(flushed.isFailed());
        assertNull(b.lookup("k"));
        assertEquals(List.of("k"), dropped);
        assertEquals(1, b.failedFlushes());
        time.advance(10_000);
        assertEquals("nothing is retried", 1, sink.batches.size());
    }

    @Test
    public void retryOnceRetriesImmediately() {
        WriteBatcher<String> b = batcher(PersistenceConfig.builder().errorStrategy(ErrorStrategy.retryOnce()));
        sink.failures.add(boom());
        Async<Void> saved = b.enqueue("k", "1");
        b.flush();
        assertEquals(2, sink.batches.size());
        assertTrue(saved.isDone() && !saved.isFailed());
        assertEquals(2, reports.size());
        assertFalse(reports.get(0).succeeded());
        assertEquals(2, reports.get(1).attempt());
        assertEquals(0, b.failedFlushes());
    }

    @Test
    public void retryOnceGivesUpAfterTheSecondFailure() {
        WriteBatcher<String> b = batcher(PersistenceConfig.builder().errorStrategy(ErrorStrategy.retryOnce()));
        sink.failures.add(boom());
        sink.failures.add(boom());
        Async<Void> saved = b.enqueue("k", "1");
        b.flush();
        assertEquals(2, sink.batches.size());
        assertTrue(saved.isFailed());
        assertEquals(List.of("k"), dropped);
    }

    @Test
    public void backoffDoublesUpToTheCapThenGivesUp() {
        WriteBatcher<String> b = batcher(PersistenceConfig.builder()
                .errorStrategy(ErrorStrategy.retryWithBackoff(100, 300, 5)));
        for (int i = 0; i < 5; i++) {
            sink.failures.add(boom());
        }
        Async<Void> saved = b.enqueue("k", "1");
        b.flush();
        time.advance(10_000);
        assertEquals(5, sink.batches.size());
        assertEquals(List.of(0L, 100L, 300L, 600L, 900L), sink.times);
        assertTrue(saved.isFailed());
        assertEquals(1, b.failedFlushes());
    }

    @Test
    public void backoffJitterShortensDelaysByAtMostHalf() {
        WriteBatcher<String> b = new WriteBatcher<>(time, time, PersistenceConfig.builder()
                .errorStrategy(ErrorStrategy.retryWithBackoff(100, 1000, 3)).build(), () -> 0.999, sink,
                WriteBatcher.silent(r -> { }));
        sink.failures.add(boom());
        Async<Void> saved = b.enqueue("k", "1");
        b.flush();
        time.advance(50);
        assertEquals("jitter never halves the delay or more", 1, sink.batches.size());
        time.advance(1);
        assertEquals(2, sink.batches.size());
        assertTrue(saved.isDone() && !saved.isFailed());
    }

    @Test
    public void closeFlushesAndRefusesFurtherWrites() {
        WriteBatcher<String> b = defaults();
        Async<Void> saved = b.enqueue("k", "1");
        Async<Void> closed = b.close();
        assertTrue(closed.isDone());
        assertTrue(saved.isDone());
        assertEquals(1, sink.batches.size());
        assertThrows(IllegalStateException.class, () -> b.enqueue("k", "2"));
        assertEquals(0, time.pendingTasks());
    }

    @Test
    public void aSinkThatThrowsIsTreatedAsAFailedBatch() {
        WriteBatcher<String> b = new WriteBatcher<>(time, time,
                PersistenceConfig.builder().errorStrategy(ErrorStrategy.failFast()).build(), () -> 0.0,
                batch -> {
                    throw boom();
                }, WriteBatcher.silent(r -> { }));
        Async<Void> saved = b.enqueue("k", "1");
        b.flush();
        assertTrue(saved.isFailed());
    }

    @Test
    public void reportsCountEntriesAndBytes() {
        WriteBatcher<String> b = defaults();
        b.enqueue("a", "1");
        b.enqueue("b", "2");
        b.flush();
        assertEquals(1, reports.size());
        FlushReport report = reports.get(0);
        assertEquals(2, report.entries());
        assertEquals(2L, report.bytes());
        assertTrue(report.succeeded());
        assertSame(null, report.failure());
    }
}
