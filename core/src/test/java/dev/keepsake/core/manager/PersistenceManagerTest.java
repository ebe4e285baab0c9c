package dev.keepsake.core.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.error.WriteFailedException;
import dev.keepsake.core.time.ManualScheduler;
import dev.keepsake.testing.FaultyBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** The manager over a memory backend, on the JVM, JS and wasm-gc; time is driven by hand. */
@RunWith(TeaVMTestRunner.class)
public class PersistenceManagerTest {

    private final ManualScheduler time = ManualScheduler.create();
    private final MemoryBackend memory = MemoryBackend.create();
    private final FaultyBackend backend = new FaultyBackend(memory);
    private final List<FlushReport> reports = new ArrayList<>();

    private PersistenceManager<String> manager(PersistenceConfig.Builder config) {
        return manager(backend, config);
    }

    private PersistenceManager<String> manager(StorageBackend on, PersistenceConfig.Builder config) {
        return PersistenceManager.builder(on, TestSerializers.strings(), time)
                .config(config.build())
                .onFlush(reports::add)
                .jitter(() -> 0.0)
                .build();
    }

    private PersistenceManager<String> manager() {
        return manager(PersistenceConfig.builder());
    }

    private static <T> T done(Async<T> async) {
        assertTrue("expected a settled result: " + async, async.isDone());
        return async.peek();
    }

    private Set<String> storedKeys() {
        return new HashSet<>(done(memory.listKeys()));
    }

    @Test
    public void loadSeesASaveBeforeItIsWritten() {
        PersistenceManager<String> m = manager();
        Async<Void> saved = m.save("greeting", "hello");
        assertFalse(saved.isDone());
        assertEquals(Optional.of("hello"), done(m.load("greeting")));
        assertEquals(Set.of(), storedKeys());
        time.advance(100);
        assertTrue(saved.isDone());
        assertEquals(Set.of("keepsake:greeting"), storedKeys());
    }

    @Test
    public void valuesSurviveANewManagerOnTheSameBackend() {
        PersistenceManager<String> m = manager();
        m.save("a", "1");
        m.save("b", "2");
        done(m.close());
        PersistenceManager<String> again = manager();
        assertEquals(Optional.of("1"), done(again.load("a")));
        assertEquals(Optional.of("2"), done(again.load("b")));
        assertEquals(Optional.empty(), done(again.load("c")));
    }

    @Test
    public void loadSeesAPendingDelete() {
        PersistenceManager<String> m = manager();
        m.save("k", "v");
        done(m.flush());
        m.delete("k");
        assertEquals(Optional.empty(), done(m.load("k")));
        assertEquals(List.of(), done(m.listKeys()));
        time.advance(100);
        assertEquals(Set.of(), storedKeys());
    }

    @Test
    public void listKeysMergesStoredAndPendingKeys() {
        PersistenceManager<String> m = manager();
        m.save("stored", "1");
        m.save("doomed", "2");
        done(m.flush());
        m.save("pending", "3");
        m.save("stored", "4");
        m.delete("doomed");
        List<String> keys = new ArrayList<>(done(m.listKeys()));
        Collections.sort(keys);
        assertEquals("each key once, a pending rewrite of a stored key included", List.of("pending", "stored"), keys);
    }

