package dev.keepsake.core.sync;

import static dev.keepsake.core.sync.Check.assertArrayEquals;
import static dev.keepsake.core.sync.Check.assertEquals;
import static dev.keepsake.core.sync.Check.assertFalse;
import static dev.keepsake.core.sync.Check.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.remote.MemorySyncServer;
import dev.keepsake.core.time.ManualScheduler;
import dev.keepsake.testing.FaultyBackend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The replicator against an in-memory server with injected faults, on a manual scheduler: no
 * threads, so everything completes inside the calls.
 */
@RunWith(TeaVMTestRunner.class)
public class SyncTest {

    private final ManualScheduler scheduler = ManualScheduler.create();
    private final MemorySyncServer server = new MemorySyncServer();

    /** One device: its local backend, its sync, and what the sync told it. */
    final class Device {
        final StorageBackend local;
        final FaultyTransport.Faults faults;
        final Sync sync;
        final List<WriteFate> fates = new ArrayList<>();
        final List<SyncConflict> conflicts = new ArrayList<>();

        Device(StorageBackend local, long seed) {
            this(local, new FaultyTransport.Faults(seed), TokenProvider.of("t"));
        }

        Device(StorageBackend local, FaultyTransport.Faults faults, TokenProvider tokens) {
            this.local = local;
            this.faults = faults;
            SyncConfig config = SyncConfig.builder("notes", token -> new FaultyTransport(server, token, faults), tokens,
                    bytes -> new Random(faults.random.nextLong()).nextBytes(bytes)).noWatch().backoff(100, 1000)
                            .build();
            this.sync = get(Sync.open(local, config, scheduler));
            sync.onFate(fates::add);
            sync.onConflict(conflicts::add);
        }

        final Map<String, String> valueOfWrite = new HashMap<>();

        void put(String key, String value) {
            get(sync.backend().save(key, bytes(value)));
            valueOfWrite.put(fates.get(fates.size() - 1).id(), value);
        }

        Map<String, String> contents() {
            Map<String, String> m = new HashMap<>();
            for (String k : get(sync.backend().listKeys())) {
                m.put(k, new String(get(sync.backend().load(k)), StandardCharsets.UTF_8));
            }
            return m;
        }
    }

