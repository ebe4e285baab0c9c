package dev.keepsake.jvm.fs;

import static dev.keepsake.jvm.fs.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.jvm.JvmAsync;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in the backend's directory that the backend did not write, planted by someone with
 * write access to it: a symbolic link, a FIFO, a device, a huge file, a planted or deleted lock
 * file. None of them may be followed, block the backend, or be read into memory.
 */
class FileSystemHostileFilesTest {

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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Path fileOf(FileSystemBackend backend, String key) {
        return backend.directory().resolve(FileNames.forKey(key));
    }

    /** Waits at most five seconds: each of these must fail fast, never hang. */
    private static <E extends PersistenceException> E failsQuickly(Class<E> type, Async<?> async) {
        Throwable t = assertThrows(Throwable.class,
                () -> JvmAsync.toFuture(async).get(5, TimeUnit.SECONDS)).getCause();
        return assertInstanceOf(type, t, () -> "got " + t);
    }

    private static byte[] recordOf(String key, byte[] value) {
        ByteBuffer[] parts = FileRecord.encode(key, 2, value);
        int length = 0;
        for (ByteBuffer part : parts) {
            length += part.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (ByteBuffer part : parts) {
            all.put(part);
        }
        return all.array();
    }

    @Test
    void aSymbolicLinkPlantedUnderAKeysNameIsNotFollowed() throws IOException {
        FileSystemBackend backend = open(root.resolve("store"));
        Path outside = root.resolve("outside.kv");
        Files.write(outside, recordOf("k", bytes("planted")));
        Files.createSymbolicLink(fileOf(backend, "k"), outside);

        CorruptedDataException e = failsQuickly(CorruptedDataException.class, backend.load("k"));
        assertEquals("k", e.key());
        assertFalse(await(backend.exists("k")));
        assertEquals(List.of(), await(backend.listKeys()));
    }

    @Test
    void devZeroThroughASymbolicLinkIsNeverRead() throws IOException {
        FileSystemBackend backend = open(root.resolve("store"));
        Files.createSymbolicLink(fileOf(backend, "k"), Path.of("/dev/zero"));
        failsQuickly(CorruptedDataException.class, backend.load("k"));
    }

    @Test
    void aFifoUnderAKeysNameFailsWithoutBlockingAndLaterOperationsGoOn() throws Exception {
        FileSystemBackend backend = open(root.resolve("store"));
        Path fifo = fileOf(backend, "k");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");

        failsQuickly(CorruptedDataException.class, backend.load("k"));
        await(backend.save("other", bytes("v")));
        assertArrayEquals(bytes("v"), await(backend.load("other")));
        assertEquals(List.of("other"), await(backend.listKeys()));
    }

    @Test
    void aFileLargerThanAnyRecordIsRefusedBeforeItIsRead() throws IOException {
        FileSystemBackend backend = open(root.resolve("store"));
        try (RandomAccessFile huge = new RandomAccessFile(fileOf(backend, "k").toFile(), "rw")) {
            huge.setLength(3L << 30); // sparse: 3 GiB that take no disk space
        }
        long before = System.nanoTime();
        CorruptedDataException e = failsQuickly(CorruptedDataException.class, backend.load("k"));
        assertTrue(e.getMessage().contains("more than a record can hold"), e.getMessage());
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(2), "the file was read");
    }

    @Test
    void aValueOverTheLimitIsRefusedAsQuotaExceededAndKeepsThePreviousValue() {
        FileSystemBackend backend = open(root.resolve("store"));
        await(backend.save("k", bytes("old")));
        QuotaExceededException e = failsQuickly(QuotaExceededException.class,
                backend.save("k", new byte[FileSystemBackend.MAX_VALUE_BYTES + 1]));
        assertEquals("k", e.key());
        assertArrayEquals(bytes("old"), await(backend.load("k")));
    }

    @Test
    void aValueAtTheLimitRoundTrips() {
        FileSystemBackend backend = open(root.resolve("store"));
        byte[] largest = new byte[FileSystemBackend.MAX_VALUE_BYTES];
        largest[largest.length - 1] = 7;
        await(backend.save("k", largest));
        assertArrayEquals(largest, await(backend.load("k")));
    }

