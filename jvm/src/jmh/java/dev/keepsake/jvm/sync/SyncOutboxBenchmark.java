package dev.keepsake.jvm.sync;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.remote.Transport;
import dev.keepsake.core.sync.Sync;
import dev.keepsake.core.sync.SyncConfig;
import dev.keepsake.core.sync.TokenProvider;
import dev.keepsake.core.time.ManualScheduler;
import dev.keepsake.jvm.crypto.JvmCrypto;
import dev.keepsake.jvm.sql.SqliteBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * What the outbox costs a local write: one put of 100 bytes through the local backend alone,
 * and through a {@link Sync}'s backend (the same put plus its outbox entry in the same batch).
 * The sync is not started, so nothing is pushed and the outbox only grows: the cost measured is
 * the local write path's, not the network's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SyncOutboxBenchmark {

    @Param({"memory", "sqlite"})
    public String local;

    @Param({"plain", "synced"})
    public String path;

    private Path dir;
    private SqliteBackend sqlite;
    private StorageBackend target;
    private final byte[] value = new byte[100];
    private int n;

    @Setup(Level.Iteration)
    public void open() throws Exception {
        Arrays.fill(value, (byte) 'x');
        StorageBackend backend;
        if (local.equals("sqlite")) {
            dir = Files.createTempDirectory("keepsake-outbox-bench");
            sqlite = SqliteBackend.open(dir.resolve("local.db"));
            backend = sqlite;
        } else {
            backend = MemoryBackend.create();
        }
        if (path.equals("synced")) {
            Transport unused = request -> Async.failed(new IllegalStateException("not started"));
            SyncConfig config = SyncConfig.builder("bench", token -> unused, TokenProvider.of("t"),
                    JvmCrypto.random()).build();
            target = await(Sync.open(backend, config, ManualScheduler.create())).backend();
        } else {
            target = backend;
        }
    }

    @TearDown(Level.Iteration)
    public void close() throws Exception {
        if (sqlite != null) {
            sqlite.close();
            sqlite = null;
        }
    }

    @Benchmark
    public Object put() throws Exception {
        return await(target.write(WriteBatch.builder().put("k" + (n++ % 1000), value).build()));
    }

    private static <T> T await(Async<T> a) throws Exception {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        a.whenComplete((v, e) -> done.countDown());
        done.await();
        if (a.isFailed()) {
            throw new Exception(a.failure());
        }
        return a.peek();
    }
}
