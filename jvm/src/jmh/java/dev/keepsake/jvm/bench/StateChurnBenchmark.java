package dev.keepsake.jvm.bench;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.jvm.JvmAsync;
import dev.keepsake.jvm.ThreadScheduler;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The workload Keepsake exists for: 100,000 updates spread over 100 keys (a UI moving
 * sliders), issued as fast as one thread can, every one of them durable in the end. One
 * invocation is the whole run (single shot); the score is its time. Each invocation also
 * prints, with the prefix {@code [churn]}: updates/s, backend writes (commits) and fsyncs per
 * 1,000 updates, and the worst lag between an update and the moment it was durable.
 *
 * <ul>
 *   <li>{@code keepsake-fs|sqlite|postgres}: a {@link PersistenceManager} with the default
 *       configuration on a {@link ThreadScheduler}; backend calls counted by
 *       {@link CountingBackend}; an update's lag ends when its {@code save} result completes.</li>
 *   <li>With {@code -Dkeepsake.churn.rate=N} (updates per second, default 0: as fast as
 *       possible) updates are paced in bursts of 100, as a UI would send them over time.</li>
 *   <li>{@code naive-sqlite}: every update is its own autocommit {@code INSERT OR REPLACE}
 *       (WAL, synchronous=FULL), so durable when it returns. At one fsync per update this
 *       runs only {@code keepsake.churn.naiveUpdates} updates (default 2,000) and reports the
 *       rate; 100,000 would take minutes.</li>
 * </ul>
 *
 * <p>fsyncs are derived from commits as each backend documents them: the file-system backend
 * forces every file of a batch and then the directory (entries + 1 per batch); SQLite in WAL
 * mode with synchronous=FULL syncs the WAL once per commit (checkpoints add a few, not
 * counted); PostgreSQL flushes its WAL once per commit (on the server).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class StateChurnBenchmark {

    private static final int KEYS = 100;

    @Param({"keepsake-fs", "keepsake-sqlite", "keepsake-postgres", "naive-sqlite"})
    public String approach;

    private Path dir;
    private String[] keys;
    private ThreadScheduler scheduler;
    private CountingBackend backend;
    private PersistenceManager<byte[]> manager;
    private Connection sqlite;
    private PreparedStatement put;

    @Setup(Level.Iteration)
    public void open() throws Exception {
        dir = Stores.newDir();
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "slider-" + i;
        }
        if (approach.equals("naive-sqlite")) {
            sqlite = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("naive.db"));
            try (Statement st = sqlite.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = FULL");
                st.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB NOT NULL)");
            }
            put = sqlite.prepareStatement("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)");
        } else {
            scheduler = ThreadScheduler.create();
            backend = new CountingBackend(Stores.open(approach.substring("keepsake-".length()), dir));
            manager = PersistenceManager.builder(backend, Serializers.binary(Codecs.bytes()), scheduler).build();
        }
    }

    @TearDown(Level.Iteration)
    public void close() throws Exception {
        if (manager != null) {
            JvmAsync.toFuture(manager.close()).join();
            backend.close();
            scheduler.close();
            if (approach.equals("keepsake-postgres")) {
                Stores.dropPgTable();
            }
        }
        if (sqlite != null) {
            sqlite.close();
        }
        Stores.delete(dir);
    }

    private static byte[] value(int update) {
        byte[] v = new byte[16];
        ByteBuffer.wrap(v).putInt(0, update).putInt(4, update * 31);
        return v;
    }

    @Benchmark
    public long churn() throws Exception {
        return approach.equals("naive-sqlite") ? naive() : keepsake();
    }

    private long keepsake() throws Exception {
        int updates = Integer.getInteger("keepsake.churn.updates", 100_000);
        long writesBefore = backend.writeCalls.get();
        long entriesBefore = backend.entries.get();
        AtomicLong worstLag = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        CountDownLatch durable = new CountDownLatch(updates);
        int rate = Integer.getInteger("keepsake.churn.rate", 0);
        long start = System.nanoTime();
        for (int i = 0; i < updates; i++) {
            if (rate > 0 && i % 100 == 0) {
                long due = start + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            long issued = System.nanoTime();
            Async<Void> saved = manager.save(keys[i % KEYS], value(i));
            saved.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    failures.incrementAndGet();
                }
                worstLag.accumulateAndGet(System.nanoTime() - issued, Math::max);
                durable.countDown();
            });
        }
        long issuedNanos = System.nanoTime() - start;
        durable.await();
        long total = System.nanoTime() - start;
        long writes = backend.writeCalls.get() - writesBefore;
        long entries = backend.entries.get() - entriesBefore;
        long fsyncs = approach.equals("keepsake-fs") ? entries + writes : writes;
        report(updates, total, issuedNanos, writes, entries, fsyncs, worstLag.get(), failures.get());
        return writes;
    }

    private long naive() throws Exception {
        int updates = Integer.getInteger("keepsake.churn.naiveUpdates", 2_000);
        long worstLag = 0;
        long start = System.nanoTime();
        for (int i = 0; i < updates; i++) {
            long issued = System.nanoTime();
            put.setString(1, keys[i % KEYS]);
            put.setBytes(2, value(i));
            put.executeUpdate(); // autocommit: one durable transaction per update
            worstLag = Math.max(worstLag, System.nanoTime() - issued);
        }
        long total = System.nanoTime() - start;
        report(updates, total, total, updates, updates, updates, worstLag, 0);
        return updates;
    }

    private void report(int updates, long totalNanos, long issuedNanos, long writes, long entries, long fsyncs,
            long worstLagNanos, long failures) {
        System.out.printf("%n[churn] %s (rate %s): %d updates in %.1f ms (issued in %.1f ms) = %.0f updates/s;"
                        + " backend writes %d (%.2f per 1000 updates), entries written %d, fsyncs %d"
                        + " (%.2f per 1000 updates); worst update->durable lag %.1f ms; failures %d%n",
                approach, Integer.getInteger("keepsake.churn.rate", 0) > 0
                ? Integer.getInteger("keepsake.churn.rate") + "/s"
                        : "unpaced", updates, totalNanos / 1e6, issuedNanos / 1e6, updates / (totalNanos / 1e9), writes,
                writes * 1000.0 / updates, entries, fsyncs, fsyncs * 1000.0 / updates, worstLagNanos / 1e6, failures);
    }
}
