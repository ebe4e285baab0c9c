package dev.keepsake.server;

import dev.keepsake.core.remote.Protocol;
import dev.keepsake.core.remote.Protocol.Change;
import dev.keepsake.core.remote.Protocol.Changes;
import dev.keepsake.core.remote.Protocol.Entry;
import dev.keepsake.core.remote.Protocol.Operation;
import dev.keepsake.core.remote.Protocol.Result;
import dev.keepsake.core.remote.Protocol.ScopeInfo;
import dev.keepsake.core.remote.Protocol.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The server's store: scopes, entries, the operation log and tokens in SQLite or PostgreSQL.
 *
 * <p>Tables (keys are UTF-8 bytes, so every valid key is stored exactly, U+0000 included):
 *
 * <pre>
 * ks_scope (scope TEXT PK, version BIGINT, horizon BIGINT)         the counter and tombstone horizon
 * ks_entry (scope TEXT, key BYTES, version BIGINT, tag BIGINT, value BYTES|NULL) a key's latest write; NULL value =
 * tombstone
 *          PK (scope, key); index (scope, version); partial index on tombstones
 * ks_op    (scope TEXT, client_id TEXT, seq BIGINT, status TEXT, version BIGINT, tag BIGINT, value BYTES|NULL, reason
 * TEXT|NULL)
 *          PK (scope, client_id, seq): the recorded result of every operation
 * ks_token (id TEXT PK, hash TEXT UNIQUE, scopes TEXT, can_write BOOLEAN, revoked BOOLEAN)
 * </pre>
 *
 * <p>Guarantees: a push is one transaction. It first locks the scope's counter row
 * (PostgreSQL: {@code SELECT ... FOR UPDATE}; SQLite: the write lock of {@code BEGIN
 * IMMEDIATE}), so versions are handed out one by one in commit order and a reader never sees
 * version n+1 without n. Every operation's result is recorded in the same transaction, so a
 * repeated {@code (clientId, seq)} returns the recorded result and is never applied twice. If
 * anything fails, the transaction is rolled back and nothing of the push is applied; an atomic
 * push whose operations do not all apply is rolled back the same way, before anything of it
 * is recorded.
 */
final class SqlStore implements AutoCloseable {

    enum Dialect { SQLITE, POSTGRES }

    private final Dialect dialect;
    private final Connections connections;
    private final long maxValueBytes;
    private final long keepTombstones;

    private SqlStore(Dialect dialect, Connections connections, long maxValueBytes, long keepTombstones) {
        this.dialect = dialect;
        this.connections = connections;
        this.maxValueBytes = maxValueBytes;
        this.keepTombstones = keepTombstones;
    }

