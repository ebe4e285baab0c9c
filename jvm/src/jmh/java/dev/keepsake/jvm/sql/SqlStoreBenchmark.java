package dev.keepsake.jvm.sql;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable puts (batches of 100 values of 100 bytes, each batch one durable commit) and point
 * gets, per second, through Keepsake's SQL backends and through the same engines used
 * directly without Keepsake:
 *
 * <ul>
 *   <li>{@code keepsake-sqlite}: {@link SqliteBackend} (WAL, synchronous=FULL), one
 *       {@code write(batch)} per 100 puts, waiting for each to complete;</li>
 *   <li>{@code keepsake-sqlite-direct}: the same with {@code executor(Runnable::run)}, so that
 *       operations run on the calling thread: shows what the hand-off to the worker costs;</li>
 *   <li>{@code raw-sqlite}: plain sqlite-jdbc, WAL, synchronous=FULL, a TEXT-keyed table,
 *       100 {@code INSERT OR REPLACE} per transaction;</li>
 *   <li>{@code h2-mvstore}: H2's MVStore, {@code commit()} and {@code sync()} per 100 puts;</li>
 *   <li>{@code keepsake-postgres}: {@link PostgresBackend} on {@code KEEPSAKE_PG_URL} or the
 *       local server (synchronous_commit as the server has it);</li>
 *   <li>{@code keepsake-sqlite-cas}, {@code keepsake-postgres-cas}: the same backends with every
 *       put conditional on the version this benchmark wrote last ({@code putIf}), as a store's
 *       writes are.</li>
 * </ul>
 *
 * <p>Keys cycle over 10,000 pre-written keys, so puts overwrite (with changed bytes) and gets
 * always hit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class SqlStoreBenchmark {

    private static final int KEYS = 10_000;
    private static final int BATCH = 100;

    @Param({"keepsake-sqlite", "keepsake-sqlite-direct", "raw-sqlite", "h2-mvstore", "keepsake-postgres",
            "keepsake-sqlite-cas", "keepsake-postgres-cas"})
    public String store;

    private Target target;
    private Path dir;
    private String[] keys;
    private byte[][] values;
    private int next;
    private long puts;
    private SplittableRandom random;

    /** One way of storing; the benchmark methods only call these. */
    private interface Target {
        void putAll(String[] keys, byte[][] values, int from, int count) throws Exception;

        byte[] get(String key) throws Exception;

        void close() throws Exception;
    }

    @Setup
    public void open() throws Exception {
        dir = Files.createTempDirectory("keepsake-bench");
        keys = new String[KEYS];
        values = new byte[KEYS][];
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/key-" + i;
            values[i] = new byte[100];
            for (int j = 0; j < 100; j++) {
                values[i][j] = (byte) r.nextInt();
            }
        }
        random = new SplittableRandom(7);
        switch (store) {
            case "keepsake-sqlite":
                target = new KeepsakeTarget(SqliteBackend.open(dir.resolve("keepsake.db")), false);
                break;
            case "keepsake-sqlite-direct":
                target = new KeepsakeTarget(SqliteBackend.builder(dir.resolve("direct.db")).executor(Runnable::run)
                        .open(), false);
                break;
            case "raw-sqlite":
                target = new RawSqliteTarget(dir.resolve("raw.db"));
                break;
            case "h2-mvstore":
                target = new MvStoreTarget(dir.resolve("store.mv"));
                break;
            case "keepsake-postgres":
                target = new PostgresTarget(postgresUrl(), "ks_bench_" + ProcessHandle.current().pid(), false);
                break;
            case "keepsake-sqlite-cas":
                target = new KeepsakeTarget(SqliteBackend.open(dir.resolve("cas.db")), true);
                break;
            case "keepsake-postgres-cas":
                target = new PostgresTarget(postgresUrl(), "ks_bench_" + ProcessHandle.current().pid(), true);
                break;
            default:
                throw new IllegalArgumentException(store);
        }
        for (int i = 0; i < KEYS; i += BATCH) {
            target.putAll(keys, values, i, BATCH);
        }
    }

    private static String postgresUrl() {
        return System.getenv("KEEPSAKE_PG_URL") != null ? System.getenv("KEEPSAKE_PG_URL")
                : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    }

    @TearDown
    public void close() throws Exception {
        target.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void durablePutBatchOf100() throws Exception {
        int from = next;
        next = (next + BATCH) % KEYS;
        // A new value every time: SQLite skips writing a row whose bytes did not change,
        // which would make an overwrite with the same value look free.
        long stamp = ++puts;
        for (int i = from; i < from + BATCH; i++) {
            ByteBuffer.wrap(values[i]).putLong(0, stamp);
        }
        target.putAll(keys, values, from, BATCH);
    }

    @Benchmark
    public byte[] get() throws Exception {
        return target.get(keys[random.nextInt(KEYS)]);
    }

    private static <T> T await(Async<T> async) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        async.whenComplete((v, e) -> done.countDown());
        done.await();
        return async.peek();
    }

    private static class KeepsakeTarget implements Target {
        private final dev.keepsake.core.backend.StorageBackend backend;
        /** With conditional puts: the version each key was last written with. */
        private final java.util.Map<String, Long> versions;

        KeepsakeTarget(dev.keepsake.core.backend.StorageBackend backend, boolean conditional) {
            this.backend = backend;
            this.versions = conditional ? new java.util.HashMap<>() : null;
        }

        @Override
        public void putAll(String[] keys, byte[][] values, int from, int count) throws Exception {
            WriteBatch.Builder batch = WriteBatch.builder();
            for (int i = from; i < from + count; i++) {
                if (versions == null) {
                    batch.put(keys[i], values[i]);
                } else {
                    batch.putIf(keys[i], values[i], versions.getOrDefault(keys[i], Versioned.ABSENT));
                }
            }
            WriteBatch built = batch.build();
            await(backend.write(built));
            if (versions != null) {
                for (WriteBatch.Entry e : built.entries()) {
                    versions.put(e.key(), e.version());
                }
            }
        }

        @Override
        public byte[] get(String key) throws Exception {
            return await(backend.load(key));
        }

        @Override
        public void close() throws Exception {
            ((AutoCloseable) backend).close();
        }
    }

    private static final class PostgresTarget extends KeepsakeTarget {
        private final String url;
        private final String table;

        PostgresTarget(String url, String table, boolean conditional) {
            super(PostgresBackend.builder(url).table(table).open(), conditional);
            this.url = url;
            this.table = table;
        }

        @Override
        public void close() throws Exception {
            super.close();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            }
        }
    }

    private static final class RawSqliteTarget implements Target {
        private final Connection connection;
        private final PreparedStatement put;
        private final PreparedStatement get;

        RawSqliteTarget(Path file) throws Exception {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = FULL");
                st.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB NOT NULL)");
            }
            put = connection.prepareStatement("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)");
            get = connection.prepareStatement("SELECT v FROM kv WHERE k = ?");
        }

        @Override
        public void putAll(String[] keys, byte[][] values, int from, int count) throws Exception {
            connection.setAutoCommit(false);
            for (int i = from; i < from + count; i++) {
                put.setString(1, keys[i]);
                put.setBytes(2, values[i]);
                put.executeUpdate();
            }
            connection.commit();
            connection.setAutoCommit(true);
        }

        @Override
        public byte[] get(String key) throws Exception {
            get.setString(1, key);
            try (ResultSet rs = get.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    private static final class MvStoreTarget implements Target {
        private final MVStore store;
        private final MVMap<String, byte[]> map;

        MvStoreTarget(Path file) {
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            map = store.openMap("kv");
        }

        @Override
        public void putAll(String[] keys, byte[][] values, int from, int count) {
            for (int i = from; i < from + count; i++) {
                map.put(keys[i], values[i]);
            }
            store.commit();
            store.sync();
        }

        @Override
        public byte[] get(String key) {
            return map.get(key);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
