package dev.keepsake.jvm.sql;

import static dev.keepsake.jvm.sql.SqlTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.PersistenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the SQLite backend treats the path it is given and a database it may not write. */
class SqliteFilesTest {

    @TempDir
    Path dir;

    private final java.util.List<Path> immutable = new java.util.ArrayList<>();

    @AfterEach
    void makeWritableAgain() throws Exception {
        for (Path path : immutable) {
            new ProcessBuilder("chattr", "-i", path.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Set<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void aQuestionMarkInThePathIsPartOfTheFileNameNeverOptions() throws IOException {
        for (String name : new String[] {"a?mode=ro", "b.db?journal_mode=delete&cache=shared", "c%3Fd#e.db", "f%.db"}) {
            Path file = dir.resolve(name);
            try (SqliteBackend backend = SqliteBackend.open(file)) {
                await(backend.save("k", new byte[] {1, 2}));
                assertArrayEquals(new byte[] {1, 2}, await(backend.load("k")));
            }
            assertTrue(Files.isRegularFile(file), () -> name + " was not created; the directory holds " + names());
            try (SqliteBackend again = SqliteBackend.open(file)) {
                assertArrayEquals(new byte[] {1, 2}, await(again.load("k")));
            }
        }
        assertEquals(Set.of("a?mode=ro", "b.db?journal_mode=delete&cache=shared", "c%3Fd#e.db", "f%.db"),
                namesIn(dir));
    }

    private String names() {
        try {
            return namesIn(dir).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * Makes {@code file} read-only for this process: by its mode, and where that is not enough
     * (root ignores modes) by the immutable attribute.
     */
    private void makeReadOnly(Path file) throws Exception {
        Files.setPosixFilePermissions(file,
                PosixFilePermissions.fromString(Files.isDirectory(file) ? "r-xr-xr-x" : "r--r--r--"));
        if (Files.isWritable(file)) {
            Process chattr = new ProcessBuilder("chattr", "+i", file.toString()).inheritIO().start();
            assumeTrue(chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0,
                    "cannot make the file read-only (chattr +i failed)");
            immutable.add(file);
        }
    }

    @Test
    void aReadOnlyDatabaseIsAccessDenied() throws Exception {
        Path file = dir.resolve("store.db");
        try (SqliteBackend backend = SqliteBackend.open(file)) {
            await(backend.save("k", new byte[] {1}));
        }
        makeReadOnly(file);
        PersistenceException e = assertThrows(PersistenceException.class, () -> {
            try (SqliteBackend backend = SqliteBackend.open(file)) {
                await(backend.save("k", new byte[] {2}));
            }
        });
        assertInstanceOf(AccessDeniedException.class, e, () -> "got " + e);
    }

    @Test
    void aDatabaseInAReadOnlyDirectoryIsAccessDenied() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path file = sub.resolve("store.db");
        try (SqliteBackend backend = SqliteBackend.open(file)) {
            await(backend.save("k", new byte[] {1}));
        }
        makeReadOnly(sub);
        PersistenceException e = assertThrows(PersistenceException.class, () -> {
            try (SqliteBackend backend = SqliteBackend.open(file)) {
                await(backend.save("k", new byte[] {2}));
            }
        });
        assertInstanceOf(AccessDeniedException.class, e, () -> "got " + e);
    }

    @Test
    void aNewDatabaseInAReadOnlyDirectoryIsAccessDenied() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        makeReadOnly(sub);
        PersistenceException e = assertThrows(PersistenceException.class,
                () -> SqliteBackend.open(sub.resolve("new.db")).close());
        assertInstanceOf(AccessDeniedException.class, e, () -> "got " + e);
    }

    @Test
    void anEmptyReadOnlyFileIsAccessDenied() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.db"));
        makeReadOnly(file);
        PersistenceException e = assertThrows(PersistenceException.class, () -> SqliteBackend.open(file).close());
        assertInstanceOf(AccessDeniedException.class, e, () -> "got " + e);
    }
}
