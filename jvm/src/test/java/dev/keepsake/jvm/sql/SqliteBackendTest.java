package dev.keepsake.jvm.sql;

import static dev.keepsake.jvm.sql.SqlTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.error.WriteFailedException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SQLite backend promises beyond the shared contract: format, ownership, failures. */
class SqliteBackendTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("store.db");
    }

    private static void sql(Path file, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static String query(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void storedFormatIsOneTableOfUtf8KeyBlobsMarkedAsOurs() throws Exception {
        try (SqliteBackend backend = SqliteBackend.open(file())) {
            await(backend.save("k\u0000\u00e9", new byte[] {1, 2, 3}));
        }
        assertEquals(Integer.toString(SqliteBackend.APPLICATION_ID), query(file(), "PRAGMA application_id"));
        assertEquals("2", query(file(), "PRAGMA user_version"));
        assertEquals("wal", query(file(), "PRAGMA journal_mode"));
        assertEquals("CREATE TABLE keepsake_entries (key BLOB PRIMARY KEY NOT NULL, value BLOB NOT NULL,"
                + " version INTEGER NOT NULL DEFAULT 1)",
                query(file(), "SELECT sql FROM sqlite_schema WHERE name = 'keepsake_entries'"));
        assertEquals(HexFormat.of().formatHex("k\u0000\u00e9".getBytes(StandardCharsets.UTF_8)).toUpperCase(),
                query(file(), "SELECT hex(key) FROM keepsake_entries"));
        assertEquals("blob", query(file(), "SELECT typeof(key) FROM keepsake_entries"));
        assertEquals("010203", query(file(), "SELECT hex(value) FROM keepsake_entries"));
    }

    @Test
    void reopeningKeepsTheData() {
        try (SqliteBackend backend = SqliteBackend.open(file())) {
            await(backend.write(WriteBatch.builder().put("a", new byte[] {1}).put("b", new byte[0]).build()));
        }
        try (SqliteBackend backend = SqliteBackend.open(file())) {
            assertArrayEquals(new byte[] {1}, await(backend.load("a")));
            assertArrayEquals(new byte[0], await(backend.load("b")));
        }
    }

    @Test
    void aFileThatIsNotSqliteIsCorruptAndLeftAlone() throws Exception {
        byte[] text = "my notes, definitely not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file(), text);
        CorruptedDataException e = assertThrows(CorruptedDataException.class, () -> SqliteBackend.open(file()));
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
        assertArrayEquals(text, Files.readAllBytes(file()));
    }

    @Test
    void anotherApplicationsDatabaseIsRefusedAndLeftAlone() throws Exception {
        sql(file(), "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)",
                "INSERT INTO invoices VALUES (1, 9.5)");
        byte[] before = Files.readAllBytes(file());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> SqliteBackend.open(file()));
        assertTrue(e.getMessage().contains("another application"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
        assertEquals("delete", query(file(), "PRAGMA journal_mode"));
    }

    @Test
    void anEmptyDatabaseOfAnotherApplicationIsRefused() throws Exception {
        sql(file(), "PRAGMA application_id = 1234");
        assertThrows(BackendUnavailableException.class, () -> SqliteBackend.open(file()));
    }

    @Test
    void aFileOfSchemaVersionOneGainsVersionsAndKeepsItsEntriesAsUnversioned() throws Exception {
        sql(file(), "CREATE TABLE keepsake_entries (key BLOB PRIMARY KEY NOT NULL, value BLOB NOT NULL)",
                "INSERT INTO keepsake_entries VALUES (x'6b', x'0102')",
                "PRAGMA application_id = " + SqliteBackend.APPLICATION_ID, "PRAGMA user_version = 1");
        try (SqliteBackend backend = SqliteBackend.open(file())) {
            Versioned old = await(backend.loadVersioned("k"));
            assertArrayEquals(new byte[] {1, 2}, old.value());
            assertEquals(Versioned.UNVERSIONED, old.version());
            await(backend.write(WriteBatch.builder().putIf("k", new byte[] {3}, Versioned.UNVERSIONED).build()));
            assertArrayEquals(new byte[] {3}, await(backend.load("k")));
        }
        assertEquals("2", query(file(), "PRAGMA user_version"));
    }

    @Test
    void aNewerSchemaVersionIsRefused() throws Exception {
        SqliteBackend.open(file()).close();
        sql(file(), "PRAGMA user_version = 3");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> SqliteBackend.open(file()));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void ourMarkerWithoutOurTableIsCorrupt() throws Exception {
        SqliteBackend.open(file()).close();
        sql(file(), "DROP TABLE keepsake_entries", "CREATE TABLE unrelated (x)");
        assertThrows(CorruptedDataException.class, () -> SqliteBackend.open(file()));
    }

    @Test
    void damagedPagesAreReportedAsCorruptNeverAsValues() throws Exception {
        try (SqliteBackend backend = SqliteBackend.open(file())) {
            WriteBatch.Builder batch = WriteBatch.builder();
            for (int i = 0; i < 300; i++) {
                batch.put("key-" + i, new byte[900]);
            }
            await(backend.write(batch.build()));
        }
        long size = Files.size(file());
        assertTrue(size > 8 * 4096, "file too small to damage: " + size);
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            byte[] junk = new byte[4096];
            Arrays.fill(junk, (byte) 0x5A);
            for (long page = 1; page * 4096 < size - 4096; page++) {
                raf.seek(page * 4096);
                raf.write(junk);
            }
        }
        PersistenceException failure = assertThrows(PersistenceException.class, () -> {
            try (SqliteBackend backend = SqliteBackend.open(file())) {
                List<String> keys = await(backend.listKeys());
                for (String key : keys) {
                    await(backend.load(key));
                }
                await(backend.load("key-150"));
            }
        });
        assertTrue(failure instanceof CorruptedDataException, "expected corrupted data, got " + failure);
    }

    /**
     * Four connections opening one new file at the same moment all open it: they meet each
     * other's first writes (creating the table, switching to WAL), and SQLite refuses some of
     * those steps at once instead of waiting. Before opening retried them, about one round in
     * 200 failed with SQLITE_BUSY (a four-thread probe, 300 rounds); this runs 60 rounds, so it
     * catches a regression only some of the time, and never fails without one.
     */
    @Test
    void connectionsOpeningOneNewFileAtOnceAllOpenIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 60; round++) {
                Path file = dir.resolve("new-" + round + ".db");
                CyclicBarrier together = new CyclicBarrier(4);
                List<Future<?>> opens = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String key = "k" + i;
                    opens.add(pool.submit(() -> {
                        together.await();
                        try (SqliteBackend backend = SqliteBackend.open(file)) {
                            await(backend.save(key, new byte[] {1}));
                        }
                        return null;
                    }));
                }
                for (Future<?> open : opens) {
                    open.get(30, TimeUnit.SECONDS);
                }
                try (SqliteBackend backend = SqliteBackend.open(file)) {
                    assertEquals(List.of("k0", "k1", "k2", "k3"), await(backend.listKeys()).stream().sorted().toList());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockHeldTooLongFailsTheWriteAndKeepsThePreviousValue() throws Exception {
        try (SqliteBackend backend = SqliteBackend.builder(file()).busyTimeout(Duration.ofMillis(200)).open();
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement st = other.createStatement()) {
            await(backend.save("k", new byte[] {1}));
            st.execute("BEGIN IMMEDIATE");
            st.execute("INSERT INTO keepsake_entries (key, value) VALUES (x'6f74686572', x'00')");
            WriteFailedException e = assertThrows(WriteFailedException.class,
                    () -> await(backend.save("k", new byte[] {2})));
            assertTrue(e.getMessage().contains("locked"), e.getMessage());
            // WAL lets readers go on while another connection writes.
            assertArrayEquals(new byte[] {1}, await(backend.load("k")));
            st.execute("ROLLBACK");
            await(backend.save("k", new byte[] {3}));
            assertArrayEquals(new byte[] {3}, await(backend.load("k")));
            assertFalse(await(backend.exists("other")));
        }
    }

    @Test
    void aFullDatabaseFailsWithQuotaExceededAndKeepsEverything() {
        try (SqliteBackend backend = SqliteBackend.builder(file()).maxSizeBytes(128 * 1024).open()) {
            await(backend.save("small", new byte[] {7}));
            StorageInfo before = await(backend.info());
            assertTrue(before.availableBytes().getAsLong() <= 128 * 1024, before.toString());
            WriteBatch tooBig = WriteBatch.builder()
                    .put("small", new byte[] {8})
                    .put("big", new byte[256 * 1024])
                    .delete("absent")
                    .build();
            assertThrows(QuotaExceededException.class, () -> await(backend.write(tooBig)));
            assertArrayEquals(new byte[] {7}, await(backend.load("small")));
            assertFalse(await(backend.exists("big")));
            assertEquals(1, await(backend.info()).entryCount());
            await(backend.save("fits", new byte[10_000]));
            assertEquals(2, await(backend.info()).entryCount());
        }
    }

    @Test
    void aFileTheProcessMayNotWriteFailsWithAccessDenied() throws Exception {
        try (SqliteBackend backend = SqliteBackend.open(file())) {
            await(backend.save("k", new byte[] {1}));
        }
        // Root ignores permission bits; the immutable attribute stops it too.
        boolean immutable = new ProcessBuilder("chattr", "+i", file().toString()).start().waitFor() == 0;
        if (!immutable) {
            assumeTrue(file().toFile().setReadOnly() && !Files.isWritable(file()), "cannot make the file read-only");
        }
        try {
            try (SqliteBackend backend = SqliteBackend.open(file())) {
                assertArrayEquals(new byte[] {1}, await(backend.load("k")));
                assertThrows(AccessDeniedException.class, () -> await(backend.save("k", new byte[] {2})));
                assertArrayEquals(new byte[] {1}, await(backend.load("k")));
            } catch (AccessDeniedException e) {
                // Refusing at open is as good: nothing was written.
                assertTrue(e.getMessage().contains("readonly") || e.getMessage().contains("read-only")
                        || e.getMessage().contains("READONLY"), e.getMessage());
            }
        } finally {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", file().toString()).start().waitFor();
            }
            file().toFile().setWritable(true);
        }
    }

    @Test
    void twoBackendsOnOneFileSeeEachOthersWrites() {
        try (SqliteBackend a = SqliteBackend.open(file()); SqliteBackend b = SqliteBackend.open(file())) {
            await(a.save("from-a", new byte[] {1}));
            await(b.write(WriteBatch.builder().put("from-b", new byte[] {2}).delete("from-a").build()));
            assertEquals(List.of("from-b"), await(a.listKeys()));
        }
    }

    @Test
    void operationsCompleteOnTheOwnedWorkerThread() throws Exception {
        try (SqliteBackend backend = SqliteBackend.open(file());
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement st = other.createStatement()) {
            // Hold the write lock so that the save is certainly still pending when the
            // callback is registered.
            st.execute("BEGIN IMMEDIATE");
            AtomicReference<String> thread = new AtomicReference<>();
            Async<Void> saved = backend.save("k", new byte[1])
                    .whenComplete((v, e) -> thread.set(Thread.currentThread().getName()));
            st.execute("ROLLBACK");
            await(saved);
            assertEquals("keepsake-sqlite-worker", thread.get());
        }
    }

    @Test
    void operationsCompleteOnAGivenExecutor() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-io"));
        CountDownLatch gate = new CountDownLatch(1);
        try (SqliteBackend backend = SqliteBackend.builder(file()).executor(executor).open()) {
            executor.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            AtomicReference<String> thread = new AtomicReference<>();
            Async<Boolean> exists = backend.exists("absent")
                    .whenComplete((v, e) -> thread.set(Thread.currentThread().getName()));
            gate.countDown();
            assertFalse(await(exists));
            assertEquals("my-io", thread.get());
        } finally {
            executor.shutdown();
        }
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "the backend never owns a given executor");
    }

    @Test
    void aClosedBackendRejectsCallsAndClosingTwiceIsFine() {
        SqliteBackend backend = SqliteBackend.open(file());
        Async<Void> queued = backend.save("k", new byte[] {1});
        backend.close();
        backend.close();
        assertTrue(queued.isDone(), "close waits for queued operations");
        assertThrows(IllegalStateException.class, () -> backend.save("k", new byte[1]));
        assertThrows(IllegalStateException.class, () -> backend.listKeys());
        try (SqliteBackend again = SqliteBackend.open(file())) {
            assertArrayEquals(new byte[] {1}, await(again.load("k")));
        }
    }

    @Test
    void aMissingDirectoryIsUnavailable() {
        assertThrows(BackendUnavailableException.class, () -> SqliteBackend.open(dir.resolve("no/such/dir/x.db")));
    }

    @Test
    void infoReportsPayloadBytesAndFreeSpace() {
        try (SqliteBackend backend = SqliteBackend.open(file())) {
            await(backend.save("abc", new byte[1000]));
            StorageInfo info = await(backend.info());
            assertEquals(1, info.entryCount());
            assertEquals(1003, info.usedBytes());
            assertTrue(info.availableBytes().isPresent() && info.availableBytes().getAsLong() > 0);
        }
    }

    @Test
    void theBuilderRejectsNonsense() {
        assertThrows(NullPointerException.class, () -> SqliteBackend.builder(null));
        SqliteBackend.Builder b = SqliteBackend.builder(file());
        assertThrows(IllegalArgumentException.class, () -> b.busyTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.busyTimeout(Duration.ofHours(2)));
        assertThrows(IllegalArgumentException.class, () -> b.maxSizeBytes(1000));
        assertThrows(NullPointerException.class, () -> b.synchronous(null));
        assertThrows(NullPointerException.class, () -> b.executor(null));
        assertFalse(Files.exists(file()), "a builder does nothing before open()");
    }

    @Test
    void sqliteResultCodesMapToTypedFailures() {
        assertEquals(SqlFailures.Failure.FULL, SqliteBackend.classifyCode(13));
        assertEquals(SqlFailures.Failure.DENIED, SqliteBackend.classifyCode(8));
        assertEquals(SqlFailures.Failure.DENIED, SqliteBackend.classifyCode(3));
        assertEquals(SqlFailures.Failure.DENIED, SqliteBackend.classifyCode(8 | (1 << 8)));
        assertEquals(SqlFailures.Failure.UNAVAILABLE, SqliteBackend.classifyCode(14));
        assertEquals(SqlFailures.Failure.CORRUPT, SqliteBackend.classifyCode(11));
        assertEquals(SqlFailures.Failure.CORRUPT, SqliteBackend.classifyCode(26));
        assertEquals(SqlFailures.Failure.BUSY, SqliteBackend.classifyCode(5));
        assertEquals(SqlFailures.Failure.BUSY, SqliteBackend.classifyCode(5 | (2 << 8)));
        assertEquals(SqlFailures.Failure.BUSY, SqliteBackend.classifyCode(6));
        assertEquals(SqlFailures.Failure.OTHER, SqliteBackend.classifyCode(10 | (4 << 8)));
        assertEquals(SqlFailures.Failure.OTHER, SqliteBackend.classifyCode(19));
    }
}