    @Test
    public void everyFlushIsOneBackendBatch() {
        PersistenceManager<String> m = manager();
        for (int i = 0; i < 50; i++) {
            m.save("k" + (i % 10), "v" + i);
        }
        done(m.flush());
        assertEquals(1, backend.batches().size());
        assertEquals(10, backend.batches().get(0).size());
        assertEquals(Optional.of("v49"), done(m.load("k9")));
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).bytes() > 0);
    }

    @Test
    public void managersWithOverlappingPrefixesNeverSeeEachOthersKeys() {
        PersistenceManager<String> a = manager(PersistenceConfig.builder().keyPrefix("a"));
        PersistenceManager<String> ab = manager(PersistenceConfig.builder().keyPrefix("a:b"));
        a.save("b:x", "from a");
        ab.save("x", "from a:b");
        done(a.flush());
        done(ab.flush());
        assertEquals(2, storedKeys().size());
        assertEquals(List.of("b:x"), done(a.listKeys()));
        assertEquals(List.of("x"), done(ab.listKeys()));
        PersistenceManager<String> freshA = manager(PersistenceConfig.builder().keyPrefix("a").cacheSize(0));
        assertEquals(Optional.of("from a"), done(freshA.load("b:x")));
        assertEquals(Optional.empty(), done(freshA.load("x")));
    }

    @Test
    public void theCacheAnswersRepeatedLoads() {
        PersistenceManager<String> writer = manager();
        writer.save("k", "v");
        done(writer.close());
        PersistenceManager<String> m = manager();
        assertEquals(Optional.of("v"), done(m.load("k")));
        done(memory.delete("keepsake:k"));
        assertEquals("served from the cache", Optional.of("v"), done(m.load("k")));
        PersistenceManager<String> uncached = manager(PersistenceConfig.builder().cacheSize(0));
        assertEquals(Optional.empty(), done(uncached.load("k")));
    }

    @Test
    public void withTheCacheOffLoadsSeeEveryWaitingWriteThenTheStoredValue() {
        PersistenceManager<String> m = manager(PersistenceConfig.builder().cacheSize(0));
        assertEquals(Optional.empty(), done(m.load("k")));
        m.save("k", "pending");
        assertEquals(Optional.of("pending"), done(m.load("k")));
        backend.hold();
        time.advance(100);
        assertEquals("in flight", Optional.of("pending"), done(m.load("k")));
        m.delete("k");
        assertEquals("a delete waits behind the write in flight", Optional.empty(), done(m.load("k")));
        backend.release();
        time.advance(100);
        assertEquals(0, m.pendingWrites());
        assertEquals(Set.of(), storedKeys());
        assertEquals(Optional.empty(), done(m.load("k")));
        m.save("k", "stored");
        done(m.flush());
        assertEquals(Optional.of("stored"), done(m.load("k")));
        done(memory.delete("keepsake:k"));
        assertEquals("read from the backend each time", Optional.empty(), done(m.load("k")));
    }

    @Test
    public void withTheCacheOffAWriteMadeWhileALoadReadsWins() {
        PersistenceManager<String> m = manager(PersistenceConfig.builder().cacheSize(0));
        m.save("k", "old");
        done(m.flush());
        backend.holdLoads();
        Async<Optional<String>> loading = m.load("k");
        m.save("k", "new");
        backend.releaseLoads();
        assertEquals(Optional.of("new"), done(loading));
    }

    @Test
    public void aLoadReadsTheVersionOnlyWhenARebaseNeedsIt() {
        List<String> reads = new ArrayList<>();
        StorageBackend counting = new StorageBackend() {
            @Override
            public String name() {
                return memory.name();
            }

            @Override
            public Async<Void> save(String key, byte[] value) {
                return memory.save(key, value);
            }

            @Override
            public Async<byte[]> load(String key) {
                reads.add("load");
                return memory.load(key);
            }

            @Override
            public Async<Versioned> loadVersioned(String key) {
                reads.add("loadVersioned");
                return memory.loadVersioned(key);
            }

            @Override
            public Async<byte[]> loadOrNull(String key) {
                reads.add("loadOrNull");
                return memory.loadOrNull(key);
            }

            @Override
            public Async<Void> delete(String key) {
                return memory.delete(key);
            }

            @Override
            public Async<Boolean> exists(String key) {
                return memory.exists(key);
            }

            @Override
            public Async<List<String>> listKeys() {
                return memory.listKeys();
            }

            @Override
            public Async<StorageInfo> info() {
                return memory.info();
            }

            @Override
            public Async<Void> clear() {
                return memory.clear();
            }

            @Override
            public Async<Void> write(WriteBatch batch) {
                return memory.write(batch);
            }
        };
        PersistenceManager<String> writer = manager(counting, PersistenceConfig.builder());
        writer.save("k", "v");
        done(writer.close());
        PersistenceManager<String> plain = manager(counting, PersistenceConfig.builder().cacheSize(0));
        assertEquals(Optional.of("v"), done(plain.load("k")));
        assertEquals(Optional.empty(), done(plain.load("missing")));
        assertEquals(List.of("loadOrNull", "loadOrNull"), reads);
        reads.clear();
        PersistenceManager<String> rebasing = PersistenceManager.builder(counting, TestSerializers.strings(), time)
                .config(PersistenceConfig.builder().cacheSize(0).build())
                .rebase((key, local, remote) -> local)
                .build();
        assertEquals(Optional.of("v"), done(rebasing.load("k")));
        assertEquals(List.of("loadVersioned"), reads);
    }

    @Test
    public void failFastReportsTheErrorAndReadsSeeTheBackendAgain() {
        MemoryBackend small = MemoryBackend.withQuota(64);
        PersistenceManager<String> m = manager(small,
                PersistenceConfig.builder().errorStrategy(ErrorStrategy.failFast()));
        m.save("k", "small");
        done(m.flush());
        Async<Void> big = m.save("k", "x".repeat(200));
        Async<Void> flushed = m.flush();
        assertTrue(big.isFailed());
        assertTrue(big.failure() instanceof QuotaExceededException);
        assertTrue(flushed.isFailed());
        assertEquals("the previous value is intact and visible", Optional.of("small"), done(m.load("k")));
        assertEquals(1, m.failedFlushCount());
        assertTrue(m.lastError().get() instanceof QuotaExceededException);
    }

    @Test
    public void logAndContinueKeepsTheWriteUntilTheBackendRecovers() {
        backend.failNextWrites(2, () -> new WriteFailedException("test", null, "disk hiccup", null));
        PersistenceManager<String> m = manager();
        Async<Void> saved = m.save("k", "v");
        assertTrue(m.flush().isFailed());
        assertEquals(Optional.of("v"), done(m.load("k")));
        time.advance(1000);
        assertFalse(saved.isDone());
        assertEquals(2, m.failedFlushCount());
        time.advance(1000);
        assertTrue(saved.isDone() && !saved.isFailed());
        assertEquals(Set.of("keepsake:k"), storedKeys());
        assertEquals(0, m.pendingWrites());
    }

    @Test
    public void oneValueOverTheQuotaIsReportedWithItsKeyAndDoesNotHoldBackTheOthers() {
        MemoryBackend small = MemoryBackend.withQuota(4096);
        PersistenceManager<String> m = manager(small, PersistenceConfig.builder());
        List<Async<Void>> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            good.add(m.save("k" + i, "value " + i));
        }
        Async<Void> huge = m.save("huge", "x".repeat(8192));
        for (int i = 20; i < 40; i++) {
            good.add(m.save("k" + i, "value " + i));
        }
        time.advance(100);
        for (Async<Void> saved : good) {
            assertTrue("every other key landed", saved.isDone() && !saved.isFailed());
        }
        assertEquals(40, done(small.listKeys()).size());
        assertFalse("logAndContinue keeps the refused write", huge.isDone());
        QuotaExceededException reported = (QuotaExceededException) m.lastError().get();
        assertEquals("keepsake:huge", reported.key());
        assertEquals(1, m.pendingWrites());
        FlushReport lastFailed = null;
        for (FlushReport r : reports) {
            lastFailed = r.succeeded() ? lastFailed : r;
        }
        assertEquals("the refused value was written alone", 1, lastFailed.entries());
        assertEquals("keepsake:huge", ((QuotaExceededException) lastFailed.failure()).key());

        Async<Void> later = m.save("later", "v");
        time.advance(1000);
        assertTrue("writes keep landing after it", later.isDone() && !later.isFailed());
        assertFalse(huge.isDone());
        m.save("huge", "small now");
        done(m.flush());
        assertTrue(huge.isDone() && !huge.isFailed());
        assertEquals(Optional.of("small now"), done(manager(small, PersistenceConfig.builder()).load("huge")));
    }

    @Test
    public void aChangeIsWrittenAtTheLatestOneSecondAfterTheFirstEvenWhenTheClockStepsBack() {
        PersistenceManager<String> m = manager();
        Async<Void> first = m.save("k", "0");
        time.stepClock(-24L * 3600 * 1000);
        for (int t = 50; t < 1000; t += 50) {
            time.advance(50);
            m.save("k", "v" + t);
        }
        assertFalse(first.isDone());
        time.advance(50);
        assertTrue("written 1 s after the first change", first.isDone());
        assertEquals(1, backend.batches().size());
    }

    @Test
    public void closeSettlesEveryPendingSaveWithTheErrorWhenTheFinalFlushFails() {
        PersistenceManager<String> m = manager();
        Async<Void> saved = m.save("k", "v");
        backend.failNextWrites(1, () -> new WriteFailedException("test", "keepsake:k", "disk gone", null));
        Async<Void> closed = m.close();
        assertTrue(closed.isFailed());
        assertTrue("the pending save fails with the error", saved.isFailed());
        assertTrue(saved.failure() instanceof WriteFailedException);
        assertEquals(0, m.pendingWrites());
        assertEquals("no timer left behind", 0, time.pendingTasks());
    }

    @Test
    public void anEncodingErrorFailsTheSaveAndStoresNothing() {
        PersistenceManager<String> m = manager();
        Async<Void> saved = m.save("k", "unencodable");
        assertTrue(saved.isFailed());
        assertTrue(saved.failure() instanceof SerializationException);
        done(m.flush());
        assertEquals(Set.of(), storedKeys());
        assertEquals(Optional.empty(), done(m.load("k")));
    }

    @Test
    public void saveAllIsOneBatchWithOneResultAndSeenAtOnce() {
        PersistenceManager<String> m = manager();
        Async<Void> earlier = m.save("b", "old");
        Async<Void> saved = m.saveAll(List.of("a", "b", "c", "a"), List.of("1", "2", "3", "4"));
        assertFalse(saved.isDone());
        assertEquals("read-your-writes, the last value of a key given twice", Optional.of("4"), done(m.load("a")));
        assertEquals(Optional.of("2"), done(m.load("b")));
        time.advance(100);
        assertTrue(saved.isDone() && !saved.isFailed());
        assertTrue("an earlier save of a key answers when the newer value lands", earlier.isDone());
        assertEquals(1, backend.batches().size());
        assertEquals(3, backend.batches().get(0).size());
        PersistenceManager<String> again = manager();
        assertEquals(Optional.of("4"), done(again.load("a")));
        assertEquals(Optional.of("2"), done(again.load("b")));
        assertEquals(Optional.of("3"), done(again.load("c")));
    }

    @Test
    public void saveAllInBatchesOfMaxBatchSizeAnswersWhenTheLastLands() {
        PersistenceManager<String> m = manager(PersistenceConfig.builder().maxBatchSize(2));
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add("k" + i);
            values.add("v" + i);
        }
        Async<Void> saved = m.saveAll(keys, values);
        time.advance(100);
        assertTrue(saved.isDone() && !saved.isFailed());
        assertEquals("batches of 2, 2 and 1", 3, backend.batches().size());
        assertEquals(5, storedKeys().size());
    }

    @Test
    public void saveAllQueuesNothingWhenAKeyOrValueIsInvalidOrAValueFailsToEncode() {
        PersistenceManager<String> m = manager();
        assertThrows(IllegalArgumentException.class, () -> m.saveAll(List.of("a", ""), List.of("1", "2")));
        assertThrows(IllegalArgumentException.class, () -> m.saveAll(List.of("a", "b"), List.of("1")));
        Async<Void> saved = m.saveAll(List.of("a", "b"), List.of("1", "unencodable"));
        assertTrue(saved.isFailed());
        assertTrue(saved.failure() instanceof SerializationException);
        assertEquals(0, m.pendingWrites());
        done(m.flush());
        assertEquals(Set.of(), storedKeys());
        assertEquals(Optional.empty(), done(m.load("a")));
    }

    @Test
    public void saveAllFailsWithTheBatchUnderFailFast() {
        PersistenceManager<String> m = manager(PersistenceConfig.builder().errorStrategy(ErrorStrategy.failFast()));
        backend.failNextWrites(1, () -> new WriteFailedException("test", null, "disk gone", null));
        Async<Void> saved = m.saveAll(List.of("a", "b"), List.of("1", "2"));
        assertTrue(m.flush().isFailed());
        assertTrue(saved.isFailed());
        assertTrue(saved.failure() instanceof WriteFailedException);
        assertEquals(Optional.empty(), done(m.load("a")));
    }

    @Test
    public void aLoadRacingASaveReturnsTheNewerValue() {
        FaultyBackend slow = new FaultyBackend(memory);
        PersistenceManager<String> writer = manager();
        writer.save("k", "old");
        done(writer.close());
        PersistenceManager<String> m = manager(slow, PersistenceConfig.builder());
        Async<Optional<String>> loading = m.load("k");
        assertEquals(Optional.of("old"), done(loading));
        m.save("k", "new");
        assertEquals(Optional.of("new"), done(m.load("k")));
        time.advance(100);
        assertEquals(Optional.of("new"), done(m.load("k")));
    }

    @Test
    public void closedManagerRefusesUse() {
        PersistenceManager<String> m = manager();
        m.save("k", "v");
        done(m.close());
        assertEquals(Set.of("keepsake:k"), storedKeys());
        assertThrows(IllegalStateException.class, () -> m.save("k", "w"));
        assertThrows(IllegalStateException.class, () -> m.load("k"));
        assertThrows(IllegalStateException.class, () -> m.flush());
        assertTrue(m.close().isDone());
    }

    @Test
    public void misuseIsReportedWithTheJdksExceptions() {
        PersistenceManager<String> m = manager();
        assertThrows(NullPointerException.class, () -> m.save(null, "v"));
        assertThrows(NullPointerException.class, () -> m.save("k", null));
        assertThrows(IllegalArgumentException.class, () -> m.save("", "v"));
        assertThrows(IllegalArgumentException.class, () -> m.load("\uD800"));
        assertThrows(NullPointerException.class,
                () -> PersistenceManager.builder(null, TestSerializers.strings(), time));
    }

    @Test
    public void theBatchHoldsOnlyThisManagersKeys() {
        PersistenceManager<String> m = manager(PersistenceConfig.builder().keyPrefix("app"));
        m.save("x", "1");
        done(m.flush());
        WriteBatch batch = backend.batches().get(0);
        assertEquals("app:x", batch.entries().get(0).key());
    }
}
