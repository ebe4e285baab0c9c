package dev.keepsake.browser.sync;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.store.PersistentStore;
import dev.keepsake.core.time.ManualScheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The journal of writes uncommitted at hide time, over a fake page. IndexedDB is a memory
 * backend behind a {@link HeldConnection} that can hold writes (a transaction still running
 * when the tab goes); a page that is closed never commits them. localStorage is a second memory
 * backend, shared by every "page", as the real one is.
 */
@RunWith(TeaVMTestRunner.class)
public class JournaledBackendTest {

    private static final PersistenceConfig SLOW = PersistenceConfig.builder()
            .saveDebounceMillis(3_600_000).flushIntervalMillis(3_600_000).build();
    private static final String NAMESPACE = StorageKeys.journalNamespace("db", "values");

    private final MemoryBackend indexedDb = MemoryBackend.create();
    private final MemoryBackend localStorage = MemoryBackend.create();
    private final ManualScheduler time = ManualScheduler.create();

    /** One page: its own page events, hide registry, locks and connection to the shared storage. */
    private final class Tab {
        final FakePage page = new FakePage();
        final HideFlushes hides = new HideFlushes(page);
        final DirectLocks locks = new DirectLocks();
        final HeldConnection connection = new HeldConnection(indexedDb);
        final JournaledBackend backend = new JournaledBackend(connection, localStorage, NAMESPACE, locks, time);

        Tab() {
            hides.registerAfterFlushes(backend, backend::journalUncommitted);
        }

        PersistentStore<String> store(String key) {
            PersistentStore<String> store = PersistentStore.builder(backend, time, key, Codecs.strings(), "initial")
                    .config(SLOW).build();
            hides.register(store, store::flush);
            return store;
        }
    }

    private List<String> journalKeys() {
        return localStorage.listKeys().peek();
    }

    @Test
    public void aWriteStillRunningWhenTheTabIsClosedIsThereOnTheNextVisit() {
        Tab closing = new Tab();
        PersistentStore<String> draft = closing.store("draft");
        assertTrue(draft.whenHydrated().isDone());
        closing.connection.hold(); // IndexedDB's transaction will not commit before the tab goes
        draft.set("typed just before closing");

        closing.page.hide();

        assertEquals("journaled while hidden", List.of(NAMESPACE + "keepsake:draft"), journalKeys());
        assertEquals("not in IndexedDB", List.of(), indexedDb.listKeys().peek());
        Tab next = new Tab();
        PersistentStore<String> reopened = next.store("draft");
        assertTrue(reopened.whenHydrated().isDone());
        assertEquals("typed just before closing", reopened.get());
        assertEquals("replayed into IndexedDB", List.of("keepsake:draft"), indexedDb.listKeys().peek());
        assertEquals("journal emptied by the replay", List.of(), journalKeys());
    }

    @Test
    public void aBatchWaitingBehindARunningOneIsJournaledInTheSameHide() {
        Tab closing = new Tab();
        PersistenceManager<String> manager = PersistenceManager
                .builder(closing.backend, Serializers.json(Codecs.strings()), time).config(SLOW).build();
        closing.hides.register(manager, manager::flush);
        closing.connection.hold();
        manager.save("first", "one");
        manager.flush(); // the first batch is now running
        manager.save("second", "two"); // waits behind it in the batcher

        closing.page.hide();

        List<String> journaled = new ArrayList<>(journalKeys());
        Collections.sort(journaled);
        assertEquals(List.of(NAMESPACE + "keepsake:first", NAMESPACE + "keepsake:second"), journaled);
        PersistenceManager<String> next = PersistenceManager
                .builder(new Tab().backend, Serializers.json(Codecs.strings()), time).config(SLOW).build();
        assertEquals(Optional.of("one"), next.load("first").peek());
        assertEquals(Optional.of("two"), next.load("second").peek());
    }

    @Test
    public void aJournaledWriteThatCommitsAfterAllLeavesNoJournalBehind() {
        Tab tab = new Tab();
        PersistentStore<String> draft = tab.store("draft");
        tab.connection.hold();
        draft.set("hidden, then committed");
        tab.page.hide();
        assertEquals(1, journalKeys().size());

        tab.connection.commit(0);

        assertEquals("the commit removed its entry", List.of(), journalKeys());
        assertEquals(List.of("keepsake:draft"), indexedDb.listKeys().peek());
    }

    @Test
    public void anEntryJournaledAgainByANewerWriteSurvivesTheOlderCommit() {
        Tab tab = new Tab();
        PersistenceManager<String> manager = PersistenceManager
                .builder(tab.backend, Serializers.json(Codecs.strings()), time).config(SLOW).build();
        tab.hides.register(manager, manager::flush);
        tab.connection.hold();
        manager.save("k", "older");
        tab.page.hide(); // journals "older"; the batch counts as done
        manager.save("k", "newer");
        tab.page.hide(); // journals "newer" over it, in a second held write

        tab.connection.commit(0);

        assertEquals("the newer entry stays while its write runs", 1, journalKeys().size());
        Tab next = new Tab();
        PersistenceManager<String> reopened = PersistenceManager
                .builder(next.backend, Serializers.json(Codecs.strings()), time).config(SLOW).build();
        assertEquals(Optional.of("newer"), reopened.load("k").peek());
    }

    @Test
    public void aDamagedJournalEntryIsDroppedNotReplayed() {
        String key = NAMESPACE + "keepsake:draft";
        byte[] record = JournaledBackend.record(key, new WriteBatch.Entry("keepsake:draft", new byte[] {1, 2, 3}));
        record[2] ^= 0x10;
        localStorage.save(key, record);

        Tab next = new Tab();
        assertFalse(next.backend.exists("keepsake:draft").peek());
        assertEquals(List.of(), journalKeys());
    }

