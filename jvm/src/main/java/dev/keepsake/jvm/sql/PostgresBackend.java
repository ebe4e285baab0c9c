package dev.keepsake.jvm.sql;

import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.error.BackendUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * A backend that keeps entries in one PostgreSQL table, through plain JDBC (pgjdbc).
 *
 * <p>Stored format: {@code <table>(key BYTEA PRIMARY KEY, value BYTEA NOT NULL, version BIGINT
 * NOT NULL DEFAULT 1)} with the table comment {@code keepsake:v2} as the schema marker;
 * {@code version} is the entry's {@link dev.keepsake.core.backend.Versioned version}. A table
 * marked {@code keepsake:v1} (no {@code version} column) gains the column, every existing entry
 * at version 1, when it is first opened; a library that predates versions then refuses it. {@code key} is the UTF-8
 * encoding
 * of the key: PostgreSQL's TEXT cannot hold U+0000, BYTEA holds every valid key exactly and
 * compares byte by byte (no collation), so keys that differ only by case or normalisation are
 * distinct. The table is created when missing (under an advisory lock, so several processes
 * may start at once); an existing table without the marker is refused with
 * {@code BackendUnavailableException}. Limit: PostgreSQL's B-tree rejects index entries over
 * about 2.7 KB, so keys longer than that (in UTF-8) fail with {@code WriteFailedException}.
 *
 * <p>Durability and atomicity: a batch is one transaction, {@code INSERT ... ON CONFLICT (key)
 * DO UPDATE} for the puts and {@code DELETE} for the deletes, committed as the server's
 * {@code synchronous_commit} setting makes durable. A failed batch is rolled back: nothing of
 * it is applied. If the connection is lost during a batch the operation fails with
 * {@code BackendUnavailableException}, the server discards the open transaction, and the next
 * operation reconnects; only a loss during the final COMMIT leaves the outcome unknown (still
 * all or nothing). Puts, then deletes, lock their rows in key order, so concurrent batches from
 * several processes seldom deadlock; when the server reports a deadlock or serialisation
 * failure, the rolled-back batch is retried (up to five attempts). A connection unused for
 * more than a second is checked (one round trip) before the next operation and replaced if
 * the server has closed it meanwhile (an idle timeout, a restart, {@code pg_terminate_backend}),
 * so that operation does not fail.
 *
 * <p>Error messages never carry stored values: the driver is told not to put server details
 * (which may quote a row) into its messages, and a failed batch reports the server's error,
 * not the driver's account of the batch (which lists its parameters).
 *
 * <p>Errors map by SQLState: 53100 (disk full) to {@code QuotaExceededException}, 42501 and
 * 28xxx to {@code AccessDeniedException}, 08xxx, 57P0x, 3D000 and 53xxx to
 * {@code BackendUnavailableException}, XX001/XX002 to {@code CorruptedDataException}; others
 * to {@code WriteFailedException} or {@code ReadFailedException}.
 *
 * <p>Threads: one connection, guarded by a lock, runs every operation on a worker executor
 * (by default one daemon thread owned by this backend); the returned {@code Async} completes
 * on that worker. Several JVMs may share one table.
 *
 * <p>Non-goals: connection pooling, schema migrations, {@code availableBytes} (the server does
 * not tell an unprivileged client).
 */
public final class PostgresBackend extends JdbcBackend {

    static final String MARKER = "keepsake:v2";
    /** The marker of a table from before versions existed, migrated on open. */
    static final String MARKER_1 = "keepsake:v1";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final String table;

    private PostgresBackend(Builder builder) {
        super(new JdbcStore("postgres:" + builder.table, new Dialect(builder), builder.executor));
        this.table = builder.table;
    }

    /**
     * Returns a builder for a backend on the database at {@code jdbcUrl}, such as
     * {@code jdbc:postgresql://host:5432/db?user=app}.
     *
     * @throws NullPointerException if {@code jdbcUrl} is null
     * @throws IllegalArgumentException if it is not a {@code jdbc:postgresql:} URL
     */
    public static Builder builder(String jdbcUrl) {
        return new Builder(jdbcUrl);
    }

    /** Returns the unquoted table name. */
    public String table() {
        return table;
    }

    @Override
    public String toString() {
        return "PostgresBackend[" + table + "]";
    }

    /** Validating builder; not thread-safe. */
    public static final class Builder {
        private final String url;
        private String table = "keepsake_entries";
        private String user;
        private String password;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration socketTimeout = Duration.ofSeconds(60);
        private Executor executor;

        private Builder(String url) {
            Objects.requireNonNull(url, "jdbcUrl");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("not a jdbc:postgresql: URL: " + url);
            }
            this.url = url;
        }

