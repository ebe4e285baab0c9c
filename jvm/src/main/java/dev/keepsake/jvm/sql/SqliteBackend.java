package dev.keepsake.jvm.sql;

import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.CorruptedDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.sqlite.SQLiteConfig;

/**
 * A backend that keeps every entry in one SQLite database file, through sqlite-jdbc.
 *
 * <p>Stored format: one table, {@code keepsake_entries(key BLOB PRIMARY KEY, value BLOB NOT
 * NULL, version INTEGER NOT NULL DEFAULT 1)}, where {@code key} is the UTF-8 encoding of the key
 * and {@code version} the entry's {@link dev.keepsake.core.backend.Versioned version}. BLOBs compare with
 * {@code memcmp} (no collation), so keys that differ only by case or Unicode normalisation
 * are distinct, and keys containing U+0000 round-trip. The file is marked as ours by
 * {@code PRAGMA application_id = 0x4B53514C} ("KSQL") and {@code PRAGMA user_version = 2}. A
 * file of schema version 1 (no {@code version} column) gains the column, every existing entry
 * at version 1, when it is first opened; a library that predates versions then refuses it
 * rather than write without changing versions.
 *
 * <p>Durability: the database runs in WAL mode with {@code synchronous=FULL} by default, so
 * a completed write survives a process crash and a power loss. A batch is one transaction:
 * all of it or nothing is visible after a crash. {@link Synchronous#NORMAL} trades the last
 * transactions on power loss (never consistency) for speed.
 *
 * <p>Failure atomicity: every mutating operation is a transaction; when it fails the
 * previous values are intact. Errors map as follows: disk full or {@link Builder#maxSizeBytes}
 * reached is {@code QuotaExceededException}; a read-only file or directory is
 * {@code AccessDeniedException}; a database locked by another connection for longer than
 * {@link Builder#busyTimeout} is {@code WriteFailedException} / {@code ReadFailedException};
 * a file that is not a SQLite database, or damaged pages, are {@code CorruptedDataException}
 * (restore a backup); a valid SQLite database that another application owns, or one written
 * by a newer Keepsake schema, is {@code BackendUnavailableException} (Keepsake never writes
 * into it; choose another file).
 *
 * <p>{@code info()} counts key plus value bytes and entries (scanning the table); its available
 * space is the file system's usable space plus the free pages inside the file, capped by
 * {@link Builder#maxSizeBytes} when set.
 *
 * <p>Threads: one connection, guarded by a lock, runs every operation on a worker executor
 * (by default one daemon thread owned by this backend); the returned {@code Async} completes
 * on that worker, so callbacks run there and must not block on this backend. With the
 * backend's own worker, a {@code load}, {@code loadVersioned} or {@code exists} of a key that
 * no waiting or running write of this backend touches runs on the calling thread instead (on
 * the writer's connection when no operation holds it, else on one of up to four read-only
 * connections opened on first use), and returns a completed
 * {@code Async}: in WAL mode readers do not wait for the writer, and such a read still sees
 * every write this backend acknowledged or was asked for before it. Several
 * processes may open the same file; SQLite serialises their writes.
 *
 * <p>Non-goals: encryption, cross-file transactions, network file systems (SQLite's locking
 * is unreliable on them).
 */
public final class SqliteBackend extends JdbcBackend {

    /** How hard SQLite syncs to disk ({@code PRAGMA synchronous}) in WAL mode. */
    public enum Synchronous {
        /** Syncs at checkpoints only: a power loss may undo the last commits, never corrupts. */
        NORMAL,
        /** Syncs the WAL at every commit: a completed write survives power loss. The default. */
        FULL,
        /** Like FULL, and also syncs the directory after creating or removing the WAL. */
        EXTRA
    }

    static final int APPLICATION_ID = 0x4B53514C;
    static final int SCHEMA_VERSION = 2;
    static final String TABLE = "keepsake_entries";

    private final Path file;

    private SqliteBackend(Builder builder) {
        super(new JdbcStore("sqlite", new Dialect(builder), builder.executor));
        this.file = builder.file;
    }

