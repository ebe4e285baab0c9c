package dev.keepsake.jvm.sql;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What versions cost on the batched write path, measured so that machine load cancels out: one
 * benchmark invocation writes one durable batch of 100 puts of 100 bytes in each of four ways,
 * in turn, and the per-way medians are printed at the end. The ways: Keepsake's backend with
 * plain puts (each row also gets its version) and with conditional puts ({@code putIf} on the
 * version written last, as a store writes); and, as the floor of the same engine, plain JDBC
 * upserts into a table without a version column (the schema before versions) and with one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 20)
@Measurement(iterations = 300)
public class VersionCostBenchmark {

    private static final int BATCH = 100;
    private static final int KEYS = 1000;

    @Param({"sqlite", "postgres"})
    public String engine;

    private Path dir;
    private StorageBackend plain;
    private StorageBackend conditional;
    private Connection raw;
    private PreparedStatement withoutVersion;
    private PreparedStatement withVersion;
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, List<Long>> nanos = new HashMap<>();
    private String[] keys;
    private byte[] value = new byte[100];
    private int next;
    private long stamp;
    private String url;

    @Setup
    public void open() throws Exception {
        dir = Files.createTempDirectory("keepsake-version-cost");
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/key-" + i;
        }
        String suffix = "_" + ProcessHandle.current().pid();
        if (engine.equals("sqlite")) {
            plain = SqliteBackend.open(dir.resolve("plain.db"));
            conditional = SqliteBackend.open(dir.resolve("cas.db"));
            raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"));
            try (Statement st = raw.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = FULL");
            }
        } else {
            url = System.getenv("KEEPSAKE_PG_URL") != null ? System.getenv("KEEPSAKE_PG_URL")
                    : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
            plain = PostgresBackend.builder(url).table("ks_vc_plain" + suffix).open();
            conditional = PostgresBackend.builder(url).table("ks_vc_cas" + suffix).open();
            raw = DriverManager.getConnection(url);
        }
        try (Statement st = raw.createStatement()) {
            String blob = engine.equals("sqlite") ? "BLOB" : "BYTEA";
            st.execute("CREATE TABLE v0" + suffix + " (key " + blob + " PRIMARY KEY, value " + blob + " NOT NULL)");
            st.execute("CREATE TABLE v1" + suffix + " (key " + blob + " PRIMARY KEY, value " + blob
                    + " NOT NULL, version BIGINT NOT NULL DEFAULT 1)");
        }
        withoutVersion = raw.prepareStatement("INSERT INTO v0" + suffix + " (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        withVersion = raw.prepareStatement("INSERT INTO v1" + suffix + " (key, value, version) VALUES (?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version");
        raw.setAutoCommit(false);
        for (String way : List.of("keepsake plain", "keepsake conditional", "jdbc without version",
                "jdbc with version")) {
            nanos.put(way, new ArrayList<>());
        }
    }

    @Benchmark
    public void oneBatchEachWay() throws Exception {
        int from = next;
        next = (next + BATCH) % KEYS;
        ByteBuffer.wrap(value).putLong(0, ++stamp);
        timed("keepsake plain", () -> {
            WriteBatch.Builder b = WriteBatch.builder();
            for (int i = from; i < from + BATCH; i++) {
                b.put(keys[i], value);
            }
            await(plain.write(b.build()));
        });
        timed("keepsake conditional", () -> {
            WriteBatch.Builder b = WriteBatch.builder();
            for (int i = from; i < from + BATCH; i++) {
                b.putIf(keys[i], value, versions.getOrDefault(keys[i], Versioned.ABSENT));
            }
            WriteBatch built = b.build();
            await(conditional.write(built));
            for (WriteBatch.Entry e : built.entries()) {
                versions.put(e.key(), e.version());
            }
        });
        timed("jdbc without version", () -> {
            for (int i = from; i < from + BATCH; i++) {
                withoutVersion.setBytes(1, keys[i].getBytes());
                withoutVersion.setBytes(2, value);
                withoutVersion.addBatch();
            }
            withoutVersion.executeBatch();
            raw.commit();
        });
        timed("jdbc with version", () -> {
            for (int i = from; i < from + BATCH; i++) {
                withVersion.setBytes(1, keys[i].getBytes());
                withVersion.setBytes(2, value);
                withVersion.setLong(3, stamp * KEYS + i);
                withVersion.addBatch();
            }
            withVersion.executeBatch();
            raw.commit();
        });
    }

    private interface Work {
        void run() throws Exception;
    }

    private void timed(String way, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        nanos.get(way).add(System.nanoTime() - start);
    }

    @TearDown
    public void close() throws Exception {
        StringBuilder sb = new StringBuilder("\nVersionCost " + engine
                + " (median / p25 / p75 ms per batch of 100):\n");
        for (Map.Entry<String, List<Long>> e : nanos.entrySet()) {
            long[] all = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            if (all.length == 0) {
                continue;
            }
            sb.append(String.format("  %-22s %8.3f %8.3f %8.3f  (n=%d)%n", e.getKey(), all[all.length / 2] / 1e6,
                    all[all.length / 4] / 1e6, all[all.length * 3 / 4] / 1e6, all.length));
        }
        System.out.println(sb);
        ((AutoCloseable) plain).close();
        ((AutoCloseable) conditional).close();
        if (!engine.equals("sqlite")) {
            try (Statement st = raw.createStatement()) {
                raw.setAutoCommit(true);
                String suffix = "_" + ProcessHandle.current().pid();
                for (String t : List.of("ks_vc_plain", "ks_vc_cas", "v0", "v1")) {
                    st.execute("DROP TABLE IF EXISTS \"" + t + suffix + "\"");
                    st.execute("DROP TABLE IF EXISTS " + t + suffix);
                }
            }
        }
        raw.close();
    }

    private static <T> T await(Async<T> async) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        async.whenComplete((v, f) -> done.countDown());
        done.await();
        return async.peek();
    }
}