    /** Opens (creating if needed) the SQLite database at {@code file}. */
    static SqlStore sqlite(Path file, long maxValueBytes, long keepTombstones) {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "FULL");
        p.setProperty("busy_timeout", "10000");
        p.setProperty("transaction_mode", "IMMEDIATE");
        SqlStore store = new SqlStore(Dialect.SQLITE,
                new Connections("jdbc:sqlite:" + file.toAbsolutePath(), p, 1), maxValueBytes, keepTombstones);
        store.createTables();
        return store;
    }

    /** Opens the PostgreSQL database at {@code jdbcUrl}, creating the tables if needed. */
    static SqlStore postgres(String jdbcUrl, int poolSize, long maxValueBytes, long keepTombstones) {
        Properties p = new Properties();
        p.setProperty("ApplicationName", "keepsake-server");
        SqlStore store = new SqlStore(Dialect.POSTGRES, new Connections(jdbcUrl, p, poolSize), maxValueBytes,
                keepTombstones);
        store.createTables();
        return store;
    }

    Dialect dialect() {
        return dialect;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        Connection c;
        try {
            c = connections.acquire();
        } catch (SQLException e) {
            throw new StoreUnavailableException(what, e);
        }
        boolean broken = false;
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            c.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            broken = true;
            throw new StoreUnavailableException(what, e);
        } catch (RuntimeException | Error e) {
            broken = true;
            throw e;
        } finally {
            connections.release(c, broken);
        }
    }

    /** Runs {@code work} in auto-commit mode: reads whose statements need no common snapshot. */
    private <T> T read(String what, Work<T> work) {
        Connection c;
        try {
            c = connections.acquire();
        } catch (SQLException e) {
            throw new StoreUnavailableException(what, e);
        }
        boolean broken = false;
        try {
            return work.run(c);
        } catch (SQLException e) {
            broken = true;
            throw new StoreUnavailableException(what, e);
        } catch (RuntimeException | Error e) {
            broken = true;
            throw e;
        } finally {
            connections.release(c, broken);
        }
    }

    private void createTables() {
        String bytes = dialect == Dialect.POSTGRES ? "BYTEA" : "BLOB";
        inTransaction("creating the tables", c -> {
            try (Statement st = c.createStatement()) {
                if (dialect == Dialect.POSTGRES) {
                    // Several servers may start at once on one database: one creates, the others wait.
                    st.execute("SELECT pg_advisory_xact_lock(7368275)");
                }
                st.execute("CREATE TABLE IF NOT EXISTS ks_scope (scope TEXT PRIMARY KEY, version BIGINT NOT NULL,"
                        + " horizon BIGINT NOT NULL)");
                st.execute("CREATE TABLE IF NOT EXISTS ks_entry (scope TEXT NOT NULL, key " + bytes + " NOT NULL,"
                        + " version BIGINT NOT NULL, tag BIGINT NOT NULL, value " + bytes
                        + ", PRIMARY KEY (scope, key))");
                st.execute("CREATE INDEX IF NOT EXISTS ks_entry_version ON ks_entry (scope, version)");
                st.execute("CREATE INDEX IF NOT EXISTS ks_entry_tombstone ON ks_entry (scope, "
                        + "version) WHERE value IS NULL");
                st.execute("CREATE TABLE IF NOT EXISTS ks_op (scope TEXT NOT NULL, client_id TEXT NOT NULL,"
                        + " seq BIGINT NOT NULL, status TEXT NOT NULL, version BIGINT NOT NULL, tag BIGINT NOT NULL,"
                        + " value " + bytes + ","
                        + " reason TEXT, PRIMARY KEY (scope, client_id, seq))");
                st.execute("CREATE TABLE IF NOT EXISTS ks_token (id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE,"
                        + " scopes TEXT NOT NULL, can_write BOOLEAN NOT NULL, revoked BOOLEAN NOT NULL)");
            }
            return null;
        });
    }

    // ---- push ----------------------------------------------------------------------------

    /** What a push did: the results, and whether the scope moved (then watchers are told). */
    record Pushed(List<Result> results, boolean moved) {
    }

    /**
     * Applies {@code ops} to {@code scope} in one transaction and returns each one's result; when
     * {@code atomic}, applies them all or none.
     */
    Pushed push(String scope, List<Operation> ops, boolean atomic) {
        return inTransaction("push", c -> {
            try (PreparedStatement ensure = c.prepareStatement(dialect == Dialect.POSTGRES
                    ? "INSERT INTO ks_scope (scope, version, horizon) VALUES (?, 0, 0) ON CONFLICT (scope) DO NOTHING"
                    : "INSERT OR IGNORE INTO ks_scope (scope, version, horizon) VALUES (?, 0, 0)")) {
                ensure.setString(1, scope);
                ensure.executeUpdate();
            }
            long version;
            long horizon;
            try (PreparedStatement lock = c.prepareStatement("SELECT version, horizon FROM ks_scope WHERE scope = ?"
                    + (dialect == Dialect.POSTGRES ? " FOR UPDATE" : ""))) {
                lock.setString(1, scope);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    version = rs.getLong(1);
                    horizon = rs.getLong(2);
                }
            }
            long start = version;
            // Read what the push needs in a few statements, decide in memory, write in batches:
            // a push of n operations costs a handful of round trips, not 4n.
            Map<String, Result> recorded = new HashMap<>();
            Map<String, Stored> entries = new HashMap<>();
            prefetch(c, scope, ops, recorded, entries);
            List<Result> results = new ArrayList<>(ops.size());
            List<Object[]> records = new ArrayList<>();
            Map<String, Stored> touched = new LinkedHashMap<>();
            for (Operation op : ops) {
                if (!valid(op)) {
                    results.add(Result.rejected(Protocol.INVALID_OPERATION)); // not recordable: no valid id
                    continue;
                }
                String id = id(op.clientId(), op.seq());
                Result known = recorded.get(id);
                if (known != null) {
                    results.add(known);
                    continue;
                }
                Result result;
                if (op.key().isEmpty()) {
                    result = Result.rejected(Protocol.INVALID_KEY);
                } else if (!op.isDelete() && op.value().length > maxValueBytes) {
                    result = Result.rejected(Protocol.VALUE_TOO_LARGE);
                } else if (op.baseVersion() < Protocol.ANY) {
                    result = Result.rejected(Protocol.INVALID_BASE_VERSION);
                } else {
                    Stored current = entries.get(op.key());
                    long currentTag = current == null || current.value == null ? 0 : current.tag;
                    if (op.baseVersion() != Protocol.ANY && currentTag != op.baseVersion()) {
                        result = Result.conflict(current == null ? 0 : current.version, currentTag,
                                current == null ? null : current.value);
                    } else {
                        version++;
                        long tag = op.isDelete() ? 0 : op.tag() == 0 ? version : op.tag();
                        Stored next = new Stored(version, tag, op.value());
                        entries.put(op.key(), next);
                        touched.put(op.key(), next);
                        result = Result.applied(version, tag);
                    }
                }
                if (atomic && result.status() != Status.APPLIED) {
                    // Nothing of an atomic push may stay: undo it all, record nothing.
                    c.rollback();
                    List<Result> aborted = new ArrayList<>(ops.size());
                    for (int i = 0; i < ops.size(); i++) {
                        aborted.add(i == results.size() ? result : Result.rejected(Protocol.BATCH_ABORTED));
                    }
                    return new Pushed(aborted, false);
                }
                recorded.put(id, result);
                records.add(new Object[] {op.clientId(), op.seq(), result});
                results.add(result);
            }
            if (!touched.isEmpty()) {
                try (PreparedStatement upsert = c.prepareStatement(
                        "INSERT INTO ks_entry (scope, key, version, tag, value) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (scope, key) DO UPDATE SET version = excluded.version, tag = excluded.tag,"
                        + " value = excluded.value")) {
                    for (Map.Entry<String, Stored> e : touched.entrySet()) {
                        upsert.setString(1, scope);
                        upsert.setBytes(2, e.getKey().getBytes(StandardCharsets.UTF_8));
                        upsert.setLong(3, e.getValue().version);
                        upsert.setLong(4, e.getValue().tag);
                        upsert.setBytes(5, e.getValue().value);
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
            if (!records.isEmpty()) {
                try (PreparedStatement record = c.prepareStatement("INSERT INTO ks_op (scope, client_id, seq, status,"
                        + " version, tag, value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Object[] r : records) {
                        Result result = (Result) r[2];
                        record.setString(1, scope);
                        record.setString(2, (String) r[0]);
                        record.setLong(3, (Long) r[1]);
                        record.setString(4, result.status().name());
                        record.setLong(5, result.version());
                        record.setLong(6, result.tag());
                        record.setBytes(7, result.value());
                        record.setString(8, result.reason());
                        record.addBatch();
                    }
                    record.executeBatch();
                }
            }
            if (version != start) {
                try (PreparedStatement bump = c.prepareStatement(
                        "UPDATE ks_scope SET version = ?, horizon = ? WHERE scope = ?")) {
                    bump.setLong(1, version);
                    bump.setLong(2, prune(c, scope, version, horizon));
                    bump.setString(3, scope);
                    bump.executeUpdate();
                }
                if (dialect == Dialect.POSTGRES) {
                    // Delivered to every LISTENing server process when, and only if, this commits.
                    try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify('keepsake_scope', ?)")) {
                        notify.setString(1, scope);
                        notify.executeQuery().close();
                    }
                }
            }
            return new Pushed(results, version != start);
        });
    }

    /** A key's stored state: its latest write's version, its tag, its value (null: tombstone). */
    private record Stored(long version, long tag, byte[] value) {
    }

    private static boolean valid(Operation op) {
        return !op.clientId().isEmpty() && op.clientId().length() <= 128 && op.seq() >= 1 && op.tag() >= 0;
    }

    private static String id(String clientId, long seq) {
        return seq + ":" + clientId;
    }

    /** Reads the recorded results of the push's operations and the stored state of its keys. */
    private void prefetch(Connection c, String scope, List<Operation> ops, Map<String, Result> recorded,
            Map<String, Stored> entries) throws SQLException {
        List<Operation> valid = new ArrayList<>(ops.size());
        for (Operation op : ops) {
            if (valid(op)) {
                valid.add(op);
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRES) {
            String[] clients = new String[valid.size()];
            Long[] seqs = new Long[valid.size()];
            byte[][] keys = new byte[valid.size()][];
            for (int i = 0; i < valid.size(); i++) {
                clients[i] = valid.get(i).clientId();
                seqs[i] = valid.get(i).seq();
                keys[i] = valid.get(i).key().getBytes(StandardCharsets.UTF_8);
            }
            try (PreparedStatement st = c.prepareStatement("SELECT client_id, seq, status, version, tag, value, reason"
                    + " FROM ks_op WHERE scope = ? AND (client_id, seq) IN (SELECT * FROM unnest(?::text[], "
                    + "?::bigint[]))")) {
                st.setString(1, scope);
                st.setArray(2, c.createArrayOf("text", clients));
                st.setArray(3, c.createArrayOf("bigint", seqs));
                readRecorded(st, recorded);
            }
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT key, version, tag, value FROM ks_entry WHERE scope = ? AND key = ANY(?)")) {
                st.setString(1, scope);
                st.setArray(2, c.createArrayOf("bytea", keys));
                readEntries(st, entries);
            }
            return;
        }
        try (PreparedStatement findOp = c.prepareStatement("SELECT client_id, seq, status, version, tag, value, reason"
                    + " FROM ks_op WHERE scope = ? AND client_id = ? AND seq = ?");
                PreparedStatement findEntry = c.prepareStatement(
                    "SELECT key, version, tag, value FROM ks_entry WHERE scope = ? AND key = ?")) {
            for (Operation op : valid) {
                findOp.setString(1, scope);
                findOp.setString(2, op.clientId());
                findOp.setLong(3, op.seq());
                readRecorded(findOp, recorded);
                findEntry.setString(1, scope);
                findEntry.setBytes(2, op.key().getBytes(StandardCharsets.UTF_8));
                readEntries(findEntry, entries);
            }
        }
    }

    private static void readRecorded(PreparedStatement st, Map<String, Result> into) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                into.put(id(rs.getString(1), rs.getLong(2)),
                        new Result(statusOf(rs.getString(3)), rs.getLong(4), rs.getLong(5), rs.getBytes(6),
                                rs.getString(7)));
            }
        }
    }

    private static void readEntries(PreparedStatement st, Map<String, Stored> into) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                into.put(new String(rs.getBytes(1), StandardCharsets.UTF_8),
                        new Stored(rs.getLong(2), rs.getLong(3), rs.getBytes(4)));
            }
        }
    }

    /** Drops tombstones more than {@code keepTombstones} versions old; returns the new horizon. */
    private long prune(Connection c, String scope, long version, long horizon) throws SQLException {
        long threshold = version - keepTombstones;
        if (threshold <= horizon) {
            return horizon;
        }
        long newest = 0;
        try (PreparedStatement max = c.prepareStatement(
                "SELECT max(version) FROM ks_entry WHERE scope = ? AND value IS NULL AND version <= ?")) {
            max.setString(1, scope);
            max.setLong(2, threshold);
            try (ResultSet rs = max.executeQuery()) {
                if (rs.next()) {
                    newest = rs.getLong(1);
                }
            }
        }
        if (newest <= horizon) {
            return horizon;
        }
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM ks_entry WHERE scope = ? AND value IS NULL AND version <= ?")) {
            delete.setString(1, scope);
            delete.setLong(2, newest);
            delete.executeUpdate();
        }
        return newest;
    }

    private static Status statusOf(String name) {
        return Status.valueOf(name);
    }

    // ---- reads ---------------------------------------------------------------------------

    /**
     * Returns up to {@code limit} changes of {@code scope} after {@code after}, in version order.
     *
     * @throws ResetException if {@code after} is positive and below the tombstone horizon
     */
    Changes pull(String scope, long after, int limit, boolean values) {
        return read("pull", c -> {
            // The head is read before the page: every version up to it had committed (versions
            // commit in order), so a page without more reaches at least the head.
            long head = scopeRow(c, scope)[0];
            List<Change> changes = new ArrayList<>();
            boolean more = false;
            try (PreparedStatement st = c.prepareStatement("SELECT key, version, tag, value IS NULL"
                    + (values ? ", value" : "")
                    + " FROM ks_entry WHERE scope = ? AND version > ? ORDER BY version LIMIT ?")) {
                st.setString(1, scope);
                st.setLong(2, after);
                st.setInt(3, limit + 1);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (changes.size() == limit) {
                            more = true;
                            break;
                        }
                        boolean deleted = rs.getBoolean(4);
                        changes.add(new Change(new String(rs.getBytes(1), StandardCharsets.UTF_8), rs.getLong(2),
                                rs.getLong(3), deleted, values && !deleted ? rs.getBytes(5) : null));
                    }
                }
            }
            // Read after the changes: the horizon only grows, so a tombstone pruned before the
            // read above shows here.
            long horizon = scopeRow(c, scope)[1];
            if (after > 0 && after < horizon) {
                throw new ResetException(horizon);
            }
            long last = changes.isEmpty() ? after : changes.get(changes.size() - 1).version();
            return new Changes(changes, more ? last : Math.max(last, head), more);
        });
    }

    /** Returns the live entry under {@code key}, or null. */
    Entry get(String scope, String key) {
        return read("read", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT version, tag, value FROM ks_entry WHERE scope = ? AND key = ? AND value IS NOT NULL")) {
                st.setString(1, scope);
                st.setBytes(2, key.getBytes(StandardCharsets.UTF_8));
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? new Entry(key, rs.getLong(1), rs.getLong(2), rs.getBytes(3)) : null;
                }
            }
        });
    }

    /** Returns the scope's version, horizon, live entry count and value bytes. */
    ScopeInfo info(String scope) {
        return read("info", c -> {
            long[] row = scopeRow(c, scope);
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT count(*), coalesce(sum(length(value)), 0) FROM ks_entry WHERE scope = ? AND value IS NOT "
                    + "NULL")) {
                st.setString(1, scope);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new ScopeInfo(row[0], row[1], rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /** Returns the scope's latest version (0 for a scope never written). */
    long version(String scope) {
        return read("version", c -> scopeRow(c, scope)[0]);
    }

    private static long[] scopeRow(Connection c, String scope) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT version, horizon FROM ks_scope WHERE scope = ?")) {
            st.setString(1, scope);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
            }
        }
    }

    // ---- tokens --------------------------------------------------------------------------

    void addToken(String id, String hash, List<String> scopes, boolean write) {
        inTransaction("adding a token", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO ks_token (id, hash, scopes, can_write, revoked) VALUES (?, ?, ?, ?, ?)")) {
                st.setString(1, id);
                st.setString(2, hash);
                st.setString(3, String.join(" ", scopes));
                st.setBoolean(4, write);
                st.setBoolean(5, false);
                st.executeUpdate();
            }
            return null;
        });
    }

    /** Marks the token revoked; returns whether it existed. */
    boolean revokeToken(String id) {
        return inTransaction("revoking a token", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE ks_token SET revoked = ? WHERE id = ?")) {
                st.setBoolean(1, true);
                st.setString(2, id);
                return st.executeUpdate() > 0;
            }
        });
    }

    /** Returns the grant of the token with this hash, or null. */
    Grant findToken(String hash) {
        return read("checking a token", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, scopes, can_write, revoked FROM ks_token WHERE hash = ?")) {
                st.setString(1, hash);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? grant(rs) : null;
                }
            }
        });
    }

    List<Grant> tokens() {
        return read("listing tokens", c -> {
            List<Grant> grants = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, scopes, can_write, revoked FROM ks_token ORDER BY id");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    grants.add(grant(rs));
                }
            }
            return grants;
        });
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(rs.getString(1), Arrays.asList(rs.getString(2).split(" ")), rs.getBoolean(3),
                rs.getBoolean(4));
    }

    @Override
    public void close() {
        connections.close();
    }
}
