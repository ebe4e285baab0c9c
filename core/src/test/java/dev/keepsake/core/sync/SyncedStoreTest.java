package dev.keepsake.core.sync;

import static dev.keepsake.core.sync.Check.assertEquals;
import static dev.keepsake.core.sync.Check.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.manager.Rebase;
import dev.keepsake.core.remote.MemorySyncServer;
import dev.keepsake.core.store.Conflict;
import dev.keepsake.core.store.PersistentStore;
import dev.keepsake.core.time.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** Stores and managers built with a sync option: remote changes arrive, conflicts go through their policy. */
@RunWith(TeaVMTestRunner.class)
public class SyncedStoreTest {

    private final ManualScheduler scheduler = ManualScheduler.create();
    private final MemorySyncServer server = new MemorySyncServer();

    private Sync open(MemoryBackend local, long seed) {
        FaultyTransport.Faults faults = new FaultyTransport.Faults(seed);
        SyncConfig config = SyncConfig.builder("notes", token -> new FaultyTransport(server, token, faults),
                TokenProvider.of("t"), bytes -> new Random(seed).nextBytes(bytes)).noWatch().build();
        Sync sync = SyncTest.get(Sync.open(local, config, scheduler));
        sync.start();
        return sync;
    }

    private PersistentStore<String> store(MemoryBackend local, Sync sync, PersistentStore.Merge<String> merge,
            List<Conflict<String>> conflicts) {
        PersistentStore<String> s = PersistentStore.builder(local, scheduler, "note", Codecs.strings(), "")
                .sync(sync).onSetConflict(merge).onConflict(conflicts::add).build();
        scheduler.runDue();
        SyncTest.get(s.whenHydrated());
        return s;
    }

    private static <T> T flushed(Async<T> a, ManualScheduler scheduler) {
        scheduler.advance(1000);
        return SyncTest.get(a);
    }

    @Test
    public void aStoreAdoptsAnotherDevicesValueWhenItArrives() {
        MemoryBackend la = MemoryBackend.create();
        MemoryBackend lb = MemoryBackend.create();
        Sync a = open(la, 1);
        Sync b = open(lb, 2);
        List<Conflict<String>> none = new ArrayList<>();
        PersistentStore<String> sa = store(la, a, PersistentStore.Merge.lastWriterWins(), none);
        PersistentStore<String> sb = store(lb, b, PersistentStore.Merge.lastWriterWins(), none);
        List<String> seen = new ArrayList<>();
        sb.subscribe(seen::add);
        sa.set("hello");
        flushed(sa.flush(), scheduler);
        SyncTest.get(b.syncNow());
        scheduler.runDue();
        assertEquals("hello", sb.get());
        assertEquals(List.of("hello"), seen);
        assertEquals(List.of(), none);
    }

    @Test
    public void anOfflineEditMeetingAnotherDevicesEditGoesThroughTheStoresMergeAndIsReported() {
        MemoryBackend la = MemoryBackend.create();
        MemoryBackend lb = MemoryBackend.create();
        Sync a = open(la, 3);
        Sync b = open(lb, 4);
        List<Conflict<String>> conflictsA = new ArrayList<>();
        List<Conflict<String>> conflictsB = new ArrayList<>();
        PersistentStore.Merge<String> both = (base, local, remote) -> remote + "|" + local;
        PersistentStore<String> sa = store(la, a, both, conflictsA);
        PersistentStore<String> sb = store(lb, b, both, conflictsB);
        b.setOnline(false);
        sa.set("a");
        flushed(sa.flush(), scheduler);
        sb.set("b");
        flushed(sb.flush(), scheduler);
        b.setOnline(true);
        SyncTest.get(b.syncNow());
        scheduler.runDue();
        SyncTest.get(a.syncNow());
        scheduler.runDue();
        assertEquals(1, conflictsB.size(), "b's offline edit met a's");
        assertEquals(new Conflict<>("note", "b", "a", "a|b"), conflictsB.get(0));
        assertEquals("a|b", sb.get());
        assertEquals("a|b", sa.get());
        assertEquals(SyncStatus.State.UP_TO_DATE, b.status().state());
        assertEquals(1, b.status().conflicts());
    }

    @Test
    public void aManagersRebaseResolvesASyncConflictOnItsDecodedValues() {
        MemoryBackend la = MemoryBackend.create();
        MemoryBackend lb = MemoryBackend.create();
        Sync a = open(la, 5);
        Sync b = open(lb, 6);
        Rebase<Integer> sum = (key, local, remote) -> local + remote.orElse(0);
        PersistenceManager<Integer> ma = PersistenceManager.builder(la, Serializers.json(Codecs.ints()), scheduler)
                .sync(a).rebase(sum).build();
        PersistenceManager<Integer> mb = PersistenceManager.builder(lb, Serializers.json(Codecs.ints()), scheduler)
                .sync(b).rebase(sum).build();
        b.setOnline(false);
        flushed(ma.save("n", 10), scheduler);
        flushed(mb.save("n", 5), scheduler);
        b.setOnline(true);
        SyncTest.get(b.syncNow());
        SyncTest.get(a.syncNow());
        assertEquals(Optional.of(15), SyncTest.get(mb.load("n")));
        assertEquals(Optional.of(15), SyncTest.get(ma.load("n")));
        assertTrue(b.status().conflicts() == 1);
    }
}
