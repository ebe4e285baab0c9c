package dev.keepsake.jvm.fs;

import static dev.keepsake.jvm.fs.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.NotFoundException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.error.ReadFailedException;
import dev.keepsake.core.error.WriteFailedException;
import dev.keepsake.testing.StorageBackendContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file-system backend promises beyond the shared contract, on real directories. */
class FileSystemBackendTest {

    private static final Executor DIRECT = Runnable::run;

    @TempDir
    Path root;

    private final List<FileSystemBackend> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(FileSystemBackend::close);
    }

    private FileSystemBackend open(Path dir) {
        FileSystemBackend backend = FileSystemBackend.open(dir);
        opened.add(backend);
        return backend;
    }

    private FileSystemBackend open(Path dir, Disk disk) {
        FileSystemBackend backend = FileSystemBackend.open(dir, DIRECT, null, disk);
        opened.add(backend);
        return backend;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Set<String> tempFilesIn(Path dir) throws IOException {
        return filesIn(dir).stream().filter(FileNames::isTemp).collect(Collectors.toSet());
    }

    private static <E extends PersistenceException> E failure(Class<E> type, Async<?> async) {
        PersistenceException e = assertThrows(PersistenceException.class, () -> await(async));
        return assertInstanceOf(type, e, () -> "got " + e);
    }

    // ---- persistence across opens ---------------------------------------------------------

    @Test
    void reopenSeesEveryKeyAndValue() {
        Path dir = root.resolve("store");
        FileSystemBackend first = open(dir);
        List<String> keys = new ArrayList<>(StorageBackendContract.AWKWARD_KEYS);
        keys.add("y".repeat(1000));
        for (int i = 0; i < keys.size(); i++) {
            await(first.save(keys.get(i), bytes("value " + i)));
        }
        await(first.delete("CON"));
        first.close();

        FileSystemBackend second = open(dir);
        Set<String> expected = new HashSet<>(keys);
        expected.remove("CON");
        assertEquals(expected, new HashSet<>(await(second.listKeys())));
        for (int i = 0; i < keys.size(); i++) {
            if (!keys.get(i).equals("CON")) {
                assertArrayEquals(bytes("value " + i), await(second.load(keys.get(i))), keys.get(i));
            }
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefusedUntilTheFirstCloses() {
        Path dir = root.resolve("store");
        FileSystemBackend first = open(dir);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> FileSystemBackend.open(dir));
        assertTrue(e.getMessage().contains("already open"), e.getMessage());
        first.close();
        first.close();
        assertThrows(IllegalStateException.class, () -> first.save("k", new byte[1]));
        open(dir);
    }

    // ---- temporary files ------------------------------------------------------------------

    @Test
    void temporaryFilesLeftByACrashAreSweptOnOpenAndNeverListed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("store"));
        Files.write(dir.resolve(FileNames.temp(42)), bytes("half a record"));
        Files.write(dir.resolve(FileNames.temp(-7)), new byte[0]);
        Files.write(dir.resolve("t-mine.tmp"), bytes("a user's file that only looks similar"));

        FileSystemBackend backend = open(dir);
        assertEquals(Set.of(), tempFilesIn(dir));
        assertTrue(Files.exists(dir.resolve("t-mine.tmp")), "files outside the naming scheme are left alone");

        // One appearing while open (a write in flight) is not a key either.
        Files.write(dir.resolve(FileNames.temp(99)), bytes("in flight"));
        await(backend.save("real", bytes("v")));
        assertEquals(List.of("real"), await(backend.listKeys()));
        assertEquals(1, await(backend.info()).entryCount());
        backend.close();
        open(dir);
        assertEquals(Set.of(), tempFilesIn(dir));
    }

    // ---- corruption -----------------------------------------------------------------------

    @Test
    void everySingleBitFlipIsReportedAsCorruption() throws IOException {
        Path dir = root.resolve("store");
        FileSystemBackend backend = open(dir);
        await(backend.save("key", bytes("value")));
        Path file = dir.resolve(FileNames.forKey("key"));
        byte[] good = Files.readAllBytes(file);
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                Files.write(file, bad);
                int index = i;
                CorruptedDataException e = failure(CorruptedDataException.class, backend.load("key"));
                assertEquals("key", e.key(), () -> "byte " + index);
            }
        }
        Files.write(file, good);
        assertArrayEquals(bytes("value"), await(backend.load("key")));
    }

    @Test
    void truncatedExtendedEmptyAndForeignFilesAreReportedAsCorruption() throws IOException {
        Path dir = root.resolve("store");
        FileSystemBackend backend = open(dir);
        await(backend.save("key", bytes("some value")));
        Path file = dir.resolve(FileNames.forKey("key"));
        byte[] good = Files.readAllBytes(file);

        for (int length = 0; length < good.length; length++) {
            Files.write(file, java.util.Arrays.copyOf(good, length));
            failure(CorruptedDataException.class, backend.load("key"));
        }
        Files.write(file, java.util.Arrays.copyOf(good, good.length + 1));
        failure(CorruptedDataException.class, backend.load("key"));
        Files.write(file, bytes("{\"json\": \"written by someone else\"}"));
        CorruptedDataException foreign = failure(CorruptedDataException.class, backend.load("key"));
        assertTrue(foreign.getMessage().contains("magic"), foreign.getMessage());
    }

    @Test
    void aRecordCopiedUnderAnotherKeysNameIsCorruption() throws IOException {
        Path dir = root.resolve("store");
        FileSystemBackend backend = open(dir);
        await(backend.save("alice", bytes("alice's secret")));
        Files.copy(dir.resolve(FileNames.forKey("alice")), dir.resolve(FileNames.forKey("bob")));
        CorruptedDataException e = failure(CorruptedDataException.class, backend.load("bob"));
        assertEquals("bob", e.key());
        assertTrue(e.getMessage().contains("different key"), e.getMessage());
    }

    @Test
    void foreignFilesAreNeitherListedNorCountedNorCleared() throws IOException {
        Path dir = Files.createDirectories(root.resolve("store"));
        Files.write(dir.resolve("notes.txt"), bytes("mine"));
        Files.write(dir.resolve("k-A.kv"), bytes("not a canonical name"));
        Files.write(dir.resolve("k-_61.kv"), bytes("not a canonical name either"));
        Files.write(dir.resolve("h-" + "0".repeat(64) + ".kv"), bytes("garbage under a hashed name"));
        Files.createDirectory(dir.resolve("k-subdir.kv"));
        Files.createDirectory(dir.resolve(FileNames.forKey("d".repeat(300))));
        FileSystemBackend backend = open(dir);
        await(backend.save("k", bytes("v")));

        assertEquals(List.of("k"), await(backend.listKeys()));
        await(backend.clear());
        assertEquals(List.of(), await(backend.listKeys()));
        assertTrue(filesIn(dir).containsAll(Set.of("notes.txt", "k-A.kv", "k-_61.kv")), filesIn(dir).toString());
    }

    @Test
    void aCorruptFileWithAValidNameIsListedButNotReturned() throws IOException {
        Path dir = root.resolve("store");
        FileSystemBackend backend = open(dir);
        await(backend.save("k", bytes("v")));
        Files.write(dir.resolve(FileNames.forKey("k")), bytes("torn"));
        assertEquals(List.of("k"), await(backend.listKeys()));
        failure(CorruptedDataException.class, backend.load("k"));
        // Overwriting repairs it.
        await(backend.save("k", bytes("fresh")));
        assertArrayEquals(bytes("fresh"), await(backend.load("k")));
    }

    @Test
    void hashedFilesAreListedByTheKeyInTheirRecordOnlyIfItMatchesTheName() throws IOException {
        Path dir = root.resolve("store");
        FileSystemBackend backend = open(dir);
        String longKey = "long/" + "z".repeat(400);
        String otherLongKey = "other/" + "z".repeat(400);
        await(backend.save(longKey, bytes("v")));
        assertTrue(FileNames.isHashed(FileNames.forKey(longKey)));
        assertEquals(List.of(longKey), await(backend.listKeys()));

        Files.copy(dir.resolve(FileNames.forKey(longKey)), dir.resolve(FileNames.forKey(otherLongKey)));
        assertEquals(List.of(longKey), await(backend.listKeys()));
        failure(CorruptedDataException.class, backend.load(otherLongKey));
    }

    // ---- the directory --------------------------------------------------------------------

    @Test
    void traversalKeysStayInsideTheDirectory() throws IOException {
        Path dir = root.resolve("store");
        FileSystemBackend backend = open(dir);
        List<String> keys = List.of("../escape", "../../escape", "/etc/passwd", "a/b/c", "..", ".",
                "..\\escape", "C:\\Windows", "sub/../../../x");
        for (String key : keys) {
            await(backend.save(key, bytes(key)));
        }
        assertEquals(Set.of("store"), filesIn(root));
        try (Stream<Path> all = Files.walk(dir)) {
            assertTrue(all.allMatch(p -> p.equals(dir) || (p.getParent().equals(dir) && Files.isRegularFile(p))));
        }
        for (String key : keys) {
            assertArrayEquals(bytes(key), await(backend.load(key)));
        }
    }

    @Test
    void missingDirectoriesAreCreated() {
        Path dir = root.resolve("a/b/c");
        open(dir);
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void aRegularFileIsNotADirectory() throws IOException {
        Path file = Files.write(root.resolve("plain"), bytes("x"));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> FileSystemBackend.open(file));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        assertArrayEquals(bytes("x"), Files.readAllBytes(file));
    }

    @Test
    void aPathBelowARegularFileCannotBeCreated() throws IOException {
        Files.write(root.resolve("plain"), bytes("x"));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> FileSystemBackend.open(root.resolve("plain/store")));
        assertTrue(e.getMessage().contains("cannot create directory"), e.getMessage());
    }

    @Test
    void aDirectoryRemovedWhileOpenMakesTheBackendUnavailable() throws IOException {
        Path dir = root.resolve("store");
        FileSystemBackend backend = open(dir, new Disk());
        await(backend.save("k", bytes("v")));
        TempDirs.deleteRecursively(dir);
        failure(BackendUnavailableException.class, backend.save("k", bytes("w")));
        failure(BackendUnavailableException.class, backend.listKeys());
        failure(BackendUnavailableException.class, backend.load("k"));
    }

    @Test
    void infoCountsRecordBytesAndReportsFreeSpace() {
        Path dir = root.resolve("store");
        FileSystemBackend backend = open(dir);
        await(backend.save("ab", new byte[100]));
        await(backend.save("c", new byte[0]));
        StorageInfo info = await(backend.info());
        assertEquals(2, info.entryCount());
        assertEquals((FileRecord.OVERHEAD + 2 + 100) + (FileRecord.OVERHEAD + 1), info.usedBytes());
        assertTrue(info.availableBytes().isPresent() && info.availableBytes().getAsLong() > 0);
    }

    // ---- failures mapped to types, previous values intact ---------------------------------

    @Test
    void aFullDiskIsQuotaExceededAndKeepsThePreviousValue() throws IOException {
        Path dir = root.resolve("store");
        FaultyDisk disk = new FaultyDisk();
        FileSystemBackend backend = open(dir, disk);
        await(backend.save("k", bytes("old")));
        disk.failWrite(0, new IOException("No space left on device"));
        QuotaExceededException e = failure(QuotaExceededException.class, backend.save("k", bytes("new")));
        assertEquals("k", e.key());
        assertArrayEquals(bytes("old"), await(backend.load("k")));
        assertEquals(Set.of(), tempFilesIn(dir));
    }

    @Test
    void aDeniedPermissionIsAccessDenied() throws IOException {
        // Running as root, chmod denies nothing: the JDK's own exception is injected instead.
        Path dir = root.resolve("store");
        FaultyDisk disk = new FaultyDisk();
        FileSystemBackend backend = open(dir, disk);
        await(backend.save("k", bytes("old")));
        disk.failRename(0, new java.nio.file.AccessDeniedException(dir.resolve("x").toString()));
        failure(AccessDeniedException.class, backend.save("k", bytes("new")));
        disk.failWrite(0, new FileSystemException(dir.toString(), null, "Read-only file system"));
        failure(AccessDeniedException.class, backend.save("k", bytes("new")));
        assertArrayEquals(bytes("old"), await(backend.load("k")));
        assertEquals(Set.of(), tempFilesIn(dir));
    }

    @Test
    void otherIoErrorsAreWriteOrReadFailures() throws IOException {
        Path dir = root.resolve("store");
        FaultyDisk disk = new FaultyDisk();
        FileSystemBackend backend = open(dir, disk);
        await(backend.save("k", bytes("old")));
        disk.failWrite(0, new IOException("Input/output error"));
        failure(WriteFailedException.class, backend.save("k", bytes("new")));
        assertArrayEquals(bytes("old"), await(backend.load("k")));
        disk.failRead(new IOException("Input/output error"));
        ReadFailedException e = failure(ReadFailedException.class, backend.load("k"));
        assertEquals("k", e.key());
        disk.failRead(null);
        failure(NotFoundException.class, backend.load("absent"));
    }

    @Test
    void aFailedDirectorySyncIsAWriteFailure() {
        Path dir = root.resolve("store");
        FaultyDisk disk = new FaultyDisk();
        FileSystemBackend backend = open(dir, disk);
        disk.failSync(new IOException("Input/output error"));
        failure(WriteFailedException.class, backend.save("k", bytes("v")));
    }

    @Test
    void aBatchFailingWhileWritingChangesNothing() throws IOException {
        Path dir = root.resolve("store");
        FaultyDisk disk = new FaultyDisk();
        FileSystemBackend backend = open(dir, disk);
        await(backend.write(WriteBatch.builder().put("a", bytes("a0")).put("b", bytes("b0")).put("c", bytes("c0"))
                .build()));
        disk.failWriteOf("d", new IOException("No space left on device"));
        QuotaExceededException e = failure(QuotaExceededException.class, backend.write(WriteBatch.builder()
                .put("a", bytes("a1")).delete("b").put("c", bytes("c1")).put("d", bytes("d1")).build()));
        assertEquals("d", e.key(), "the entry whose write failed is named");
        assertArrayEquals(bytes("a0"), await(backend.load("a")));
        assertArrayEquals(bytes("b0"), await(backend.load("b")));
        assertArrayEquals(bytes("c0"), await(backend.load("c")));
        assertFalse(await(backend.exists("d")));
        assertEquals(Set.of(), tempFilesIn(dir));
    }

    @Test
    void aBatchFailingWhileRenamingKeepsEachEntryWhole() throws IOException {
        Path dir = root.resolve("store");
        FaultyDisk disk = new FaultyDisk();
        FileSystemBackend backend = open(dir, disk);
        await(backend.write(WriteBatch.builder().put("a", bytes("a0")).put("b", bytes("b0")).put("c", bytes("c0"))
                .build()));
        disk.failRename(1, new IOException("Input/output error"));
        WriteFailedException e = failure(WriteFailedException.class, backend.write(WriteBatch.builder()
                .put("a", bytes("a1")).put("b", bytes("b1")).put("c", bytes("c1")).build()));
        assertEquals("b", e.key());
        assertArrayEquals(bytes("a1"), await(backend.load("a")), "entries before the failure are applied");
        assertArrayEquals(bytes("b0"), await(backend.load("b")));
        assertArrayEquals(bytes("c0"), await(backend.load("c")));
        assertEquals(Set.of(), tempFilesIn(dir));
    }

    // ---- threads --------------------------------------------------------------------------

    /** A one-thread executor whose tasks wait until the test opens the gate. */
    private static final class GatedExecutor implements Executor {
        final CountDownLatch gate = new CountDownLatch(1);
        final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-worker");
            t.setDaemon(true);
            return t;
        });

        @Override
        public void execute(Runnable task) {
            pool.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            });
        }
    }

    @Test
    void operationsCompleteOnTheWorkerThreadInCallOrder() {
        GatedExecutor executor = new GatedExecutor();
        FileSystemBackend backend = FileSystemBackend.open(root.resolve("store"), executor);
        opened.add(backend);
        AtomicReference<String> completedOn = new AtomicReference<>();
        Async<Void> first = backend.save("k", bytes("first"));
        Async<Void> second = backend.save("k", bytes("second"));
        Async<byte[]> loaded = backend.load("k");
        first.whenComplete((v, t) -> completedOn.set(Thread.currentThread().getName()));
        assertFalse(first.isDone(), "nothing runs before the executor does");
        executor.gate.countDown();
        assertArrayEquals(bytes("second"), await(loaded), "operations run in call order");
        assertTrue(second.isDone());
        assertEquals("test-worker", completedOn.get());
        executor.pool.shutdown();
    }

    @Test
    void closeFromTheWorkerThreadIsRefused() {
        GatedExecutor executor = new GatedExecutor();
        FileSystemBackend backend = FileSystemBackend.open(root.resolve("store"), executor);
        opened.add(backend);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Async<Void> saved = backend.save("k", bytes("v")).whenComplete((v, t) -> {
            try {
                backend.close();
            } catch (IllegalStateException e) {
                thrown.set(e);
            }
        });
        executor.gate.countDown();
        await(saved);
        assertInstanceOf(IllegalStateException.class, thrown.get());
        assertArrayEquals(bytes("v"), await(backend.load("k")), "the refused close left the backend open");
        executor.pool.shutdown();
    }

    @Test
    void aDirectExecutorCompletesBeforeReturning() {
        FileSystemBackend backend = FileSystemBackend.open(root.resolve("store"), Runnable::run);
        opened.add(backend);
        Async<Void> saved = backend.save("k", bytes("v"));
        assertTrue(saved.isDone());
        assertArrayEquals(bytes("v"), backend.load("k").peek());
    }

    @Test
    void aRefusingExecutorFailsTheOperationAsUnavailable() {
        Executor refusing = task -> {
            throw new RejectedExecutionException("shut down");
        };
        FileSystemBackend backend = FileSystemBackend.open(root.resolve("store"), refusing);
        opened.add(backend);
        BackendUnavailableException e = failure(BackendUnavailableException.class, backend.save("k", bytes("v")));
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }
}