    @Test
    void dataFilesAndTheLockFileAreCreatedOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        FileSystemBackend backend = open(root.resolve("store"));
        await(backend.save("k", bytes("v")));
        await(backend.save("x".repeat(300), bytes("hashed")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fileOf(backend, "k"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fileOf(backend, "x".repeat(300)))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(backend.directory().resolve(".keepsake.lock"))));
    }

    @Test
    void aSymbolicLinkPlantedAsTheLockFileIsRefusedAndItsTargetNotCreated() throws IOException {
        Path dir = Files.createDirectories(root.resolve("store"));
        Path target = root.resolve("victim");
        Files.createSymbolicLink(dir.resolve(".keepsake.lock"), target);
        assertThrows(BackendUnavailableException.class, () -> open(dir));
        assertFalse(Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aFifoPlantedAsTheLockFileIsRefusedWithoutBlocking() throws Exception {
        Path dir = Files.createDirectories(root.resolve("store"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve(".keepsake.lock").toString()).inheritIO().start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
        assertThrows(BackendUnavailableException.class, () -> open(dir));
    }

    @Test
    void aBackendWhoseLockFileWasDeletedStopsWritingSoTheLockCannotBeStolen() throws IOException {
        FileSystemBackend backend = open(root.resolve("store"));
        await(backend.save("k", bytes("old")));
        Files.delete(backend.directory().resolve(".keepsake.lock"));

        failsQuickly(BackendUnavailableException.class, backend.save("k", bytes("new")));
        failsQuickly(BackendUnavailableException.class, backend.clear());
        assertArrayEquals(bytes("old"), await(backend.load("k")));
    }

    @Test
    void aBackendWhoseLockFileWasReplacedStopsWritingForGood() throws IOException {
        FileSystemBackend backend = open(root.resolve("store"));
        Path lock = backend.directory().resolve(".keepsake.lock");
        Files.delete(lock);
        Files.createFile(lock); // what another backend opening the directory would do
        failsQuickly(BackendUnavailableException.class, backend.save("k", bytes("new")));
        failsQuickly(BackendUnavailableException.class, backend.delete("k"));
        assertFalse(await(backend.exists("k")));
    }

    @Test
    void aDirectoryRenamedAwayWhileOpenIsStillTheOneReadWhileWritesFail() throws IOException {
        try (DirectoryStream<Path> probe = Files.newDirectoryStream(root)) {
            assumeTrue(probe instanceof SecureDirectoryStream, "reads go by path without a SecureDirectoryStream");
        }
        Path dir = root.resolve("store");
        FileSystemBackend backend = open(dir);
        await(backend.save("k", bytes("old")));
        Files.move(dir, root.resolve("moved"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(FileNames.forKey("k")), recordOf("k", bytes("planted")));
        Files.write(dir.resolve(FileNames.forKey("other")), recordOf("other", bytes("planted")));

        assertArrayEquals(bytes("old"), await(backend.load("k")));
        assertArrayEquals(bytes("old"), await(backend.loadVersioned("k")).value());
        assertFalse(await(backend.exists("other")));
        failsQuickly(BackendUnavailableException.class, backend.save("k", bytes("new")));
        assertArrayEquals(bytes("old"), await(backend.load("k")));
    }

    @Test
    void aSecondBackendCanOpenOnlyOnceTheFirstHasStoppedWriting() throws IOException {
        Path dir = root.resolve("store");
        FileSystemBackend first = open(dir);
        assertThrows(BackendUnavailableException.class, () -> FileSystemBackend.open(dir));
        Files.delete(dir.resolve(".keepsake.lock"));
        FileSystemBackend second = open(dir);
        await(second.save("k", bytes("second")));
        failsQuickly(BackendUnavailableException.class, first.save("k", bytes("first")));
        assertArrayEquals(bytes("second"), await(first.load("k")));
    }
}
