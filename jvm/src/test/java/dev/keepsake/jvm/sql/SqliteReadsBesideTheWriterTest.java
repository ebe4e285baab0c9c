package dev.keepsake.jvm.sql;

import static dev.keepsake.jvm.sql.SqlTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.jvm.ReadRace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point reads that run on the caller's thread, on read connections beside the writer's: when
 * they may (no write of the key pending) and when they must queue instead.
 */
class SqliteReadsBesideTheWriterTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("store.db");
    }

    @Test
    void aReadOfAKeyNoWriteTouchesIsAnsweredOnTheCallingThread() {
        try (SqliteBackend backend = SqliteBackend.open(file())) {
            await(backend.save("k", new byte[] {1}));
            AtomicReference<String> thread = new AtomicReference<>();
            Async<byte[]> loaded = backend.load("k")
                    .whenComplete((v, e) -> thread.set(Thread.currentThread().getName()));
            assertTrue(loaded.isDone(), "answered before load() returned");
            assertArrayEquals(new byte[] {1}, loaded.peek());
            assertEquals(Thread.currentThread().getName(), thread.get());
            assertTrue(backend.exists("k").isDone());
            assertTrue(backend.loadVersioned("absent").isDone());
            assertEquals(Versioned.ABSENT, backend.loadVersioned("absent").peek().version());
        }
    }

    @Test
    void aReadOfAKeyWithAWaitingWriteQueuesBehindItWhileOtherKeysAreReadBesideIt() throws Exception {
        try (SqliteBackend backend = SqliteBackend.open(file());
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement st = other.createStatement()) {
            await(backend.write(WriteBatch.builder().put("k", new byte[] {1}).put("other", new byte[] {9}).build()));
            // Another connection holds the write lock: the save below waits on the worker.
            st.execute("BEGIN IMMEDIATE");
            Async<Void> saved = backend.save("k", new byte[] {2});
            Async<byte[]> sameKey = backend.load("k");
            Async<Boolean> sameKeyExists = backend.exists("k");
            Async<byte[]> otherKey = backend.load("other");
            assertTrue(otherKey.isDone(), "a key without a pending write is read beside the blocked writer");
            assertArrayEquals(new byte[] {9}, otherKey.peek());
            assertFalse(sameKey.isDone(), "the read of the written key waits for the write");
            assertFalse(sameKeyExists.isDone());
            st.execute("ROLLBACK");
            await(saved);
            assertArrayEquals(new byte[] {2}, await(sameKey), "read-your-writes");
            assertTrue(await(sameKeyExists));
            assertTrue(backend.load("k").isDone(), "once acknowledged, reads go beside the worker again");
        }
    }

    @Test
    void aPendingClearMakesEveryReadQueue() throws Exception {
        try (SqliteBackend backend = SqliteBackend.open(file());
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement st = other.createStatement()) {
            await(backend.save("k", new byte[] {1}));
            st.execute("BEGIN IMMEDIATE");
            Async<Void> cleared = backend.clear();
            Async<Boolean> exists = backend.exists("k");
            assertFalse(exists.isDone());
            st.execute("ROLLBACK");
            await(cleared);
            assertFalse(await(exists));
        }
    }

    @Test
    void aReadSeesAWriteAnotherBackendAcknowledged() {
        try (SqliteBackend a = SqliteBackend.open(file()); SqliteBackend b = SqliteBackend.open(file())) {
            await(a.save("k", new byte[] {1}));
            for (int i = 2; i < 20; i++) {
                assertArrayEquals(new byte[] {(byte) (i - 1)}, await(b.load("k")));
                await(a.save("k", new byte[] {(byte) i}));
                assertArrayEquals(new byte[] {(byte) i}, await(b.load("k")),
                        "a read connection must not keep an old snapshot");
            }
        }
    }

    @Test
    void readsRacingWritesOfTheSameKeyNeverSeeATornOrOlderThanAcknowledgedValue() throws Exception {
        try (SqliteBackend backend = SqliteBackend.builder(file()).synchronous(SqliteBackend.Synchronous.NORMAL)
                .open()) {
            long reads = ReadRace.run(backend, 300, 2);
            assertTrue(reads > 0, "the readers read");
        }
    }

    @Test
    void closingAfterReadsBesideCheckpointsAndRemovesTheWalFiles() throws Exception {
        try (SqliteBackend backend = SqliteBackend.open(file())) {
            await(backend.save("k", new byte[] {1}));
            assertArrayEquals(new byte[] {1}, await(backend.load("k")));
        }
        assertFalse(Files.exists(dir.resolve("store.db-wal")), "the writer closes last and checkpoints");
        assertFalse(Files.exists(dir.resolve("store.db-shm")));
    }

    @Test
    void readsRacingCloseAreAnsweredOrRefused() throws Exception {
        SqliteBackend backend = SqliteBackend.open(file());
        await(backend.save("k", ReadRace.value(7)));
        ReadRace.closeWhileReading(backend, "k", ReadRace.value(7), 3, backend::close);
        try (SqliteBackend again = SqliteBackend.open(file())) {
            assertEquals(7, ReadRace.numberIn(await(again.load("k"))));
        }
    }

    @Test
    void withAGivenExecutorEveryReadRunsOnIt() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "given-io"));
        CountDownLatch gate = new CountDownLatch(1);
        try (SqliteBackend backend = SqliteBackend.builder(file()).executor(executor).open()) {
            await(backend.save("k", new byte[] {1}));
            executor.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            AtomicReference<String> thread = new AtomicReference<>();
            Async<byte[]> loaded = backend.load("k")
                    .whenComplete((v, e) -> thread.set(Thread.currentThread().getName()));
            assertFalse(loaded.isDone(), "the read waits for the given executor");
            gate.countDown();
            assertArrayEquals(new byte[] {1}, await(loaded));
            assertEquals("given-io", thread.get());
        } finally {
            executor.shutdown();
        }
    }
}
