package dev.keepsake.jvm.fs;

import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.PersistenceException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Set;

/**
 * The exclusive lock a {@link FileSystemBackend} holds on its directory while open: an OS file
 * lock on {@code .keepsake.lock} in the directory, created owner-only and never through a
 * symbolic link. A second lock of the same directory, by this JVM or another process, fails.
 *
 * <p>The lock file is remembered by identity (file key and modification time) when locked. If
 * someone deletes or replaces it while it is held, another backend could lock the directory
 * too; {@link #check} notices that before each write and from then on fails for good, so the
 * backend stops writing instead of writing beside the other one.
 *
 * <p>Thread-safe: {@link #check} may run on the backend's worker while {@link #release} waits
 * for it to drain.
 */
final class DirectoryLock {

    /** The lock file's name inside the directory. */
    static final String FILE_NAME = ".keepsake.lock";

    private final Path dir;
    private final Path file;
    private final String backend;
    private final FileChannel channel;
    private final FileLock lock;
    private final Object fileKey;
    private final FileTime modified;
    private volatile boolean lost;

    private DirectoryLock(Path dir, String backend, FileChannel channel, FileLock lock, BasicFileAttributes locked) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.backend = backend;
        this.channel = channel;
        this.lock = lock;
        this.fileKey = locked.fileKey();
        this.modified = locked.lastModifiedTime();
    }

    /**
     * Locks {@code dir}, an existing directory, creating the lock file if missing.
     *
     * @throws BackendUnavailableException if the lock file is not a regular file (or is a
     *     symbolic link), or the directory is already locked in this JVM or another process, or
     *     locking fails
     * @throws AccessDeniedException if the lock file may not be created or opened
     */
    static DirectoryLock acquire(Path dir, String backend) {
        Path lockPath = dir.resolve(FILE_NAME);
        if (Files.exists(lockPath, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(lockPath, LinkOption.NOFOLLOW_LINKS)) {
            throw new BackendUnavailableException(backend, null, "the lock file " + lockPath
                    + " is not a regular file (a symbolic link is never followed)", null);
        }
        FileChannel channel;
        try {
            // Read-write, not write-only: a FIFO swapped in after the check above would block a
            // write-only open until a reader came.
            channel = FileChannel.open(lockPath, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), Disk.OWNER_ONLY);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(lockPath)) {
                throw new BackendUnavailableException(backend, null, "the lock file " + lockPath
                        + " is a symbolic link; Keepsake does not follow it", e);
            }
            throw openFailed(dir, backend, e);
        } catch (IOException e) {
            throw openFailed(dir, backend, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new BackendUnavailableException(backend, null, "directory " + dir + " is already open in this JVM",
                    e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BackendUnavailableException(backend, null, "cannot lock directory " + dir + ": " + e, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new BackendUnavailableException(backend, null, "directory " + dir + " is open in another process",
                    null);
        }
        BasicFileAttributes locked;
        try {
            locked = Files.readAttributes(lockPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BackendUnavailableException(backend, null, "cannot lock directory " + dir + ": " + e, e);
        }
        if (!locked.isRegularFile()) {
            closeQuietly(channel);
            throw new BackendUnavailableException(backend, null, "the lock file " + lockPath + " is not a regular file",
                    null);
        }
        return new DirectoryLock(dir, backend, channel, lock, locked);
    }

    /**
     * Fails unless the lock file is still the one locked: deleting or replacing it would let
     * another backend lock the directory, so once lost the lock stays lost.
     *
     * @throws BackendUnavailableException if the lock file was deleted or replaced, naming {@code key}
     */
    void check(String key) {
        if (!lost) {
            try {
                BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                lost = !now.isRegularFile() || !Objects.equals(now.fileKey(), fileKey)
                        || !now.lastModifiedTime().equals(modified);
            } catch (IOException e) {
                lost = true;
            }
        }
        if (lost) {
            throw new BackendUnavailableException(backend, key, "the lock file " + FILE_NAME + " was deleted or"
                    + " replaced while this backend had it locked; another backend may own " + dir
                    + " now, so this one no longer writes", null);
        }
    }

    /** Releases the lock and closes the lock file. Idempotent. */
    void release() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases the lock too.
        }
        closeQuietly(channel);
    }

    private static PersistenceException openFailed(Path dir, String backend, IOException e) {
        PersistenceException mapped = IoFailures.map(backend, null, true, dir, e);
        if (mapped instanceof AccessDeniedException) {
            return new AccessDeniedException(backend, null, "may not write in directory " + dir, e);
        }
        return new BackendUnavailableException(backend, null, "cannot lock directory " + dir + ": " + e, e);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was written through it; there is nothing to lose.
        }
    }
}