    /**
     * Opens (creating if needed) the database {@code file} with the default settings.
     *
     * @throws NullPointerException if {@code file} is null
     * @throws dev.keepsake.core.error.PersistenceException if the file cannot be opened, is
     *     damaged, or is not a Keepsake database
     */
    public static SqliteBackend open(Path file) {
        return builder(file).open();
    }

    /**
     * Returns a builder for a backend on {@code file}. Every character of the path names the
     * file: a {@code ?}, {@code #} or {@code %} in it is part of the name, never URI options.
     *
     * @throws NullPointerException if {@code file} is null
     */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** Returns the database file. */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "SqliteBackend[" + file + "]";
    }

    /**
     * Maps a SQLite result code (sqlite-jdbc may report an extended code; the low byte is the
     * primary one) to how it is reported; package-private for the mapping test.
     */
    static SqlFailures.Failure classifyCode(int code) {
        switch (code & 0xff) {
            case 13: // SQLITE_FULL: the disk, or max_page_count
                return SqlFailures.Failure.FULL;
            case 3: // SQLITE_PERM
            case 8: // SQLITE_READONLY
            case 23: // SQLITE_AUTH
                return SqlFailures.Failure.DENIED;
            case 14: // SQLITE_CANTOPEN
                return SqlFailures.Failure.UNAVAILABLE;
            case 11: // SQLITE_CORRUPT
            case 26: // SQLITE_NOTADB
                return SqlFailures.Failure.CORRUPT;
            case 5: // SQLITE_BUSY, after the busy timeout
            case 6: // SQLITE_LOCKED
                return SqlFailures.Failure.BUSY;
            default:
                return SqlFailures.Failure.OTHER;
        }
    }

    /** Validating builder; not thread-safe. */
    public static final class Builder {
        private final Path file;
        private Duration busyTimeout = Duration.ofSeconds(5);
        private Synchronous synchronous = Synchronous.FULL;
        private long maxSizeBytes = -1;
        private Executor executor;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /**
         * Sets how long an operation waits for a lock held by another connection before it
         * fails; default 5 seconds.
         *
         * @throws IllegalArgumentException if negative or longer than one hour
         */
        public Builder busyTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("busy timeout must be between 0 and 1 hour: " + timeout);
            }
            this.busyTimeout = timeout;
            return this;
        }

        /** Sets the sync level; default {@link Synchronous#FULL}. */
        public Builder synchronous(Synchronous level) {
            this.synchronous = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * Caps the database file at about {@code bytes} (rounded down to whole pages); a write
         * that would grow it further fails with {@code QuotaExceededException}.
         *
         * @throws IllegalArgumentException if smaller than 64 KiB
         */
        public Builder maxSizeBytes(long bytes) {
            if (bytes < 65536) {
                throw new IllegalArgumentException("max size must be at least 65536 bytes: " + bytes);
            }
            this.maxSizeBytes = bytes;
            return this;
        }

        /**
         * Runs operations on {@code executor} instead of a worker thread owned by the backend;
         * the backend never shuts it down. Operations still run one at a time.
         * {@code Runnable::run} runs each on the calling thread, which saves the hand-off
         * (a few microseconds per read) but blocks the caller for the I/O.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Opens the database, creating the file and its table when absent.
         *
         * @throws dev.keepsake.core.error.PersistenceException if it cannot be opened, is
         *     damaged, or belongs to someone else
         */
        public SqliteBackend open() {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new BackendUnavailableException("sqlite", null, "directory " + parent + " does not exist", null);
            }
            SqliteBackend backend = new SqliteBackend(this);
            try {
                backend.store.open(file.toString());
            } catch (RuntimeException e) {
                backend.close();
                throw e;
            }
            return backend;
        }
    }

    /** SQLite's settings, schema check and error codes. */
    private static final class Dialect implements JdbcStore.Dialect {
        private final Path file;
        private final Duration busyTimeout;
        private final Synchronous synchronous;
        private final long maxSizeBytes;

        Dialect(Builder b) {
            this.file = b.file;
            this.busyTimeout = b.busyTimeout;
            this.synchronous = b.synchronous;
            this.maxSizeBytes = b.maxSizeBytes;
        }

        @Override
        public Connection connect() throws SQLException {
            Properties props = new Properties();
            props.setProperty("busy_timeout", Long.toString(busyTimeout.toMillis()));
            // A write transaction takes the write lock at BEGIN, so that waiting for it goes
            // through the busy timeout instead of failing at once on upgrade.
            props.setProperty("transaction_mode", "IMMEDIATE");
            // A file: URI, in which '?', '#' and '%' are percent-encoded, so that every character
            // of the path names the file: sqlite-jdbc reads what follows a bare '?' as options.
            Connection c;
            try {
                c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath().toUri(), props);
            } catch (SQLException e) {
                throw deniedOrSame(e);
            }
            if (c == null) {
                throw new SQLException("sqlite-jdbc refused the URL for " + file);
            }
            try {
                prepareWhenFree(c);
                return c;
            } catch (SQLException e) {
                c.close();
                throw deniedOrSame(e);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }

        /**
         * Runs {@link #prepare}, again after a short pause while it fails with SQLITE_BUSY or
         * SQLITE_LOCKED, until the busy timeout has passed. Several processes opening one new
         * file at once meet each other's first writes, and SQLite refuses some of those steps
         * at once instead of waiting through the busy timeout (seen: switching the journal to
         * WAL, about one in 200 opens of a new file by four connections at once). Each step of
         * {@code prepare} is safe to repeat.
         */
        private void prepareWhenFree(Connection c) throws SQLException {
            long deadline = System.nanoTime() + busyTimeout.toNanos();
            for (int attempt = 1; ; attempt++) {
                try {
                    prepare(c);
                    return;
                } catch (SQLException e) {
                    if (classifyCode(e.getErrorCode()) != SqlFailures.Failure.BUSY || System.nanoTime() >= deadline) {
                        throw e;
                    }
                }
                try {
                    Thread.sleep(Math.min(50, 2L * attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for " + file + " to be free", e);
                }
            }
        }

        /**
         * Opens the file read-only ({@code SQLITE_OPEN_READONLY}) for reads beside the writer:
         * the writer's connection has checked the schema and switched the file to WAL, where
         * readers never wait for the writer.
         */
        @Override
        public Connection connectReader() throws SQLException {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout((int) busyTimeout.toMillis());
            return new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath().toUri(), config.toProperties());
        }

        /**
         * Returns {@code e}, or an {@link AccessDeniedException} when SQLite could not open the
         * file because it, or its directory (where the WAL and shared-memory files go), may not
         * be written: SQLite reports both as SQLITE_CANTOPEN, like a missing directory.
         */
        private SQLException deniedOrSame(SQLException e) {
            if ((e.getErrorCode() & 0xff) != 14) {
                return e;
            }
            Path absolute = file.toAbsolutePath();
            Path parent = absolute.getParent();
            boolean fileDenied = Files.exists(absolute) && !Files.isWritable(absolute);
            boolean dirDenied = parent != null && Files.isDirectory(parent) && !Files.isWritable(parent);
            if (fileDenied || dirDenied) {
                throw new AccessDeniedException("sqlite", null, (fileDenied ? absolute : parent)
                        + " may not be written (SQLite needs to write the database and, beside it, its WAL"
                        + " and shared-memory files)", e);
            }
            return e;
        }

        private void prepare(Connection c) throws SQLException {
            // Check ownership before writing anything: switching a foreign database to WAL
            // would already modify it.
            int applicationId = (int) intPragma(c, "application_id");
            if (applicationId == 0) {
                if (count(c, "SELECT count(*) FROM sqlite_schema") == 0) {
                    initialise(c);
                }
                // Read again: each read above is its own transaction, so another process may
                // have initialised the file (table and marker in one commit) between them.
                applicationId = (int) intPragma(c, "application_id");
            }
            if (applicationId != APPLICATION_ID) {
                throw new BackendUnavailableException("sqlite", null, file + " is a SQLite database of another"
                        + " application (application_id 0x" + Integer.toHexString(applicationId)
                        + "); Keepsake does not write into it", null);
            }
            long version = intPragma(c, "user_version");
            if (version == 1) {
                version = addVersionColumn(c);
            }
            if (version > SCHEMA_VERSION) {
                throw new BackendUnavailableException("sqlite", null, file + " has Keepsake schema version "
                        + version + ", newer than this library's " + SCHEMA_VERSION, null);
            }
            if (version != SCHEMA_VERSION
                    || count(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + TABLE
                            + "'") != 1) {
                throw new CorruptedDataException("sqlite", null, file + " carries the Keepsake marker but its "
                        + TABLE + " table or schema version " + version + " is missing", null);
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "?";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new BackendUnavailableException("sqlite", null,
                            "could not switch " + file + " to WAL (journal mode is " + mode + ")", null);
                }
            }
            JdbcStore.execute(c, "PRAGMA synchronous = " + synchronous.name());
            if (maxSizeBytes > 0) {
                long pageSize = intPragma(c, "page_size");
                JdbcStore.execute(c, "PRAGMA max_page_count = " + Math.max(1, maxSizeBytes / pageSize));
            }
        }

        /** Migrates schema version 1 to 2 (adds the version column); returns the version after. */
        private static long addVersionColumn(Connection c) throws SQLException {
            c.setAutoCommit(false);
            try {
                // BEGIN IMMEDIATE holds the write lock: another process may have migrated it first.
                if (intPragma(c, "user_version") == 1
                        && count(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + TABLE
                                + "'") == 1) {
                    JdbcStore.execute(c, "ALTER TABLE " + TABLE + " ADD COLUMN version INTEGER NOT NULL DEFAULT 1");
                    JdbcStore.execute(c, "PRAGMA user_version = " + SCHEMA_VERSION);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return intPragma(c, "user_version");
        }

        private static void initialise(Connection c) throws SQLException {
            c.setAutoCommit(false);
            try {
                // Another process may have initialised it between our check and our lock.
                if (count(c, "SELECT count(*) FROM sqlite_schema") == 0 && intPragma(c, "application_id") == 0) {
                    JdbcStore.execute(c, "CREATE TABLE " + TABLE
                            + " (key BLOB PRIMARY KEY NOT NULL, value BLOB NOT NULL, version INTEGER NOT NULL "
                            + "DEFAULT 1)");
                    JdbcStore.execute(c, "PRAGMA application_id = " + APPLICATION_ID);
                    JdbcStore.execute(c, "PRAGMA user_version = " + SCHEMA_VERSION);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }

        @Override
        public String upsertSql() {
            return "INSERT INTO " + TABLE + " (key, value, version) VALUES (?, ?, ?)"
                    + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version";
        }

        @Override
        public String table() {
            return TABLE;
        }

        @Override
        public StorageInfo info(Connection c, long entries, long payloadBytes) throws SQLException {
            long pageSize = intPragma(c, "page_size");
            long freePages = intPragma(c, "freelist_count");
            long available;
            try {
                available = Files.getFileStore(file.toAbsolutePath()).getUsableSpace() + freePages * pageSize;
            } catch (IOException e) {
                return new StorageInfo(payloadBytes, OptionalLong.empty(), entries);
            }
            if (maxSizeBytes > 0) {
                long pages = intPragma(c, "page_count");
                long maxPages = intPragma(c, "max_page_count");
                available = Math.min(available, (Math.max(0, maxPages - pages) + freePages) * pageSize);
            }
            return new StorageInfo(payloadBytes, OptionalLong.of(available), entries);
        }

        @Override
        public SqlFailures.Failure classify(SQLException e) {
            return classifyCode(e.getErrorCode());
        }

        private static long intPragma(Connection c, String pragma) throws SQLException {
            return count(c, "PRAGMA " + pragma);
        }

        private static long count(Connection c, String sql) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
