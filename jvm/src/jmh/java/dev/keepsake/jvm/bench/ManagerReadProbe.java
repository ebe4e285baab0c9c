package dev.keepsake.jvm.bench;

import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.jvm.JvmAsync;
import dev.keepsake.jvm.ThreadScheduler;
import dev.keepsake.jvm.sql.SqliteBackend;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One hot point read at a time through {@link SqliteBackend#load} and through a
 * {@link PersistenceManager} over SQLite with the cache off: a probe to profile the manager's
 * own share of a read (for instance with {@code -prof jfr} or {@code -prof stack}), not a
 * comparison to quote (machine load moves trials; {@link RawRatioBenchmark} interleaves).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ManagerReadProbe {

    private static final int KEYS = 1000;

    private Path dir;
    private String[] keys;
    private SqliteBackend backend;
    private SqliteBackend managerBackend;
    private ThreadScheduler scheduler;
    private PersistenceManager<byte[]> manager;
    private PersistenceManager<byte[]> memoryManager;
    private final SplittableRandom random = new SplittableRandom(7);

    @Setup
    public void open() throws Exception {
        dir = Stores.newDir();
        keys = new String[KEYS];
        backend = SqliteBackend.open(dir.resolve("backend.db"));
        managerBackend = SqliteBackend.open(dir.resolve("manager.db"));
        scheduler = ThreadScheduler.create();
        manager = PersistenceManager.builder(managerBackend, Serializers.binary(Codecs.bytes()), scheduler)
                .config(PersistenceConfig.builder().cacheSize(0).build())
                .build();
        WriteBatch.Builder batch = WriteBatch.builder();
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/key-" + i;
            byte[] value = new byte[100];
            r.nextBytes(value);
            batch.put(keys[i], value);
            manager.save(keys[i], value);
        }
        JvmAsync.toFuture(backend.write(batch.build())).join();
        JvmAsync.toFuture(manager.flush()).join();
        memoryManager = PersistenceManager
                .builder(MemoryBackend.create(), Serializers.binary(Codecs.bytes()), scheduler)
                .config(PersistenceConfig.builder().cacheSize(0).build())
                .build();
        for (int i = 0; i < KEYS; i++) {
            memoryManager.save(keys[i], new byte[100]);
        }
        JvmAsync.toFuture(memoryManager.flush()).join();
    }

    @TearDown
    public void close() throws Exception {
        JvmAsync.toFuture(manager.close()).join();
        managerBackend.close();
        backend.close();
        scheduler.close();
        Stores.delete(dir);
    }

    @Benchmark
    public byte[] backendLoad() {
        return JvmAsync.toFuture(backend.load(keys[random.nextInt(KEYS)])).join();
    }

    @Benchmark
    public Object backendLoadVersioned() {
        return JvmAsync.toFuture(backend.loadVersioned(keys[random.nextInt(KEYS)])).join();
    }

    /** Over a memory backend, which answers at once: core's share of a load alone. */
    @Benchmark
    public byte[] memoryManagerLoad() {
        return JvmAsync.toFuture(memoryManager.load(keys[random.nextInt(KEYS)])).join().orElseThrow();
    }

    @Benchmark
    public byte[] managerLoad() {
        return JvmAsync.toFuture(manager.load(keys[random.nextInt(KEYS)])).join().orElseThrow();
    }
}
