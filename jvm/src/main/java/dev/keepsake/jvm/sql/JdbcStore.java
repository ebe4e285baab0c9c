package dev.keepsake.jvm.sql;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Keys;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.ConflictException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.NotFoundException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.ReadFailedException;
import dev.keepsake.core.error.WriteFailedException;
import dev.keepsake.jvm.internal.PendingWrites;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The key-value table both SQL backends share: one JDBC connection guarded by a lock, its
 * prepared statements kept for the connection's life, every operation run on a worker
 * executor, and SQL failures translated into Keepsake's typed errors by {@link SqlFailures}.
 * What differs between engines (opening and checking the schema, the DDL, the info query,
 * error classification) is the {@link Dialect}.
 *
 * <p>Table model: {@code key} holds the UTF-8 bytes of the key as a binary string (BLOB,
 * BYTEA) and is the primary key; {@code value} holds the value's bytes; {@code version} the
 * entry's version. A conditional entry is one statement guarded by {@code version = ?} (or an
 * insert that does nothing when the key exists), run in the batch's transaction before its
 * other puts and deletes; when it touches no row the transaction is rolled back and the batch
 * fails with {@link ConflictException}. UTF-8 of well-formed
 * UTF-16 is injective and binary strings compare byte by byte, so every valid key, including
 * ones with U+0000 (which PostgreSQL's TEXT rejects), round-trips exactly and no collation
 * can merge two keys.
 *
 * <p>Why one connection and not a pool: SQLite admits one writer at a time anyway, a single
 * connection keeps the prepared statements hot, and ordering is simple: operations of one
 * backend apply in the order the executor runs them. Parallelism across processes (or across
 * several backends on one database) is the database's business.
 *
 * <p>Reads beside the writer: when the store owns its worker and the engine offers
 * {@linkplain Dialect#connectReader read connections} (SQLite in WAL mode, where readers never
 * wait for the writer), a point read ({@code load}, {@code loadVersioned}, {@code exists}) of a
 * key that no waiting or running write touches runs on the calling thread (on the writer's
 * connection while no operation holds it, else on one of a few pooled read connections), and
 * returns a completed {@code Async}: the hand-off to the worker
 * costs several times the read itself. It cannot miss a write called before it (that write is
 * still pending, so the read queues behind it on the worker) or one that completed (committed
 * before it completed, and each read is a new read transaction). If a read connection fails,
 * it is dropped and the read runs on the worker, which reports the failure as it always has.
 */
final class JdbcStore {

    /** What differs between SQL engines. */
    interface Dialect {

        /**
         * Opens a connection in auto-commit mode with the engine's settings applied and the
         * table verified or created.
         *
         * @throws PersistenceException when the database exists but is not one of ours
         */
        Connection connect() throws SQLException;

        /** Returns the statement that inserts or replaces a row: parameters key, value, version. */
        String upsertSql();

        /** Returns the quoted table name. */
        String table();

        /** Returns the space figures, given the entry count and the key plus value bytes. */
        StorageInfo info(Connection connection, long entries, long payloadBytes) throws SQLException;

        /** Classifies a failure the driver reported. */
        SqlFailures.Failure classify(SQLException e);

        /**
         * Opens a read-only connection to the database that {@link #connect} checked, for point
         * reads beside the writer, or returns null when reads must go through the writer's
         * connection.
         */
        default Connection connectReader() throws SQLException {
            return null;
        }
    }

    private static final int MAX_ATTEMPTS = 5;
    /** What {@link #readValue} returns for an absent key; compared by identity, never stored. */
    private static final byte[] NOT_STORED = new byte[0];
    /**
     * How long a connection may sit unused before the next operation checks it first (one
     * round trip): a server closes idle sessions (a timeout, a restart, an administrator), and
     * the driver only finds out when it next talks to it.
     */
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final Dialect dialect;
    private final SqlFailures failures;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final ReentrantLock lock = new ReentrantLock();
    private final PendingWrites pending = new PendingWrites();
    /** Read connections beside the worker's, or null when every read goes through the worker. */
    private final Readers readers;
    private volatile boolean closed;
    private Session session;

    /**
     * Creates the store; with a null {@code executor} it owns one daemon worker thread named
     * after the backend and shuts it down on {@link #close()}.
     */
    JdbcStore(String name, Dialect dialect, Executor executor) {
        this.name = name;
        this.dialect = dialect;
        this.failures = new SqlFailures(name, dialect::classify);
        if (executor == null) {
            this.ownedExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "keepsake-" + name + "-worker");
                t.setDaemon(true);
                return t;
            });
            this.executor = ownedExecutor;
            this.readers = new Readers();
        } else {
            this.ownedExecutor = null;
            this.executor = executor;
            this.readers = null;
        }
    }

    /**
     * Connects on the calling thread, so that an unusable database is reported at once.
     *
     * @throws PersistenceException if the database cannot be opened or is not ours
     */
    void open(String what) {
        lock.lock();
        try {
            session();
        } catch (SQLException e) {
            throw failures.translate(e, null, true, "opening " + what + " failed");
        } finally {
            lock.unlock();
        }
        if (ownedExecutor != null) {
            // The worker thread now, so that the first write does not wait for it to start.
            ownedExecutor.execute(() -> { });
        }
        if (readers != null) {
            // The first read connection now, so that the first reads do not pay for connecting.
            Reader first = readers.take();
            if (first != null) {
                readers.give(first);
            }
        }
    }

    String name() {
        return name;
    }

    Async<Void> write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            requireOpen();
            return Async.done();
        }
        String key = batch.size() == 1 ? batch.entries().get(0).key() : null;
        List<WriteBatch.Entry> entries = batch.entries();
        for (WriteBatch.Entry entry : entries) {
            pending.begin(entry.key());
        }
        Runnable settled = () -> {
            for (WriteBatch.Entry entry : entries) {
                pending.end(entry.key());
            }
        };
        try {
            return submit(key, true, "writing a batch of " + batch.size() + " failed", s -> {
                applyWithRetry(s, batch);
                return null;
            }, settled);
        } catch (RuntimeException e) {
            settled.run();
            throw e;
        }
    }

    Async<byte[]> load(String key) {
        Keys.requireValid(key);
        byte[] k = encode(key);
        byte[] beside = readBeside(key, r -> readValue(r.value, k));
        if (beside == NOT_STORED) {
            return Async.failed(new NotFoundException(name, key, "no value stored", null));
        }
        if (beside != null) {
            return Async.of(beside);
        }
        return loadVersioned(key).map(read -> {
            if (read.value() == null) {
                throw new NotFoundException(name, key, "no value stored", null);
            }
            return read.value();
        });
    }

    /** Returns the value under {@code key}, or null: {@link #load} without the version or the exception. */
    Async<byte[]> loadOrNull(String key) {
        Keys.requireValid(key);
        byte[] k = encode(key);
        byte[] beside = readBeside(key, r -> readValue(r.value, k));
        if (beside != null) {
            return Async.of(beside == NOT_STORED ? null : beside);
        }
        return submit(key, false, "reading failed", s -> readVersioned(s.load, k).value());
    }

    Async<Versioned> loadVersioned(String key) {
        Keys.requireValid(key);
        byte[] k = encode(key);
        Versioned beside = readBeside(key, r -> readVersioned(r.load, k));
        if (beside != null) {
            return Async.of(beside);
        }
        return submit(key, false, "reading failed", s -> readVersioned(s.load, k));
    }

    /** Returns the value under {@code key}, or {@link #NOT_STORED}. */
    private static byte[] readValue(PreparedStatement value, byte[] key) throws SQLException {
        value.setBytes(1, key);
        try (ResultSet rs = value.executeQuery()) {
            if (!rs.next()) {
                return NOT_STORED;
            }
            byte[] bytes = rs.getBytes(1);
            // sqlite-jdbc returns null for a zero-length BLOB; the column is NOT NULL.
            return bytes == null ? new byte[0] : bytes;
        }
    }

    private static Versioned readVersioned(PreparedStatement load, byte[] key) throws SQLException {
        load.setBytes(1, key);
        try (ResultSet rs = load.executeQuery()) {
            if (!rs.next()) {
                return new Versioned(null, Versioned.ABSENT);
            }
            byte[] value = rs.getBytes(1);
            // sqlite-jdbc returns null for a zero-length BLOB; the column is NOT NULL.
            return new Versioned(value == null ? new byte[0] : value, rs.getLong(2));
        }
    }

    Async<Boolean> exists(String key) {
        Keys.requireValid(key);
        byte[] k = encode(key);
        Boolean beside = readBeside(key, r -> exists(r.exists, k));
        if (beside != null) {
            return Async.of(beside);
        }
        return submit(key, false, "checking existence failed", s -> exists(s.exists, k));
    }

    private static boolean exists(PreparedStatement exists, byte[] key) throws SQLException {
        exists.setBytes(1, key);
        try (ResultSet rs = exists.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Runs the point read {@code work} of {@code key} on the calling thread, if the store has
     * read connections and no write of {@code key} is waiting or running; returns null when the
     * read must go through the worker instead (including when the connection failed: the worker
     * then reads again and reports the failure). When the writer's connection is free (no
     * operation runs on the worker) the read runs on it: its page cache stays valid across its
     * own commits, where a read connection's is dropped by every commit it did not make, and a
     * read right after a write would re-read those pages. Otherwise it runs on a read connection.
     */
    private <T> T readBeside(String key, ReadWork<T> work) {
        if (readers == null || readers.unavailable || !pending.isIdle(key)) {
            return null;
        }
        requireOpen();
        if (lock.tryLock()) {
            try {
                Session s = session;
                if (s != null && !s.broken && !closed) {
                    return work.run(s.reads);
                }
            } catch (SQLException | RuntimeException e) {
                // A read connection, or the worker, reads again; the worker reports a real problem.
            } finally {
                lock.unlock();
            }
        }
        Reader reader = readers.take();
        if (reader == null) {
            return null;
        }
        T result;
        try {
            result = work.run(reader.reads);
        } catch (SQLException | RuntimeException e) {
            readers.discard(reader);
            return null;
        }
        readers.give(reader);
        return result;
    }

    Async<List<String>> listKeys() {
        return submit(null, false, "listing keys failed", s -> {
            List<String> keys = new ArrayList<>();
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try (ResultSet rs = s.listKeys.executeQuery()) {
                while (rs.next()) {
                    byte[] raw = rs.getBytes(1);
                    try {
                        keys.add(decoder.decode(ByteBuffer.wrap(raw == null ? new byte[0] : raw)).toString());
                    } catch (CharacterCodingException e) {
                        throw new CorruptedDataException(name, null,
                                "a stored key is not valid UTF-8: " + hex(raw), e);
                    }
                }
            }
            return keys;
        });
    }

    Async<StorageInfo> info() {
        return submit(null, false, "reading storage figures failed", s -> {
            try (ResultSet rs = s.count.executeQuery()) {
                rs.next();
                return dialect.info(s.connection, rs.getLong(1), rs.getLong(2));
            }
        });
    }

    Async<Void> clear() {
        pending.beginEveryKey();
        try {
            return submit(null, true, "clearing failed", s -> {
                inTransaction(s, () -> s.clear.executeUpdate());
                return null;
            }, pending::endEveryKey);
        } catch (RuntimeException e) {
            pending.endEveryKey();
            throw e;
        }
    }

    /**
     * Refuses new operations, lets queued ones on an owned executor finish, and closes the
     * connection. Idempotent.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            try {
                ownedExecutor.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (readers != null) {
            // Before the writer's connection: SQLite checkpoints the WAL into the database and
            // removes the -wal and -shm files when the last connection closes, which a
            // read-only connection cannot do.
            readers.closeIdle();
        }
        lock.lock();
        try {
            dropSession();
        } finally {
            lock.unlock();
        }
    }

    // ---- machinery -----------------------------------------------------------------------

    private interface Work<T> {
        T run(Session session) throws SQLException;
    }

    private interface Update {
        void run() throws SQLException;
    }

    private interface ReadWork<T> {
        T run(PointReads reads) throws SQLException;
    }

    private <T> Async<T> submit(String key, boolean writing, String problem, Work<T> work) {
        return submit(key, writing, problem, work, () -> { });
    }

    /**
     * Runs {@code work} on the worker; {@code settled} runs once it has finished (or was
     * refused), before the result completes.
     *
     * @throws IllegalStateException if the store is closed ({@code settled} does not run)
     */
    private <T> Async<T> submit(String key, boolean writing, String problem, Work<T> work, Runnable settled) {
        requireOpen();
        Async.Completer<T> completer = Async.completer();
        try {
            executor.execute(() -> {
                T result;
                try {
                    result = runLocked(key, writing, problem, work);
                } catch (Throwable t) {
                    settled.run();
                    completer.fail(t);
                    return;
                }
                settled.run();
                completer.complete(result);
            });
        } catch (RejectedExecutionException e) {
            settled.run();
            completer.fail(new BackendUnavailableException(name, key, "the worker executor refused the operation", e));
        }
        return completer.async();
    }

    private <T> T runLocked(String key, boolean writing, String problem, Work<T> work) {
        lock.lock();
        try {
            if (closed && ownedExecutor == null) {
                throw new BackendUnavailableException(name, key, "the backend is closed", null);
            }
            Session s;
            try {
                s = session();
                if (System.nanoTime() - s.lastUsedNanos > IDLE_CHECK_NANOS && !s.isValid()) {
                    dropSession();
                    s = session();
                }
            } catch (SQLException e) {
                throw failures.translate(e, key, writing, "connecting failed");
            }
            try {
                return work.run(s);
            } catch (SQLException e) {
                if (s.broken || !s.isValid()) {
                    dropSession();
                }
                throw failures.translate(e, key, writing, problem);
            } catch (PersistenceException e) {
                throw e;
            } catch (RuntimeException e) {
                dropSession();
                throw writing ? new WriteFailedException(name, key, problem + ": " + e, e)
                        : new ReadFailedException(name, key, problem + ": " + e, e);
            } finally {
                s.lastUsedNanos = System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    private void applyWithRetry(Session s, WriteBatch batch) throws SQLException {
        List<WriteBatch.Entry> conditional = new ArrayList<>();
        List<EncodedPut> puts = new ArrayList<>();
        List<byte[]> deletes = new ArrayList<>();
        for (WriteBatch.Entry entry : batch.entries()) {
            if (entry.isConditional()) {
                conditional.add(entry);
            } else if (entry.isDelete()) {
                deletes.add(encode(entry.key()));
            } else {
                puts.add(new EncodedPut(encode(entry.key()), entry));
            }
        }
        // One lock order for every writer, so that concurrent batches over the same keys
        // wait for each other instead of deadlocking.
        conditional.sort((a, b) -> Arrays.compareUnsigned(encode(a.key()), encode(b.key())));
        puts.sort((a, b) -> Arrays.compareUnsigned(a.key, b.key));
        deletes.sort(Arrays::compareUnsigned);
        for (int attempt = 1; ; attempt++) {
            try {
                inTransaction(s, () -> {
                    applyIfVersion(s, conditional);
                    if (!puts.isEmpty()) {
                        for (EncodedPut put : puts) {
                            s.upsert.setBytes(1, put.key);
                            s.upsert.setBytes(2, put.entry.value());
                            s.upsert.setLong(3, put.entry.version());
                            s.upsert.addBatch();
                        }
                        s.upsert.executeBatch();
                    }
                    if (!deletes.isEmpty()) {
                        for (byte[] key : deletes) {
                            s.delete.setBytes(1, key);
                            s.delete.addBatch();
                        }
                        s.delete.executeBatch();
                    }
                });
                return;
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || failures.classify(e) != SqlFailures.Failure.RETRY || s.broken
                        || !s.isValid()) {
                    throw e;
                }
            }
        }
    }

    /** An unconditional put with its key in UTF-8, encoded once for sorting and binding. */
    private record EncodedPut(byte[] key, WriteBatch.Entry entry) {
    }

    /**
     * Applies the conditional entries inside the open transaction, as one JDBC batch per kind of
     * statement, or throws {@link ConflictException} (which rolls the transaction back) naming
     * the first entry whose key held another version.
     */
    private void applyIfVersion(Session s, List<WriteBatch.Entry> entries) throws SQLException {
        List<WriteBatch.Entry> updates = new ArrayList<>();
        List<WriteBatch.Entry> inserts = new ArrayList<>();
        List<WriteBatch.Entry> deletes = new ArrayList<>();
        for (WriteBatch.Entry entry : entries) {
            byte[] key = encode(entry.key());
            if (entry.expected() == Versioned.ABSENT && entry.isDelete()) {
                if (currentVersion(s, key) != Versioned.ABSENT) {
                    throw conflict(s, entry);
                }
            } else if (entry.expected() == Versioned.ABSENT) {
                s.insertIfAbsent.setBytes(1, key);
                s.insertIfAbsent.setBytes(2, entry.value());
                s.insertIfAbsent.setLong(3, entry.version());
                s.insertIfAbsent.addBatch();
                inserts.add(entry);
            } else if (entry.isDelete()) {
                s.deleteIfVersion.setBytes(1, key);
                s.deleteIfVersion.setLong(2, entry.expected());
                s.deleteIfVersion.addBatch();
                deletes.add(entry);
            } else {
                s.updateIfVersion.setBytes(1, entry.value());
                s.updateIfVersion.setLong(2, entry.version());
                s.updateIfVersion.setBytes(3, key);
                s.updateIfVersion.setLong(4, entry.expected());
                s.updateIfVersion.addBatch();
                updates.add(entry);
            }
        }
        checkEach(s, s.updateIfVersion, updates);
        checkEach(s, s.insertIfAbsent, inserts);
        checkEach(s, s.deleteIfVersion, deletes);
    }

    /** Runs {@code statement}'s batch; an entry whose statement changed no row is a conflict. */
    private void checkEach(Session s, PreparedStatement statement, List<WriteBatch.Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        int[] counts = statement.executeBatch();
        for (int i = 0; i < entries.size(); i++) {
            // SUCCESS_NO_INFO (-2) does not occur for these drivers' single-row statements.
            if (counts[i] != 1) {
                throw conflict(s, entries.get(i));
            }
        }
    }

    private ConflictException conflict(Session s, WriteBatch.Entry entry) throws SQLException {
        return new ConflictException(name, entry.key(), entry.expected(), currentVersion(s, encode(entry.key())));
    }

    private static long currentVersion(Session s, byte[] key) throws SQLException {
        s.version.setBytes(1, key);
        try (ResultSet rs = s.version.executeQuery()) {
            return rs.next() ? rs.getLong(1) : Versioned.ABSENT;
        }
    }

    /**
     * Runs {@code update} in one transaction; on any failure rolls back and rethrows. If the
     * rollback or the return to auto-commit fails too, the driver's idea of the transaction
     * state can no longer be trusted (sqlite-jdbc, after a BEGIN that timed out), so the
     * session is marked broken and replaced before the next operation.
     */
    private static void inTransaction(Session s, Update update) throws SQLException {
        Connection c = s.connection;
        boolean committed = false;
        try {
            c.setAutoCommit(false);
            update.run();
            c.commit();
            committed = true;
        } finally {
            if (!committed) {
                try {
                    s.upsert.clearBatch();
                    s.delete.clearBatch();
                    s.updateIfVersion.clearBatch();
                    s.insertIfAbsent.clearBatch();
                    s.deleteIfVersion.clearBatch();
                    c.rollback();
                } catch (SQLException | RuntimeException e) {
                    s.broken = true;
                }
            }
            try {
                c.setAutoCommit(true);
            } catch (SQLException | RuntimeException e) {
                s.broken = true;
            }
        }
    }

    private Session session() throws SQLException {
        if (session == null) {
            session = new Session(dialect.connect(), dialect);
        }
        return session;
    }

    private void dropSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    static byte[] encode(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        int n = bytes == null ? 0 : Math.min(bytes.length, 32);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit((bytes[i] >> 4) & 15, 16)).append(Character.forDigit(bytes[i] & 15, 16));
        }
        return bytes != null && bytes.length > 32 ? sb + "..." : sb.toString();
    }

    /**
     * A small pool of read connections, opened on first use (at most {@link #MAX} at once; a
     * read that finds none free goes through the worker). If the engine offers none, or opening
     * one fails, every later read goes through the worker.
     */
    private final class Readers {
        static final int MAX = 4;
        private final ConcurrentLinkedDeque<Reader> idle = new ConcurrentLinkedDeque<>();
        /** One idle reader kept aside: with one reading thread, one exchange instead of a deque's steps. */
        private final AtomicReference<Reader> spare = new AtomicReference<>();
        private final AtomicInteger open = new AtomicInteger();
        volatile boolean unavailable;

        /** Returns a free read connection, opening one if allowed, or null. */
        Reader take() {
            Reader reader = spare.getAndSet(null);
            if (reader == null) {
                reader = idle.pollFirst();
            }
            if (reader != null || unavailable) {
                return reader;
            }
            if (open.incrementAndGet() > MAX) {
                open.decrementAndGet();
                return null;
            }
            try {
                Connection c = dialect.connectReader();
                if (c != null) {
                    return new Reader(c, dialect.table());
                }
            } catch (SQLException | RuntimeException e) {
                // The worker's connection still reads; it reports any real problem itself.
            }
            unavailable = true;
            open.decrementAndGet();
            return null;
        }

        /** Returns {@code reader} to the pool, or closes it if the store closed meanwhile. */
        void give(Reader reader) {
            if (!spare.compareAndSet(null, reader)) {
                idle.addFirst(reader);
            }
            if (closed) {
                closeIdle();
            }
        }

        void discard(Reader reader) {
            reader.close();
            open.decrementAndGet();
        }

        void closeIdle() {
            Reader kept = spare.getAndSet(null);
            if (kept != null) {
                discard(kept);
            }
            for (Reader reader; (reader = idle.pollFirst()) != null; ) {
                discard(reader);
            }
        }
    }

    /** The point-read statements of one connection. */
    private static final class PointReads {
        final PreparedStatement load;
        final PreparedStatement value;
        final PreparedStatement exists;

        PointReads(Connection connection, String table) throws SQLException {
            load = connection.prepareStatement("SELECT value, version FROM " + table + " WHERE key = ?");
            value = connection.prepareStatement("SELECT value FROM " + table + " WHERE key = ?");
            exists = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE key = ?");
        }
    }

    /** A read connection and its point-read statements. */
    private static final class Reader {
        final Connection connection;
        final PointReads reads;

        Reader(Connection connection, String table) throws SQLException {
            this.connection = connection;
            try {
                reads = new PointReads(connection, table);
            } catch (SQLException | RuntimeException e) {
                Session.closeQuietly(connection);
                throw e;
            }
        }

        void close() {
            Session.closeQuietly(connection);
        }
    }

    /** One connection and the statements prepared on it. */
    private static final class Session {
        final Connection connection;
        final PreparedStatement upsert;
        final PreparedStatement delete;
        final PreparedStatement load;
        final PreparedStatement exists;
        /** The same point reads, for reads beside the worker while it is idle. */
        final PointReads reads;
        final PreparedStatement listKeys;
        final PreparedStatement count;
        final PreparedStatement clear;
        final PreparedStatement version;
        final PreparedStatement insertIfAbsent;
        final PreparedStatement updateIfVersion;
        final PreparedStatement deleteIfVersion;
        /** Set when the transaction state is unknown; the session is then replaced. */
        boolean broken;
        /** When the last operation on this connection ended ({@link System#nanoTime()}). */
        long lastUsedNanos = System.nanoTime();

        Session(Connection connection, Dialect dialect) throws SQLException {
            this.connection = connection;
            try {
                String t = dialect.table();
                upsert = connection.prepareStatement(dialect.upsertSql());
                delete = connection.prepareStatement("DELETE FROM " + t + " WHERE key = ?");
                reads = new PointReads(connection, t);
                load = reads.load;
                exists = reads.exists;
                listKeys = connection.prepareStatement("SELECT key FROM " + t);
                count = connection.prepareStatement(
                        "SELECT count(*), coalesce(sum(length(key) + length(value)), 0) FROM " + t);
                clear = connection.prepareStatement("DELETE FROM " + t);
                version = connection.prepareStatement("SELECT version FROM " + t + " WHERE key = ?");
                insertIfAbsent = connection.prepareStatement("INSERT INTO " + t
                        + " (key, value, version) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING");
                updateIfVersion = connection.prepareStatement("UPDATE " + t
                        + " SET value = ?, version = ? WHERE key = ? AND version = ?");
                deleteIfVersion = connection.prepareStatement("DELETE FROM " + t + " WHERE key = ? AND version = ?");
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                throw e;
            }
        }

        boolean isValid() {
            try {
                return connection.isValid(2);
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        }

        void close() {
            closeQuietly(connection);
        }

        private static void closeQuietly(Connection connection) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // Closing a broken connection can fail; there is nothing left to release.
            }
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}
