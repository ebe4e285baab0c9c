package dev.keepsake.jvm.fs;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Keys;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.ConflictException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.NotFoundException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.format.Envelope;
import dev.keepsake.jvm.internal.JdkCrc32c;
import dev.keepsake.jvm.internal.PendingWrites;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link StorageBackend} that keeps each key in its own file in one directory, durably: when
 * a write's {@link Async} completes, the data and the directory entry naming it have been
 * forced to the storage device ({@code fsync}), so the write survives a crash of the process
 * or of the machine.
 *
 * <h2>Files</h2>
 * Each key has one file whose name is derived from the key by a reversible, injective mapping
 * (see {@code FileNames}): keys that are short enough are escaped to {@code [a-z0-9_-]}
 * ({@code "k-" + escaped + ".kv"}); longer keys get {@code "h-" + hex(SHA-256(key)) + ".kv"}.
 * Names never leave the directory, never exceed 255 bytes, never differ only in case and never
 * hit a Windows device name. Besides data files the directory holds {@code .keepsake.lock} and,
 * briefly, temporary files {@code t-<16 hex digits>.tmp}. Every file holds one record:
 *
 * <table>
 *   <caption>Data file record (integers big-endian)</caption>
 *   <tr><th>offset</th><th>size</th><th>field</th></tr>
 *   <tr><td>0</td><td>4</td><td>magic {@code "KSFS"} (0x4B534653)</td></tr>
 *   <tr><td>4</td><td>1</td><td>format version, 2</td></tr>
 *   <tr><td>5</td><td>4</td><td>K, the key's length in UTF-8 bytes (&ge; 1)</td></tr>
 *   <tr><td>9</td><td>K</td><td>the key, UTF-8</td></tr>
 *   <tr><td>9+K</td><td>8</td><td>the entry's version ({@link Versioned})</td></tr>
 *   <tr><td>17+K</td><td>4</td><td>V, the value's length in bytes (&ge; 0)</td></tr>
 *   <tr><td>21+K</td><td>V</td><td>the value</td></tr>
 *   <tr><td>21+K+V</td><td>4</td><td>CRC32C (Castagnoli) of bytes 0 to 21+K+V</td></tr>
 * </table>
 * The file is exactly 25+K+V bytes. Format 1, written before versions existed, has no version
 * field (the file is 17+K+V bytes); it is still read, as version {@link Versioned#UNVERSIONED}. A file that is shorter
 * or longer, has another magic or
 * version, fails its CRC or holds another key than its name says is reported as
 * {@link dev.keepsake.core.error.CorruptedDataException} by {@link #load}; it is never returned.
 * So is anything under a key's name that is not a regular file (a symbolic link is never
 * followed; a FIFO, device or socket is never read) or that is larger than a record of a value
 * of {@link #MAX_VALUE_BYTES} can be (checked before reading). Data files and the lock file
 * are created owner-only ({@code rw-------}) where the file system has POSIX permissions.
 * Where the platform offers a {@link SecureDirectoryStream} (Linux, macOS), a key's record is
 * read ({@link #load}, {@link #loadVersioned}, {@link #exists}) relative to the directory, held
 * open while the backend is: a read resolves one name rather than the whole path, twice. A
 * directory renamed away while open is then still the one those reads see, while writes, which
 * the lock file guards, fail.
 *
 * <h2>Writes</h2>
 * A put writes the record to a new, uniquely named temporary file in the same directory,
 * forces it ({@code FileChannel.force(true)}), renames it over the key's file with
 * {@code ATOMIC_MOVE}, then forces the directory. A reader therefore sees the old record or the
 * new one, never a mixture. A {@linkplain #write batch} writes and forces all its temporary
 * files first, then renames them all and applies its deletes, then forces the directory once.
 * Temporary files a crash leaves behind are deleted when the directory is next opened and are
 * never listed. On Windows, where a directory cannot be opened to force it, the directory sync
 * is skipped and the rename's durability rests on NTFS's metadata journal.
 *
 * <h2>Threads and ordering</h2>
 * Every operation checks its arguments on the calling thread and throws there on misuse; the
 * file I/O then runs on the backend's worker: the {@link Executor} given to
 * {@link #open(Path, Executor)}, or by default one daemon thread owned by this backend. The
 * returned {@code Async} completes on that worker thread, so callbacks attached to it before
 * it completes run there too: keep them short, or hop to your own executor. Operations run
 * one at a time in the order they were called, so a load after a save sees the save even when
 * the caller did not wait for it. With the backend's own worker, a {@link #load},
 * {@link #loadVersioned} or {@link #exists} of a key that no waiting or running write touches
 * (a put or delete of that key, or a {@link #clear}) skips the hand-off: it reads on the calling
 * thread, beside the worker, and returns a completed {@code Async}. That read cannot miss a write
 * called before it, since such a write is still waiting or already renamed into place, and a
 * rename is atomic, so it sees a whole record, old or new, never a mixture. A batch of several puts writes and forces
 * its temporary files
 * in parallel, up to eight at a time, on a pool of daemon threads ({@code keepsake-fs-sync})
 * shared by all backends: file systems commit concurrent syncs together, so a batch costs
 * several times less per put than single saves.
 *
 * <h2>Failures</h2>
 * Errors are typed: a denied permission or read-only file system is
 * {@link AccessDeniedException}, a full disk or exhausted quota
 * {@link dev.keepsake.core.error.QuotaExceededException}, other I/O errors
 * {@link dev.keepsake.core.error.WriteFailedException} or
 * {@link dev.keepsake.core.error.ReadFailedException}, a directory that vanished
 * {@link BackendUnavailableException}. A failed put leaves the key's previous file untouched
 * and removes its temporary file.
 *
 * <h2>Non-goals</h2>
 * Sharing a directory between backends: the directory is locked ({@code .keepsake.lock}, never
 * through a symbolic link; see {@code DirectoryLock}) while open, and a second open fails. A backend whose lock file is
 * deleted or replaced while it is open (which would let another backend lock the directory)
 * notices before its next write and from then on fails every write with
 * {@link BackendUnavailableException} instead of writing beside the other one. Atomicity across the keys of a batch
 * (each entry is atomic, see
 * {@link #write}). Files the backend did not write are left alone: {@link #listKeys},
 * {@link #info} and {@link #clear} ignore names outside the mapping and anything that is not a
 * regular file.
 */
public final class FileSystemBackend implements StorageBackend, AutoCloseable {

    /**
     * The largest value {@link #save} accepts: the largest frame the default envelope writes
     * (a payload of {@link Envelope#DEFAULT_MAX_PAYLOAD_BYTES}, its frame, a cipher's nonce and
     * tag) with room to spare. Larger values fail with {@link QuotaExceededException}.
     */
    public static final int MAX_VALUE_BYTES = Envelope.DEFAULT_MAX_PAYLOAD_BYTES + 1024;

    private static final boolean SYNC_DIRECTORIES =
            !System.getProperty("os.name", "").startsWith("Windows");

    static {
        JdkCrc32c.install();
    }

    private final Path dir;
    private final String name;
    private final Disk disk;
    private final SerialExecutor worker;
    private final ExecutorService ownedPool;
    private final DirectoryLock lock;
    /**
     * The directory, open, to read records relative to it; null where the platform has no
     * {@link SecureDirectoryStream} (records are then read by path).
     */
    private final SecureDirectoryStream<Path> handle;
    private final AtomicLong nextTempId;
    private final PendingWrites pending = new PendingWrites();
    private volatile boolean closed;

    private FileSystemBackend(Path dir, Disk disk, Executor executor, ExecutorService ownedPool,
            DirectoryLock lock, SecureDirectoryStream<Path> handle) {
        this.dir = dir;
        this.name = "file:" + dir;
        this.disk = disk;
        this.worker = new SerialExecutor(executor);
        this.ownedPool = ownedPool;
        this.lock = lock;
        this.handle = handle;
        this.nextTempId = new AtomicLong(new SecureRandom().nextLong());
    }

    /**
     * Opens the backend on {@code dir}, creating the directory and its parents if missing, with
     * I/O on a daemon thread of its own. Blocks while it locks the directory and deletes
     * temporary files left by a crash.
     *
     * @throws NullPointerException if {@code dir} is null
     * @throws BackendUnavailableException if {@code dir} or one of its parents is not a
     *     directory, cannot be created, or is already open in a backend of this or another
     *     process
     * @throws AccessDeniedException if the directory may not be read or written
     */
    public static FileSystemBackend open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        ExecutorService pool = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "keepsake-fs " + dir.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        try {
            return open(dir, pool, pool, new Disk());
        } catch (RuntimeException e) {
            pool.shutdown();
            throw e;
        }
    }

    /**
     * Opens the backend on {@code dir} like {@link #open(Path)}, running its I/O on
     * {@code executor} (one task at a time; {@code Runnable::run} makes every operation complete
     * before it returns). The executor stays the caller's to shut down, after {@link #close()}.
     *
     * @throws NullPointerException if an argument is null
     * @throws BackendUnavailableException if {@code dir} or one of its parents is not a
     *     directory, cannot be created, or is already open in a backend of this or another
     *     process
     * @throws AccessDeniedException if the directory may not be read or written
     */
    public static FileSystemBackend open(Path dir, Executor executor) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(executor, "executor");
        return open(dir, executor, null, new Disk());
    }

    /** Opens with a {@link Disk} that tests replace to inject faults. */
    static FileSystemBackend open(Path dir, Executor executor, ExecutorService ownedPool, Disk disk) {
        Path absolute = dir.toAbsolutePath().normalize();
        String name = "file:" + absolute;
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new BackendUnavailableException(name, null, absolute + " exists and is not a directory", null);
        }
        try {
            Files.createDirectories(absolute);
        } catch (FileAlreadyExistsException e) {
            throw new BackendUnavailableException(name, null,
                    "cannot create directory " + absolute + ": " + e.getFile() + " is not a directory", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new AccessDeniedException(name, null, "may not create directory " + absolute, e);
        } catch (IOException e) {
            throw new BackendUnavailableException(name, null, "cannot create directory " + absolute + ": " + e, e);
        }
        DirectoryLock lock = DirectoryLock.acquire(absolute, name);
        SecureDirectoryStream<Path> handle = null;
        try {
            handle = openHandle(absolute);
            FileSystemBackend backend = new FileSystemBackend(absolute, disk, executor, ownedPool, lock, handle);
            backend.sweepTemporaryFiles();
            return backend;
        } catch (IOException | RuntimeException e) {
            closeQuietly(handle);
            lock.release();
            throw e instanceof IOException io ? IoFailures.map(name, null, true, absolute, io) : (RuntimeException) e;
        }
    }

    /** Returns the directory this backend keeps its files in, absolute. */
    public Path directory() {
        return dir;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Stores {@code value} under {@code key} durably. Failure atomicity: on any failure the
     * previous value is intact and no temporary file remains (except after a crash, until the
     * next open); a failure of the final directory sync leaves the new value in place but of
     * unknown durability.
     *
     * @throws NullPointerException if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     * @throws IllegalStateException if the backend is closed
     */
    @Override
    public Async<Void> save(String key, byte[] value) {
        return write(WriteBatch.builder().put(key, value).build());
    }

    /**
     * Returns the value stored under {@code key}, after checking its record.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     * @throws IllegalStateException if the backend is closed
     */
    @Override
    public Async<byte[]> load(String key) {
        Keys.requireValid(key);
        return readNowOrQueue(key, () -> {
            Versioned read = read(key);
            if (read.value() == null) {
                throw new NotFoundException(name, key, "no value stored", null);
            }
            return read.value();
        });
    }

    /**
     * Returns the value stored under {@code key} with its version, after checking its record.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     * @throws IllegalStateException if the backend is closed
     */
    @Override
    public Async<Versioned> loadVersioned(String key) {
        Keys.requireValid(key);
        return readNowOrQueue(key, () -> read(key));
    }

    /**
     * Returns the value stored under {@code key}, after checking its record, or null when there
     * is none.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     * @throws IllegalStateException if the backend is closed
     */
    @Override
    public Async<byte[]> loadOrNull(String key) {
        Keys.requireValid(key);
        return readNowOrQueue(key, () -> read(key).value());
    }

    /**
     * Removes the value under {@code key} durably. Failure atomicity: the file is either still
     * there, whole, or gone.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     * @throws IllegalStateException if the backend is closed
     */
    @Override
    public Async<Void> delete(String key) {
        return write(WriteBatch.builder().delete(key).build());
    }

    /**
     * Returns whether a file for {@code key} exists; its record is not checked.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     * @throws IllegalStateException if the backend is closed
     */
    @Override
    public Async<Boolean> exists(String key) {
        Keys.requireValid(key);
        String fileName = FileNames.forKey(key);
        return readNowOrQueue(key, () -> isRegularFile(fileName));
    }

    /**
     * Returns the keys of the data files: escaped names are decoded, hashed names are named by
     * the key in their record's header (a hashed file whose header is unreadable or does not
     * match its name is left out). Foreign and temporary files are never listed.
     *
     * @throws IllegalStateException if the backend is closed
     */
    @Override
    public Async<List<String>> listKeys() {
        return submit(null, false, () -> {
            List<String> keys = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String fileName = entry.getFileName().toString();
                    String key = FileNames.keyOf(fileName);
                    boolean hashed = key == null && FileNames.isHashed(fileName);
                    if ((key == null && !hashed) || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    if (hashed) {
                        key = keyOfHashedFile(entry, fileName);
                    }
                    if (key != null) {
                        keys.add(key);
                    }
                }
            }
            return keys;
        });
    }

    /**
     * Returns the total size of the data files, the usable space of the file store, and the
     * number of data files (including any hashed file {@link #listKeys} cannot name).
     *
     * @throws IllegalStateException if the backend is closed
     */
    @Override
    public Async<StorageInfo> info() {
        return submit(null, false, () -> {
            long used = 0;
            long count = 0;
            for (Path file : dataFiles()) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                used += attributes.size();
                count++;
            }
            long free = Files.getFileStore(dir).getUsableSpace();
            return new StorageInfo(used, OptionalLong.of(Math.max(0, free)), count);
        });
    }

    /**
     * Deletes every data file, then syncs the directory once; foreign files stay. Failure
     * atomicity: none across keys; each file is either whole or gone, and a failure stops at
     * the first file that could not be deleted.
     *
     * @throws IllegalStateException if the backend is closed
     */
    @Override
    public Async<Void> clear() {
        pending.beginEveryKey();
        try {
            return submit(null, true, () -> {
                lock.check(null);
                boolean changed = false;
                for (Path file : dataFiles()) {
                    changed |= disk.delete(file);
                }
                if (changed) {
                    syncDirectory();
                }
                return null;
            }, pending::endEveryKey);
        } catch (RuntimeException e) {
            pending.endEveryKey();
            throw e;
        }
    }

    /**
     * Applies {@code batch} durably with one directory sync: writes and forces a temporary
     * file per put, renames each over its key's file, deletes the deleted keys, then syncs the
     * directory. Failure atomicity: each entry is atomic (old value or new, never a mixture).
     * A failure while writing the temporary files (the usual case: disk full, permissions,
     * I/O error) changes nothing. A failure during the renames and deletes, which only touch
     * directory entries, leaves the entries before the failing one applied and the rest not.
     * A crash in that window may apply any subset of the entries, each whole. Conditional
     * entries are checked on the worker, under the directory lock, before anything is written:
     * a mismatch fails the batch with {@link ConflictException} and changes nothing.
     *
     * @throws NullPointerException if {@code batch} is null
     * @throws IllegalStateException if the backend is closed
     */
    @Override
    public Async<Void> write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        List<WriteBatch.Entry> entries = batch.entries();
        String failureKey = entries.size() == 1 ? entries.get(0).key() : null;
        if (entries.isEmpty()) {
            return submit(null, true, () -> null);
        }
        for (WriteBatch.Entry entry : entries) {
            if (!entry.isDelete() && entry.value().length > MAX_VALUE_BYTES) {
                if (closed) {
                    throw new IllegalStateException("backend is closed: " + name);
                }
                return Async.failed(new QuotaExceededException(name, entry.key(), "a value of "
                        + entry.value().length + " bytes exceeds the limit of " + MAX_VALUE_BYTES + " bytes", null));
            }
        }
        for (WriteBatch.Entry entry : entries) {
            pending.begin(entry.key());
        }
        Runnable settled = () -> {
            for (WriteBatch.Entry entry : entries) {
                pending.end(entry.key());
            }
        };
        try {
            return submit(failureKey, true, () -> {
                lock.check(failureKey);
                apply(entries);
                return null;
            }, settled);
        } catch (RuntimeException e) {
            settled.run();
            throw e;
        }
    }

    /**
     * Waits for the operations already submitted, then releases the directory lock and, if the
     * backend owns its worker thread, stops it. Later operations throw
     * {@link IllegalStateException}. Idempotent.
     *
     * @throws IllegalStateException if called from a callback running on the backend's worker,
     *     which would wait for itself
     */
    @Override
    public void close() {
        if (worker.inTask()) {
            throw new IllegalStateException("close() must not be called on the backend's own worker thread");
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        CountDownLatch drained = new CountDownLatch(1);
        worker.execute(new SerialExecutor.Task() {
            @Override
            public void run() {
                drained.countDown();
            }

            @Override
            public void reject(RuntimeException cause) {
                drained.countDown();
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                drained.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        closeQuietly(handle);
        lock.release();
        if (ownedPool != null) {
            ownedPool.shutdown();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FileSystemBackend[" + dir + (closed ? ", closed]" : "]");
    }

    // ---- on the worker -------------------------------------------------------------------

    /**
     * Reads and checks {@code key}'s record; absent when there is none. Anything under the key's
     * name that is not a regular file, or is larger than the largest record, is corruption.
     */
    private Versioned read(String key) throws IOException {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        long maxRecordBytes = (long) FileRecord.OVERHEAD + utf8.length + MAX_VALUE_BYTES;
        String fileName = FileNames.forUtf8(utf8);
        byte[] record;
        try {
            record = handle != null ? disk.read(handle, dir.getFileSystem().getPath(fileName), maxRecordBytes)
                    : disk.read(dir.resolve(fileName), maxRecordBytes);
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(dir)) {
                throw new BackendUnavailableException(name, key, "directory " + dir + " no longer exists", e);
            }
            return new Versioned(null, Versioned.ABSENT);
        } catch (Disk.UnexpectedFileException e) {
            throw new CorruptedDataException(name, key, "not a record: " + e.getMessage(), e);
        }
        return FileRecord.decode(name, key, utf8, record);
    }

    /** Returns whether {@code fileName} is a regular file (a symbolic link is not followed). */
    private boolean isRegularFile(String fileName) {
        if (handle == null) {
            return Files.isRegularFile(dir.resolve(fileName), LinkOption.NOFOLLOW_LINKS);
        }
        try {
            return handle.getFileAttributeView(dir.getFileSystem().getPath(fileName), BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes().isRegularFile();
        } catch (IOException e) {
            return false;
        }
    }

    private void apply(List<WriteBatch.Entry> entries) throws IOException {
        for (WriteBatch.Entry entry : entries) {
            if (entry.isConditional()) {
                long found = read(entry.key()).version();
                if (found != entry.expected()) {
                    throw new ConflictException(name, entry.key(), entry.expected(), found);
                }
            }
        }
        List<WriteBatch.Entry> puts = new ArrayList<>(entries.size());
        List<Path> temps = new ArrayList<>(entries.size());
        for (WriteBatch.Entry entry : entries) {
            if (!entry.isDelete()) {
                puts.add(entry);
                temps.add(dir.resolve(FileNames.temp(nextTempId.getAndIncrement())));
            }
        }
        int renamed = 0;
        String current = null;
        try {
            writeTemporaryFiles(puts, temps);
            boolean changed = false;
            int put = 0;
            for (WriteBatch.Entry entry : entries) {
                current = entry.key();
                if (entry.isDelete()) {
                    changed |= disk.delete(dir.resolve(FileNames.forKey(entry.key())));
                } else {
                    disk.rename(temps.get(put), dir.resolve(FileNames.forKey(entry.key())));
                    put++;
                    renamed = put;
                    changed = true;
                }
            }
            current = null;
            if (changed) {
                syncDirectory();
            }
        } catch (IOException | RuntimeException e) {
            for (int i = renamed; i < temps.size(); i++) {
                try {
                    disk.delete(temps.get(i));
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof IOException && !(e instanceof KeyedIoException) && current != null) {
                throw new KeyedIoException(current, (IOException) e);
            }
            throw e;
        }
    }

    /**
     * Writes and forces one temporary file per put; several in parallel on the sync pool, since
     * file systems commit concurrent syncs together (ext4 measured 3 to 10 times faster with 8).
     * Waits for all of them, then reports the failure of the earliest failing entry.
     */
    private void writeTemporaryFiles(List<WriteBatch.Entry> puts, List<Path> temps) throws IOException {
        if (puts.size() == 1) {
            WriteBatch.Entry only = puts.get(0);
            try {
                disk.writeDurably(temps.get(0), FileRecord.encode(only.key(), only.version(), only.value()));
            } catch (IOException e) {
                throw new KeyedIoException(only.key(), e);
            }
            return;
        }
        List<Future<?>> writes = new ArrayList<>(puts.size());
        for (int i = 0; i < puts.size(); i++) {
            WriteBatch.Entry entry = puts.get(i);
            Path temp = temps.get(i);
            writes.add(SyncPool.POOL.submit(() -> {
                disk.writeDurably(temp, FileRecord.encode(entry.key(), entry.version(), entry.value()));
                return null;
            }));
        }
        Throwable first = null;
        String firstKey = null;
        boolean interrupted = false;
        for (int i = 0; i < writes.size(); i++) {
            while (true) {
                try {
                    writes.get(i).get();
                    break;
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                        firstKey = puts.get(i).key();
                    }
                    break;
                } catch (InterruptedException e) {
                    // The temporary files must be settled before the caller may clean them up.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first instanceof IOException) {
            throw new KeyedIoException(firstKey, (IOException) first);
        }
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first instanceof Error) {
            throw (Error) first;
        }
    }

    private void syncDirectory() throws IOException {
        if (SYNC_DIRECTORIES) {
            disk.syncDirectory(dir);
        }
    }

    private List<Path> dataFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if ((FileNames.keyOf(fileName) != null || FileNames.isHashed(fileName))
                        && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(entry);
                }
            }
        }
        return files;
    }

    private String keyOfHashedFile(Path file, String fileName) throws IOException {
        long size;
        byte[] prefix;
        try (FileChannel channel = Disk.openRegular(file); InputStream in = Channels.newInputStream(channel)) {
            size = channel.size();
            byte[] lengthPart = in.readNBytes(FileRecord.headerLength(0));
            if (lengthPart.length < FileRecord.headerLength(0)) {
                return null;
            }
            int keyLength = java.nio.ByteBuffer.wrap(lengthPart).getInt(5);
            if (keyLength <= 0 || keyLength > size - FileRecord.OVERHEAD_1) {
                return null;
            }
            byte[] keyPart = in.readNBytes(keyLength);
            prefix = new byte[lengthPart.length + keyPart.length];
            System.arraycopy(lengthPart, 0, prefix, 0, lengthPart.length);
            System.arraycopy(keyPart, 0, prefix, lengthPart.length, keyPart.length);
        } catch (NoSuchFileException | Disk.UnexpectedFileException e) {
            return null;
        }
        String key = FileRecord.keyInHeader(prefix, size);
        // The key must be valid and really hash to this name, or the file is not a record of ours
        // for any key we could hand out.
        if (key == null || !isValidKey(key) || !FileNames.forKey(key).equals(fileName)) {
            return null;
        }
        return key;
    }

    private void sweepTemporaryFiles() throws IOException {
        boolean deleted = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (FileNames.isTemp(entry.getFileName().toString())) {
                    deleted |= disk.delete(entry);
                }
            }
        }
        if (deleted) {
            syncDirectory();
        }
    }

    // ---- plumbing -------------------------------------------------------------------------

    /** File work that may fail with an {@link IOException}. */
    @FunctionalInterface
    private interface IoWork<T> {
        T run() throws IOException;
    }

    /** Threads that write and force a batch's temporary files in parallel; created on first use. */
    private static final class SyncPool {
        static final int THREADS = 8;
        static final ExecutorService POOL = create();

        private static ExecutorService create() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread thread = new Thread(task, "keepsake-fs-sync");
                        thread.setDaemon(true);
                        return thread;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }

    private <T> Async<T> submit(String key, boolean writing, IoWork<T> work) {
        return submit(key, writing, work, () -> { });
    }

    /**
     * Queues {@code work} on the worker; {@code settled} runs once it has finished (or was
     * refused), before its {@code Async} completes.
     */
    private <T> Async<T> submit(String key, boolean writing, IoWork<T> work, Runnable settled) {
        if (closed) {
            throw new IllegalStateException("backend is closed: " + name);
        }
        Async.Completer<T> completer = Async.completer();
        worker.execute(new SerialExecutor.Task() {
            @Override
            public void run() {
                T result = null;
                Throwable failure = null;
                try {
                    result = work.run();
                } catch (KeyedIoException e) {
                    failure = IoFailures.map(name, e.key, writing, dir, e.io);
                } catch (IOException e) {
                    failure = IoFailures.map(name, key, writing, dir, e);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    settled.run();
                }
                if (failure != null) {
                    completer.fail(failure);
                } else {
                    completer.complete(result);
                }
            }

            @Override
            public void reject(RuntimeException cause) {
                settled.run();
                completer.fail(new BackendUnavailableException(name, key, "the executor refused the operation", cause));
            }
        });
        return completer.async();
    }

    /**
     * Runs the read {@code work} of {@code key} on the calling thread when the backend owns its
     * worker and no write of {@code key} is waiting or running, else queues it like any
     * operation. A read interrupted on the caller's thread (its channel closed by the interrupt)
     * is queued instead, so the caller's interrupt never fails a read it would not have failed
     * before.
     */
    private <T> Async<T> readNowOrQueue(String key, IoWork<T> work) {
        if (ownedPool == null || !pending.isIdle(key)) {
            return submit(key, false, work);
        }
        if (closed) {
            throw new IllegalStateException("backend is closed: " + name);
        }
        try {
            return Async.of(work.run());
        } catch (ClosedByInterruptException e) {
            return submit(key, false, work);
        } catch (IOException e) {
            return Async.failed(IoFailures.map(name, key, false, dir, e));
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
    }

    /**
     * Opens {@code dir} to read records relative to it, or returns null where the platform
     * offers no {@link SecureDirectoryStream}.
     */
    private static SecureDirectoryStream<Path> openHandle(Path dir) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        return null;
    }

    private static void closeQuietly(DirectoryStream<Path> stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // A directory opened only to read through; there is nothing to lose.
        }
    }

    private static boolean isValidKey(String key) {
        try {
            Keys.requireValid(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An {@link IOException} tagged with the key of the batch entry it concerns. */
    private static final class KeyedIoException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final IOException io;

        KeyedIoException(String key, IOException io) {
            super(io.getMessage(), io);
            this.key = key;
            this.io = io;
        }
    }
}
