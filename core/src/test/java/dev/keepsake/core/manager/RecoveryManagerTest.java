package dev.keepsake.core.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.time.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

@RunWith(TeaVMTestRunner.class)
public class RecoveryManagerTest {

    private final ManualScheduler time = ManualScheduler.create();
    private final MemoryBackend primary = MemoryBackend.create();
    private final MemoryBackend mirror = MemoryBackend.create();
    private final MemoryBackend archive = MemoryBackend.create();
    private final List<RecoveryEvent> skipped = new ArrayList<>();

    private void write(StorageBackend backend, String key, String value) {
        PersistenceManager<String> m = PersistenceManager.builder(backend, TestSerializers.strings(), time).build();
        m.save(key, value);
        assertTrue(m.close().isDone());
    }

    private RecoveryManager<String> recovery() {
        return RecoveryManager.builder(TestSerializers.strings())
                .fallback(primary).fallback(mirror).fallback(archive)
                .validate(v -> !v.startsWith("invalid"))
                .onSkip(skipped::add)
                .build();
    }

    private static <T> T done(Async<T> async) {
        assertTrue("expected a settled result: " + async, async.isDone());
        return async.peek();
    }

    @Test
    public void theFirstGoodCopyWins() {
        write(primary, "k", "from primary");
        write(mirror, "k", "from mirror");
        assertEquals(Optional.of("from primary"), done(recovery().recover("k")));
        assertEquals(List.of(), skipped);
    }

    @Test
    public void corruptAndInvalidCopiesAreSkippedAndReported() {
        write(primary, "k", "good once");
        byte[] bytes = done(primary.load("keepsake:k"));
        bytes[bytes.length - 1] ^= 1;
        done(primary.save("keepsake:k", bytes));
        write(mirror, "k", "invalid copy");
        write(archive, "k", "from archive");
        assertEquals(Optional.of("from archive"), done(recovery().recover("k")));
        assertEquals(2, skipped.size());
        assertEquals("memory", skipped.get(0).source());
        assertTrue(skipped.get(0).cause() instanceof CorruptedDataException);
        assertTrue(skipped.get(1).cause() instanceof SerializationException);
    }

    @Test
    public void missingEverywhereIsEmptyAndNotASkip() {
        write(archive, "other", "x");
        assertEquals(Optional.empty(), done(recovery().recover("k")));
        assertEquals(List.of(), skipped);
    }

    @Test
    public void aRecoveryManagerNeedsABackend() {
        assertThrows(IllegalStateException.class, () -> RecoveryManager.builder(TestSerializers.strings()).build());
        assertThrows(IllegalArgumentException.class, () -> recovery().recover(""));
    }
}