        /**
         * Sets the table name, default {@code keepsake_entries}; it is quoted, so case matters.
         *
         * @throws IllegalArgumentException unless it is a letter or underscore followed by at
         *     most 62 letters, digits or underscores
         */
        public Builder table(String name) {
            Objects.requireNonNull(name, "name");
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("table name must match " + IDENTIFIER + ": \"" + name + "\"");
            }
            this.table = name;
            return this;
        }

        /** Sets the user and password, instead of or overriding those in the URL. */
        public Builder credentials(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Sets how long connecting may take; default 10 seconds.
         *
         * @throws IllegalArgumentException unless between 1 second and 10 minutes
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = seconds(timeout, "connect timeout");
            return this;
        }

        /**
         * Sets how long one statement may wait for the server before the connection is
         * considered lost; default 60 seconds.
         *
         * @throws IllegalArgumentException unless between 1 second and 1 day
         */
        public Builder socketTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("socket timeout must be between 1 second and 1 day: " + timeout);
            }
            this.socketTimeout = timeout;
            return this;
        }

        /**
         * Runs operations on {@code executor} instead of a worker thread owned by the backend;
         * the backend never shuts it down. Operations still run one at a time.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Connects, creating the table when it is missing.
         *
         * @throws dev.keepsake.core.error.PersistenceException if the server cannot be reached,
         *     refuses access, or the table exists without the Keepsake marker
         */
        public PostgresBackend open() {
            PostgresBackend backend = new PostgresBackend(this);
            try {
                backend.store.open("table \"" + table + "\"");
            } catch (RuntimeException e) {
                backend.close();
                throw e;
            }
            return backend;
        }

        private static Duration seconds(Duration timeout, String what) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException(what + " must be between 1 second and 10 minutes: " + timeout);
            }
            return timeout;
        }
    }

    /** PostgreSQL's DDL, schema marker and SQLStates. */
    private static final class Dialect implements JdbcStore.Dialect {
        private final Builder config;
        private final String quoted;

        Dialect(Builder config) {
            this.config = config;
            this.quoted = '"' + config.table + '"';
        }

        @Override
        public Connection connect() throws SQLException {
            Properties props = new Properties();
            if (config.user != null) {
                props.setProperty("user", config.user);
                props.setProperty("password", config.password);
            }
            props.setProperty("connectTimeout", Long.toString(config.connectTimeout.toSeconds()));
            props.setProperty("socketTimeout", Long.toString(config.socketTimeout.toSeconds()));
            props.setProperty("tcpKeepAlive", "true");
            // Keeps parameter values (stored values) and row details out of the driver's messages.
            props.setProperty("logServerErrorDetail", "false");
            // Names the sessions in pg_stat_activity after the table they serve.
            props.setProperty("ApplicationName", applicationName(config.table));
            Connection c = new org.postgresql.Driver().connect(config.url, props);
            if (c == null) {
                throw new SQLException("pgjdbc refused the URL " + config.url, "08001");
            }
            try {
                ensureTable(c);
                return c;
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        }

        private void ensureTable(Connection c) throws SQLException {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                    // Serialises creation across processes; released at commit.
                    lock.setInt(1, 0x4B535143);
                    lock.setString(2, config.table);
                    lock.executeQuery().close();
                }
                String comment;
                boolean present;
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT to_regclass(?) IS NOT NULL, obj_description(to_regclass(?), 'pg_class')")) {
                    st.setString(1, quoted);
                    st.setString(2, quoted);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        present = rs.getBoolean(1);
                        comment = rs.getString(2);
                    }
                }
                if (!present) {
                    JdbcStore.execute(c, "CREATE TABLE " + quoted
                            + " (key BYTEA PRIMARY KEY, value BYTEA NOT NULL, version BIGINT NOT NULL DEFAULT 1)");
                    JdbcStore.execute(c, "COMMENT ON TABLE " + quoted + " IS '" + MARKER + "'");
                    comment = MARKER;
                } else if (MARKER_1.equals(comment)) {
                    JdbcStore.execute(c, "ALTER TABLE " + quoted + " ADD COLUMN version BIGINT NOT NULL DEFAULT 1");
                    JdbcStore.execute(c, "COMMENT ON TABLE " + quoted + " IS '" + MARKER + "'");
                    comment = MARKER;
                }
                c.commit();
                if (!MARKER.equals(comment)) {
                    throw new BackendUnavailableException("postgres:" + config.table, null, "table " + quoted
                            + " exists but is not a Keepsake table (its comment is "
                            + (comment == null ? "absent" : "\"" + comment + "\"") + ", expected \"" + MARKER
                            + "\"); Keepsake does not write into it", null);
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // Reported through the original failure.
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }

        @Override
        public String upsertSql() {
            return "INSERT INTO " + quoted + " (key, value, version) VALUES (?, ?, ?)"
                    + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = EXCLUDED.version";
        }

        @Override
        public String table() {
            return quoted;
        }

        @Override
        public StorageInfo info(Connection connection, long entries, long payloadBytes) {
            return new StorageInfo(payloadBytes, OptionalLong.empty(), entries);
        }

        @Override
        public SqlFailures.Failure classify(SQLException e) {
            return classifyState(e.getSQLState());
        }
    }

    /** Returns the {@code application_name} of this backend's sessions on the server. */
    static String applicationName(String table) {
        String name = "keepsake:" + table;
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** Maps a SQLState to how it is reported; package-private for the mapping test. */
    static SqlFailures.Failure classifyState(String state) {
        if (state == null || state.length() != 5) {
            return SqlFailures.Failure.OTHER;
        }
        switch (state) {
            case "53100": // disk_full
                return SqlFailures.Failure.FULL;
            case "42501": // insufficient_privilege
                return SqlFailures.Failure.DENIED;
            case "XX001": // data_corrupted
            case "XX002": // index_corrupted
                return SqlFailures.Failure.CORRUPT;
            case "40001": // serialization_failure
            case "40P01": // deadlock_detected
                return SqlFailures.Failure.RETRY;
            case "55P03": // lock_not_available
                return SqlFailures.Failure.BUSY;
            case "3D000": // invalid_catalog_name: the database does not exist
            case "57P01": // admin_shutdown
            case "57P02": // crash_shutdown
            case "57P03": // cannot_connect_now
                return SqlFailures.Failure.UNAVAILABLE;
            default:
                break;
        }
        switch (state.substring(0, 2)) {
            case "08": // connection exception
            case "53": // insufficient resources other than disk (memory, connections)
                return SqlFailures.Failure.UNAVAILABLE;
            case "28": // invalid authorization specification
                return SqlFailures.Failure.DENIED;
            default:
                return SqlFailures.Failure.OTHER;
        }
    }
}
