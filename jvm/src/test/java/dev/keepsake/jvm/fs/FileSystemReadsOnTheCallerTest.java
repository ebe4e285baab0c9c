package dev.keepsake.jvm.fs;

import static dev.keepsake.jvm.fs.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.jvm.ReadRace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads that run on the caller's thread when the backend owns its worker: when they may (no
 * write of the key pending) and when they must queue behind a write instead.
 */
class FileSystemReadsOnTheCallerTest {

    @TempDir
    Path root;

    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-owned-worker");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch gate = new CountDownLatch(1);

    private FileSystemBackend owning;

    @AfterEach
    void stop() {
        // Open the gate first: close() waits for the queued operations.
        gate.countDown();
        if (owning != null) {
            owning.close();
        }
        pool.shutdown();
    }

    /**
     * A backend that owns {@link #pool} as its worker, like {@link FileSystemBackend#open(Path)};
     * closed after the test, once the gate is open.
     */
    private FileSystemBackend openOwning() {
        owning = FileSystemBackend.open(root.resolve("store"), pool, pool, new Disk());
        return owning;
    }

    /** Holds the worker until {@link #gate} opens, so that what is queued next stays queued. */
    private void blockWorker() {
        pool.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aReadOfAKeyNoWriteTouchesIsAnsweredOnTheCallingThread() {
        try (FileSystemBackend backend = FileSystemBackend.open(root.resolve("store"))) {
            await(backend.save("k", bytes("v")));
            AtomicReference<String> thread = new AtomicReference<>();
            Async<byte[]> loaded = backend.load("k")
                    .whenComplete((v, e) -> thread.set(Thread.currentThread().getName()));
            assertTrue(loaded.isDone(), "answered before load() returned");
            assertArrayEquals(bytes("v"), loaded.peek());
            assertEquals(Thread.currentThread().getName(), thread.get());
            assertTrue(backend.exists("k").peek());
            assertEquals(Versioned.ABSENT, backend.loadVersioned("absent").peek().version());
        }
    }

    @Test
    void aReadOfAKeyWithAWaitingWriteQueuesBehindItWhileOtherKeysAreReadOnTheCaller() {
        FileSystemBackend backend = openOwning();
        await(backend.save("k", bytes("old")));
        await(backend.save("other", bytes("o")));
        blockWorker();
        Async<Void> saved = backend.save("k", bytes("new"));
        Async<byte[]> sameKey = backend.load("k");
        Async<Boolean> sameKeyExists = backend.exists("k");
        Async<Void> deleted = backend.delete("other");
        Async<byte[]> deletedKey = backend.load("other");
        Async<byte[]> untouched = backend.load("k2-absent");
        assertFalse(sameKey.isDone(), "the read of the written key waits for the write");
        assertFalse(sameKeyExists.isDone());
        assertFalse(deletedKey.isDone(), "a pending delete is a write of its key");
        assertTrue(untouched.isDone(), "a key without a pending write is read at once");
        gate.countDown();
        await(saved);
        await(deleted);
        assertArrayEquals(bytes("new"), await(sameKey), "read-your-writes");
        assertTrue(await(sameKeyExists));
        assertThrows(dev.keepsake.core.error.NotFoundException.class, () -> await(deletedKey));
    }

    @Test
    void aPendingClearMakesEveryReadQueue() {
        FileSystemBackend backend = openOwning();
        await(backend.save("k", bytes("v")));
        blockWorker();
        Async<Void> cleared = backend.clear();
        Async<Boolean> exists = backend.exists("k");
        assertFalse(exists.isDone());
        gate.countDown();
        await(cleared);
        assertFalse(await(exists));
    }

    @Test
    void aReadOnAnInterruptedThreadStillReads() {
        try (FileSystemBackend backend = FileSystemBackend.open(root.resolve("store"))) {
            await(backend.save("k", bytes("v")));
            Thread.currentThread().interrupt();
            Async<byte[]> loaded;
            try {
                loaded = backend.load("k");
            } finally {
                assertTrue(Thread.interrupted(), "the caller's interrupt status is kept");
            }
            assertArrayEquals(bytes("v"), await(loaded));
        }
    }

    @Test
    void aDamagedRecordReadOnTheCallerIsStillCorruptNeverAValue() throws Exception {
        try (FileSystemBackend backend = FileSystemBackend.open(root.resolve("store"))) {
            await(backend.save("k", bytes("value")));
            Path file = backend.directory().resolve(FileNames.forKey("k"));
            byte[] record = Files.readAllBytes(file);
            record[record.length - 6] ^= 1;
            Files.write(file, record);
            Async<byte[]> loaded = backend.load("k");
            assertTrue(loaded.isDone());
            assertThrows(CorruptedDataException.class, () -> await(loaded));
        }
    }

    @Test
    void readsRacingWritesOfTheSameKeyNeverSeeATornOrOlderThanAcknowledgedValue() throws Exception {
        try (FileSystemBackend backend = FileSystemBackend.open(root.resolve("store"))) {
            long reads = ReadRace.run(backend, 60, 2);
            assertTrue(reads > 0, "the readers read");
        }
    }

    @Test
    void readsRacingCloseAreAnsweredOrRefused() throws Exception {
        FileSystemBackend backend = FileSystemBackend.open(root.resolve("store"));
        await(backend.save("k", ReadRace.value(7)));
        ReadRace.closeWhileReading(backend, "k", ReadRace.value(7), 3, backend::close);
        try (FileSystemBackend again = FileSystemBackend.open(root.resolve("store"))) {
            assertEquals(7, ReadRace.numberIn(await(again.load("k"))));
        }
    }
}