    static <T> T get(Async<T> a) {
        assertTrue(a.isDone(), "completed synchronously");
        if (a.isFailed()) {
            throw new AssertionError("failed: " + a.failure(), a.failure());
        }
        return a.peek();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    Map<String, String> serverContents() {
        Map<String, String> m = new HashMap<>();
        server.snapshot().forEach((k, v) -> m.put(k, new String(v, StandardCharsets.UTF_8)));
        return m;
    }

    @Test
    public void aWriteAndItsOutboxEntryCommitInOneBatchAndTheOutboxIsHiddenFromKeys() {
        MemoryBackend local = MemoryBackend.create();
        Device d = new Device(local, 1);
        d.put("a", "1");
        List<String> raw = get(local.listKeys());
        assertEquals(3, raw.size(), "the value, its outbox entry and the outbox counter: " + raw);
        assertEquals(List.of("a"), get(d.sync.backend().listKeys()));
        assertEquals(1, d.sync.pending().size());
        assertEquals(WriteFate.Outcome.PENDING, d.fates.get(0).outcome());
    }

    @Test
    public void aUserWriteReachesTheLocalBackendAsOneBatchWithItsOutboxEntry() {
        FaultyBackend local = new FaultyBackend(MemoryBackend.create());
        Device d = new Device(local, 20);
        int before = local.batches().size();
        d.put("a", "1");
        assertEquals(before + 1, local.batches().size());
        List<String> keys = local.batches().get(before).entries().stream().map(e -> e.key())
                .collect(Collectors.toList());
        assertEquals(3, keys.size(), keys.toString());
        assertEquals("a", keys.get(0));
        assertTrue(keys.get(1).startsWith("\u0001o"), keys.toString());
        assertEquals("\u0001n", keys.get(2), "the outbox counter, moved in the same batch");
    }

    @Test
    public void aFailedLocalWriteLeavesNeitherTheValueNorAnOutboxEntry() {
        FaultyBackend faulty = new FaultyBackend(MemoryBackend.create());
        Device d = new Device(faulty, 21);
        faulty.failNextWrites(1, () -> new IllegalStateException("disk full"));
        Async<Void> w = d.sync.backend().save("a", bytes("1"));
        assertTrue(w.isFailed());
        assertEquals(List.of(), get(faulty.listKeys()));
        assertEquals(0, d.sync.pending().size());
        assertEquals(List.of(), d.fates);
    }

    @Test
    public void aPullNeverAppliesARemoteChangeOverAPendingLocalWrite() {
        Device a = new Device(MemoryBackend.create(), 22);
        Device b = new Device(MemoryBackend.create(), 23);
        a.sync.start();
        b.sync.start();
        a.put("k", "from a");
        // b writes k while its round is between push and pull: the pull brings a's value.
        b.faults.beforePull = () -> b.put("k", "from b");
        get(b.sync.syncNow());
        assertEquals(1, b.conflicts.size(), "the pending write met a's value as a conflict");
        assertArrayEquals(bytes("from b"), b.conflicts.get(0).local());
        assertArrayEquals(bytes("from a"), b.conflicts.get(0).remote());
        assertEquals("from b", serverContents().get("k"));
        assertEquals(Map.of("k", "from b"), b.contents());
    }

    @Test
    public void anotherInstancesWritesOnTheSameBackendArePushedByTheOneThatSyncs() {
        MemoryBackend local = MemoryBackend.create();
        Device leader = new Device(local, 30);
        Device tab = new Device(local, 31);   // another tab: writes, never starts
        leader.sync.start();
        tab.put("from the tab", "hello");
        get(leader.sync.syncNow());
        assertEquals(Map.of("from the tab", "hello"), serverContents());
        assertEquals(WriteFate.Outcome.APPLIED, leader.fates.get(leader.fates.size() - 1).outcome(),
                "the syncing instance reports the other's write's fate");
        assertEquals(0, leader.sync.pending().size());
        assertEquals(List.of("\u0001n"), get(local.listKeys()).stream().filter(k -> k.startsWith("\u0001o")
                || k.equals("\u0001n")).collect(Collectors.toList()), "the outbox is empty");
    }

    @Test
    public void writesToOneKeyFromTwoInstancesReachTheServerInTheOrderTheyCommitted() {
        MemoryBackend local = MemoryBackend.create();
        Device leader = new Device(local, 32);
        Device tab = new Device(local, 33);
        tab.put("k", "1");
        leader.put("k", "2");
        tab.put("k", "3");
        leader.put("x", "4");
        leader.sync.start();
        get(leader.sync.syncNow());
        assertEquals(Map.of("k", "3", "x", "4"), serverContents(), "the last write to k wins, as it did locally");
        assertEquals(Map.of("k", "3", "x", "4"), leader.contents());
        assertEquals(0, leader.conflicts.size());
    }

    @Test
    public void aPullNeverReplacesAValueAnotherInstanceWroteWithoutTellingOfTheConflict() {
        MemoryBackend local = MemoryBackend.create();
        Device leader = new Device(local, 34);
        Device tab = new Device(local, 35);
        Device other = new Device(MemoryBackend.create(), 36);
        leader.sync.start();
        other.sync.start();
        other.put("k", "from the other device");
        get(other.sync.syncNow());
        // The tab writes k after the leader's round began, on a k that has not yet seen the other
        // device's value: the leader has not seen the tab's outbox entry when its pull brings k.
        leader.faults.beforePull = () -> tab.put("k", "from the tab");
        get(leader.sync.syncNow());
        get(leader.sync.syncNow());
        assertEquals(1, leader.conflicts.size(), "the tab's write met the other device's as a conflict");
        assertArrayEquals(bytes("from the tab"), leader.conflicts.get(0).local());
        assertArrayEquals(bytes("from the other device"), leader.conflicts.get(0).remote());
        assertEquals(serverContents().get("k"), leader.contents().get("k"), "converged");
        assertEquals("from the tab", serverContents().get("k"), "no follower: the local write is kept");
    }

    @Test
    public void theOutboxSurvivesACrashBeforeThePushAndIsPushedAfterReopening() {
        MemoryBackend local = MemoryBackend.create();
        Device before = new Device(local, 2);
        before.put("a", "1");
        before.put("b", "2");
        // The process dies here: the sync object is dropped without close, nothing was sent.
        Device after = new Device(local, 3);
        assertEquals(2, after.sync.pending().size());
        after.sync.start();
        get(after.sync.syncNow());
        assertEquals(Map.of("a", "1", "b", "2"), serverContents());
        assertEquals(0, after.sync.pending().size());
        assertEquals(SyncStatus.State.UP_TO_DATE, after.sync.status().state());
        assertEquals(List.of("a", "b"),
                get(after.sync.backend().listKeys()).stream().sorted().collect(Collectors.toList()));
    }

    @Test
    public void keysStartingWithTheReservedCharacterStayUserKeys() {
        Device d = new Device(MemoryBackend.create(), 4);
        d.put("\u0001o0000000000000001x", "sneaky");
        d.put("\u0001", "one");
        assertEquals(Map.of("\u0001o0000000000000001x", "sneaky", "\u0001", "one"), d.contents());
        assertEquals(2, d.sync.pending().size());
        d.sync.start();
        get(d.sync.syncNow());
        assertEquals(Map.of("\u0001o0000000000000001x", "sneaky", "\u0001", "one"), serverContents());
    }

    @Test
    public void offlineWritesAreRetriedWithBackoffAndPushedInOrder() {
        Device d = new Device(MemoryBackend.create(), 5);
        d.faults.down = true;
        d.sync.start();
        d.put("k", "1");
        d.put("k", "2");
        d.put("j", "3");
        assertEquals(SyncStatus.State.OFFLINE, d.sync.status().state());
        assertTrue(serverContents().isEmpty());
        d.faults.down = false;
        scheduler.advance(1000);
        assertEquals(Map.of("k", "2", "j", "3"), serverContents());
        assertEquals(SyncStatus.State.UP_TO_DATE, d.sync.status().state());
        List<WriteFate> done = d.fates.stream().filter(WriteFate::isFinal).collect(Collectors.toList());
        assertEquals(3, done.size());
        assertTrue(done.stream().allMatch(f -> f.outcome() == WriteFate.Outcome.APPLIED), done.toString());
        assertTrue(done.get(0).version() < done.get(1).version() && done.get(1).version() < done.get(2).version(),
                "pushed in the order written: " + done);
    }

    @Test
    public void aDroppedAnswerOrADuplicatedPushNeverAppliesTwice() {
        Device d = new Device(MemoryBackend.create(), 6);
        d.sync.start();
        d.faults.dropAnswer = 1.0;
        d.put("k", "1");
        assertEquals(1, d.faults.dropped);
        assertEquals(Map.of("k", "1"), serverContents(), "the server applied it; the client did not hear");
        d.faults.dropAnswer = 0;
        d.faults.duplicate = 1.0;
        scheduler.advance(1000);
        assertEquals(0, d.sync.pending().size());
        WriteFate fate = d.fates.get(d.fates.size() - 1);
        assertEquals(WriteFate.Outcome.APPLIED, fate.outcome(), "the resend got the recorded result, not a conflict");
        assertEquals(1, fate.version(), "applied once: the scope's first version");
    }

    @Test
    public void aRefusedTokenIsRenewedOnceAndTheRequestSentAgain() {
        FaultyTransport.Faults faults = new FaultyTransport.Faults(7);
        faults.validToken = "new";
        List<Boolean> asked = new ArrayList<>();
        Device d = new Device(MemoryBackend.create(), faults, renew -> {
            asked.add(renew);
            return Async.of(renew ? "new" : "old");
        });
        d.sync.start();
        d.put("k", "1");
        assertEquals(List.of(false, true), asked);
        assertEquals(Map.of("k", "1"), serverContents());
    }

    @Test
    public void aRejectedWriteDoesNotBlockTheQueueAndTheKeyReturnsToTheServersState() {
        Device d = new Device(MemoryBackend.create(), 8);
        d.put("big", "x".repeat(MemorySyncServer.MAX_VALUE + 1));
        d.put("small", "ok");
        d.sync.start();
        get(d.sync.syncNow());
        List<WriteFate> done = d.fates.stream().filter(WriteFate::isFinal).collect(Collectors.toList());
        assertEquals(WriteFate.Outcome.REJECTED, done.get(0).outcome());
        assertEquals("value_too_large", done.get(0).reason());
        assertEquals(WriteFate.Outcome.APPLIED, done.get(1).outcome());
        assertEquals(Map.of("small", "ok"), serverContents());
        assertEquals(Map.of("small", "ok"), d.contents(), "the refused value is gone locally too");
        assertEquals(1, d.sync.status().rejected());
    }

    @Test
    public void aRemoteChangeArrivesOnPullAndSettledReportsTheFate() {
        Device a = new Device(MemoryBackend.create(), 9);
        Device b = new Device(MemoryBackend.create(), 10);
        a.sync.start();
        b.sync.start();
        List<String> changed = new ArrayList<>();
        b.sync.onRemoteChange(changed::add);
        a.put("k", "from a");
        assertEquals(WriteFate.Outcome.APPLIED, get(a.sync.settled("k")).outcome());
        get(b.sync.syncNow());
        assertEquals(Map.of("k", "from a"), b.contents());
        assertEquals(List.of("k"), changed);
        get(a.sync.syncNow());
        assertEquals(0, a.conflicts.size(), "a device's own write coming back is not a change");
    }

    @Test
    public void aRemoteChangeToAKeyWithAPendingWriteIsAConflictNeverASilentOverwrite() {
        Device a = new Device(MemoryBackend.create(), 11);
        Device b = new Device(MemoryBackend.create(), 12);
        a.sync.start();
        b.sync.start();
        a.put("k", "base");
        get(b.sync.syncNow());
        b.sync.setOnline(false);
        b.put("k", "from b");
        a.put("k", "from a");
        b.sync.setOnline(true);
        get(b.sync.syncNow());
        assertEquals(1, b.conflicts.size());
        SyncConflict c = b.conflicts.get(0);
        assertArrayEquals(bytes("from b"), c.local());
        assertArrayEquals(bytes("from a"), c.remote());
        assertTrue(b.fates.stream().anyMatch(f -> f.outcome() == WriteFate.Outcome.CONFLICT));
        get(a.sync.syncNow());
        assertEquals(a.contents(), b.contents());
        assertEquals(serverContents(), a.contents());
        assertEquals("from b", serverContents().get("k"),
                "without a follower the local write is kept (last writer wins)");
    }

    @Test
    public void aFollowerDecidesAConflict() {
        Device a = new Device(MemoryBackend.create(), 13);
        Device b = new Device(MemoryBackend.create(), 14);
        a.sync.start();
        b.sync.start();
        b.sync.follow(new SyncFollower() {
            @Override
            public boolean owns(String key) {
                return true;
            }

            @Override
            public void changed(String key) {
            }

            @Override
            public Async<byte[]> resolve(String key, byte[] local, byte[] remote) {
                return Async.of(bytes(new String(remote, StandardCharsets.UTF_8) + "+"
                        + new String(local, StandardCharsets.UTF_8)));
            }
        });
        b.sync.setOnline(false);
        b.put("k", "b");
        a.put("k", "a");
        b.sync.setOnline(true);
        get(b.sync.syncNow());
        get(a.sync.syncNow());
        assertEquals("a+b", serverContents().get("k"));
        assertEquals(Map.of("k", "a+b"), a.contents());
        assertEquals(Map.of("k", "a+b"), b.contents());
    }

    @Test
    public void aResetPullsFromZero() {
        // The fake server answers 410 only in the real server; here a cursor past the end pulls nothing
        // and a fresh device catches up from 0 all the same.
        Device a = new Device(MemoryBackend.create(), 15);
        a.sync.start();
        a.put("x", "1");
        Device late = new Device(MemoryBackend.create(), 16);
        late.sync.start();
        get(late.sync.syncNow());
        assertEquals(Map.of("x", "1"), late.contents());
    }

    /**
     * Three devices edit a few shared keys, going offline and back at random, with dropped
     * answers and duplicated pushes; at the end every device and the server hold the same
     * values, every write ended applied or in a reported conflict, and no write was lost: each
     * write's value is on the server or was part of a reported conflict.
     */
    @Test
    public void threeDevicesEditingOfflineConvergeWithNoLostWritesAndEveryConflictReported() {
        int conflicts = 0;
        int dropped = 0;
        for (long seed = 1; seed <= 30; seed++) {
            int[] seen = simulate(seed);
            conflicts += seen[0];
            dropped += seen[1];
        }
        assertTrue(conflicts > 10, "the simulation makes conflicts: " + conflicts);
        assertTrue(dropped > 10, "the simulation drops answers: " + dropped);
    }

    private int[] simulate(long seed) {
        Random random = new Random(seed);
        SyncTest t = new SyncTest();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Device d = t.new Device(MemoryBackend.create(), seed * 10 + i);
            d.faults.dropAnswer = 0.2;
            d.faults.duplicate = 0.2;
            d.sync.start();
            devices.add(d);
        }
        int writes = 0;
        for (int step = 0; step < 120; step++) {
            Device d = devices.get(random.nextInt(3));
            int what = random.nextInt(10);
            if (what < 6) {
                String value = "v" + writes++;
                d.put("k" + random.nextInt(4), value);
            } else if (what < 8) {
                d.sync.setOnline(!d.sync.status().state().equals(SyncStatus.State.STOPPED) && random.nextBoolean());
            } else {
                t.scheduler.advance(random.nextInt(2000));
            }
        }
        for (Device d : devices) {
            d.faults.dropAnswer = 0;
            d.faults.duplicate = 0;
            d.sync.setOnline(true);
        }
        for (int round = 0; round < 4; round++) {
            for (Device d : devices) {
                get(d.sync.syncNow());
            }
        }
        Map<String, String> onServer = t.serverContents();
        for (Device d : devices) {
            assertEquals(onServer, d.contents(), "seed " + seed + ": device converged");
            assertEquals(0, d.sync.pending().size(), "seed " + seed);
            assertEquals(SyncStatus.State.UP_TO_DATE, d.sync.status().state(), "seed " + seed);
        }
        int finals = 0;
        for (Device d : devices) {
            Map<String, WriteFate> last = new HashMap<>();
            for (WriteFate f : d.fates) {
                if (f.isFinal()) {
                    assertFalse(last.containsKey(f.id()), "seed " + seed + ": one final fate per write");
                    last.put(f.id(), f);
                    assertTrue(f.outcome() == WriteFate.Outcome.APPLIED || f.outcome() == WriteFate.Outcome.CONFLICT,
                            "seed " + seed + ": " + f);
                    if (f.outcome() == WriteFate.Outcome.CONFLICT) {
                        assertTrue(d.conflicts.stream().anyMatch(c -> c.key().equals(f.key())),
                                "seed " + seed + ": the conflict of " + f + " was reported");
                    }
                }
            }
            long recorded = d.fates.stream().filter(f -> !f.isFinal()).count();
            assertEquals(recorded, last.size(), "seed " + seed + ": every recorded write got a final fate");
            finals += last.size();
        }
        assertTrue(finals >= writes, "seed " + seed + ": every write has a fate");
        // The server's value of each key is the value of the last write applied to it.
        for (Map.Entry<String, String> e : onServer.entrySet()) {
            WriteFate latest = null;
            String value = null;
            for (Device d : devices) {
                for (WriteFate f : d.fates) {
                    if (f.outcome() == WriteFate.Outcome.APPLIED && f.key().equals(e.getKey())
                            && (latest == null || f.version() > latest.version())) {
                        latest = f;
                        value = d.valueOfWrite.get(f.id());
                    }
                }
            }
            assertTrue(latest != null, "seed " + seed + ": the server's value came from an applied write");
            if (value != null) {
                assertEquals(value, e.getValue(), "seed " + seed + ": last applied write wins on " + e.getKey());
            }
        }
        int conflicts = 0;
        int dropped = 0;
        for (Device d : devices) {
            conflicts += d.conflicts.size();
            dropped += d.faults.dropped;
        }
        return new int[] {conflicts, dropped};
    }
}
