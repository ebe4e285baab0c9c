package dev.keepsake.core.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.WriteFailedException;
import dev.keepsake.core.time.ManualScheduler;
import dev.keepsake.testing.FaultyBackend;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** Backups: rotation, the hidden namespace, restore, and recovery from corruption. */
@RunWith(TeaVMTestRunner.class)
public class ManagerBackupTest {

    private final ManualScheduler time = ManualScheduler.startingAt(10_000);
    private final MemoryBackend memory = MemoryBackend.create();
    private final FaultyBackend backend = new FaultyBackend(memory);
    private final List<RecoveryEvent> recoveries = new ArrayList<>();

    private PersistenceManager<String> manager() {
        return PersistenceManager.builder(backend, TestSerializers.strings(), time)
                .config(PersistenceConfig.builder().backups(3, 1000).build())
                .onRecovery(recoveries::add)
                .build();
    }

    private static <T> T done(Async<T> async) {
        assertTrue("expected a settled result: " + async, async.isDone());
        return async.peek();
    }

    private void write(PersistenceManager<String> m, String key, String value) {
        m.save(key, value);
        done(m.flush());
    }

    private List<Long> stamps(PersistenceManager<String> m, String key) {
        List<Long> stamps = new ArrayList<>();
        for (BackupInfo info : done(m.listBackups(key))) {
            assertEquals(key, info.key());
            stamps.add(info.timestampMillis());
        }
        return stamps;
    }

    private void corrupt(String storageKey) {
        byte[] bytes = done(memory.load(storageKey));
        bytes[bytes.length - 1] ^= 1;
        done(memory.save(storageKey, bytes));
    }

    @Test
    public void atMostOneBackupPerIntervalAndOnlyTheNewestAreKept() {
        PersistenceManager<String> m = manager();
        write(m, "k", "v1");
        time.advance(500);
        write(m, "k", "v2");
        assertEquals("the second write falls within the interval", List.of(10_000L), stamps(m, "k"));
        for (int i = 3; i <= 6; i++) {
            time.advance(1000);
            write(m, "k", "v" + i);
        }
        assertEquals(List.of(14_500L, 13_500L, 12_500L), stamps(m, "k"));
        Set<String> stored = new HashSet<>(done(memory.listKeys()));
        assertEquals(4, stored.size());
        assertTrue(stored.contains("keepsake!12500:k"));
    }

    @Test
    public void backupsNeverShowInListKeys() {
        PersistenceManager<String> m = manager();
        write(m, "a", "1");
        write(m, "b", "2");
        assertEquals(Set.of("a", "b"), new HashSet<>(done(m.listKeys())));
    }

    @Test
    public void aNewManagerFindsTheBackupsAlreadyStored() {
        PersistenceManager<String> m = manager();
        write(m, "k", "v1");
        time.advance(1000);
        write(m, "k", "v2");
        done(m.close());
        assertEquals(List.of(11_000L, 10_000L), stamps(manager(), "k"));
    }

    @Test
    public void restoringABackupMakesItCurrentAgain() {
        PersistenceManager<String> m = manager();
        write(m, "k", "old");
        time.advance(1000);
        write(m, "k", "new");
        Async<Void> restored = m.restoreBackup("k", 10_000);
        assertEquals(Optional.of("old"), done(m.load("k")));
        done(m.flush());
        assertTrue(restored.isDone() && !restored.isFailed());
        assertEquals(Optional.of("old"), done(manager().load("k")));
    }

    @Test
    public void aCorruptValueIsRecoveredFromTheNewestGoodBackup() {
        PersistenceManager<String> m = manager();
        write(m, "k", "first");
        time.advance(1000);
        write(m, "k", "second");
        time.advance(1000);
        write(m, "k", "third");
        done(m.close());
        corrupt("keepsake:k");
        corrupt("keepsake!12000:k");
        PersistenceManager<String> reader = manager();
        assertEquals(Optional.of("second"), done(reader.load("k")));
        assertEquals(1, recoveries.size());
        assertEquals("backup 11000", recoveries.get(0).source());
        assertTrue(recoveries.get(0).cause() instanceof CorruptedDataException);
    }

    @Test
    public void whenEveryCopyIsCorruptTheReadFails() {
        PersistenceManager<String> m = manager();
        write(m, "k", "only");
        done(m.close());
        corrupt("keepsake:k");
        corrupt("keepsake!10000:k");
        Async<Optional<String>> read = manager().load("k");
        assertTrue(read.isFailed());
        assertTrue(read.failure() instanceof CorruptedDataException);
        assertEquals(List.of(), recoveries);
    }

    @Test
    public void aFailedBatchRecordsNoBackup() {
        backend.failNextWrites(1, () -> new WriteFailedException("test", null, "injected", null));
        PersistenceManager<String> m = manager();
        m.save("k", "v");
        assertTrue(m.flush().isFailed());
        assertEquals(List.of(), stamps(m, "k"));
        time.advance(1000);
        assertEquals("retried a flush interval later, with one backup", List.of(11_000L), stamps(m, "k"));
        assertEquals(Optional.of("v"), done(manager().load("k")));
    }

    @Test
    public void withBackupsOffNothingIsCopied() {
        PersistenceManager<String> m = PersistenceManager.builder(memory, TestSerializers.strings(), time).build();
        write(m, "k", "v");
        assertEquals(List.of("keepsake:k"), done(memory.listKeys()));
        assertEquals(List.of(), done(m.listBackups("k")));
    }
}