    @Test
    public void aRecordChecksItsBytesAndTheKeyItWasWrittenFor() {
        byte[] put = JournaledBackend.record("ns:a", new WriteBatch.Entry("a", new byte[] {9, 8, 7}));
        byte[] delete = JournaledBackend.record("ns:a", new WriteBatch.Entry("a", null));
        assertTrue(JournaledBackend.intact("ns:a", put));
        assertTrue(JournaledBackend.intact("ns:a", delete));
        assertFalse("copied to another key", JournaledBackend.intact("ns:b", put));
        assertFalse("truncated", JournaledBackend.intact("ns:a", java.util.Arrays.copyOf(put, put.length - 1)));
        assertEquals("tag, version, expected version, value, checksum", 1 + 8 + 8 + 3 + 4, put.length);
        assertEquals(1 + 8 + 8 + 4, delete.length);
    }

    @Test
    public void aReplayNeverOverwritesANewerVersion() {
        Tab closing = new Tab();
        PersistentStore<String> draft = closing.store("draft");
        assertTrue(draft.whenHydrated().isDone());
        closing.connection.hold();
        draft.set("typed in the closing tab");
        closing.page.hide();
        assertEquals(1, journalKeys().size());
        // Another writer stores the key before any page replays the journal.
        PersistentStore<String> other = PersistentStore.builder(indexedDb, time, "draft", Codecs.strings(), "initial")
                .config(SLOW).build();
        other.set("written later elsewhere");
        assertTrue(other.flush().isDone());

        PersistentStore<String> reopened = new Tab().store("draft");
        assertTrue(reopened.whenHydrated().isDone());
        assertEquals("written later elsewhere", reopened.get());
        assertEquals("the superseded entry is gone", List.of(), journalKeys());
    }

    @Test
    public void anOpenTabReplaysAnotherTabsJournalAMomentLaterUnderTheJournalLock() {
        Tab open = new Tab();
        PersistentStore<String> draft = open.store("draft");
        assertTrue(draft.whenHydrated().isDone());
        Tab closing = new Tab();
        PersistentStore<String> theirs = closing.store("draft");
        closing.connection.hold();
        theirs.set("written by the closing tab");
        closing.page.hide();
        assertEquals(1, journalKeys().size());

        var replayed = open.backend.replaySoon();
        assertFalse("not before the delay", replayed.isDone());
        time.advance(JournaledBackend.LIVE_REPLAY_DELAY_MILLIS);

        assertTrue(replayed.isDone());
        assertEquals("replayed by the open tab", List.of("keepsake:draft"), indexedDb.listKeys().peek());
        assertEquals(List.of(), journalKeys());
        assertEquals("written by the closing tab", draft.reload().peek());
        assertEquals(List.of(JournaledBackend.PREFIX + ":" + NAMESPACE, JournaledBackend.PREFIX + ":" + NAMESPACE),
                open.locks.requested);
    }

    @Test
    public void deletesAreJournaledAndReplayedToo() {
        indexedDb.save("keepsake:gone", new byte[] {1});
        Tab closing = new Tab();
        PersistenceManager<String> manager = PersistenceManager
                .builder(closing.backend, Serializers.json(Codecs.strings()), time).config(SLOW).build();
        closing.hides.register(manager, manager::flush);
        closing.connection.hold();
        manager.delete("gone");

        closing.page.hide();

        StorageBackend next = new Tab().backend;
        assertFalse(next.exists("keepsake:gone").peek());
    }

    /** A connection to the shared "IndexedDB" whose writes, once held, commit only when told to. */
    private static final class HeldConnection implements StorageBackend {
        private final MemoryBackend database;
        private final List<WriteBatch> held = new ArrayList<>();
        private final List<Async.Completer<Void>> waiting = new ArrayList<>();
        private boolean holding;

        HeldConnection(MemoryBackend database) {
            this.database = database;
        }

        void hold() {
            holding = true;
        }

        /** Commits the held write at {@code index} (of those still held). */
        void commit(int index) {
            WriteBatch batch = held.remove(index);
            Async.Completer<Void> done = waiting.remove(index);
            database.write(batch).whenComplete((ok, failure) -> {
                if (failure != null) {
                    done.fail(failure);
                } else {
                    done.complete(null);
                }
            });
        }

        @Override
        public Async<Void> write(WriteBatch batch) {
            if (!holding) {
                return database.write(batch);
            }
            Async.Completer<Void> done = Async.completer();
            held.add(batch);
            waiting.add(done);
            return done.async();
        }

        @Override
        public String name() {
            return "held(" + database.name() + ")";
        }

        @Override
        public Async<Void> save(String key, byte[] value) {
            return write(WriteBatch.builder().put(key, value).build());
        }

        @Override
        public Async<Void> delete(String key) {
            return write(WriteBatch.builder().delete(key).build());
        }

        @Override
        public Async<byte[]> load(String key) {
            return database.load(key);
        }

        @Override
        public Async<Versioned> loadVersioned(String key) {
            return database.loadVersioned(key);
        }

        @Override
        public Async<Boolean> exists(String key) {
            return database.exists(key);
        }

        @Override
        public Async<List<String>> listKeys() {
            return database.listKeys();
        }

        @Override
        public Async<StorageInfo> info() {
            return database.info();
        }

        @Override
        public Async<Void> clear() {
            return database.clear();
        }
    }
}
