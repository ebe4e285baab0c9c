package dev.keepsake.server;

import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.sync.Sync;
import dev.keepsake.core.sync.SyncConfig;
import dev.keepsake.core.sync.SyncStatus;
import dev.keepsake.core.sync.TokenProvider;
import dev.keepsake.jvm.ThreadScheduler;
import dev.keepsake.jvm.crypto.JvmCrypto;
import dev.keepsake.jvm.remote.RemoteTransports;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Write-to-arrival latency between two JVM clients through a real server process on SQLite: the
 * time from {@code save} on device A's {@link Sync} backend until device B's sync has applied the
 * value to its local backend (B's remote-change listener), B learning of it through its watch
 * long-poll. One write at a time, 30 ms apart (untimed); SampleTime, so the table shows p50 and
 * p99; JMH's warm-up iterations stand for the old 50 warm-up writes.
 *
 * <pre>
 * mvn -B -Pbench -DskipTests verify -pl server -am -Djmh.args="SyncClientLatencyBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SyncClientLatencyBenchmark {

    private final byte[] value = new byte[100];
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();
    private SyncHttp store;
    private ThreadScheduler scheduler;
    private Sync a;
    private Sync b;
    private long next;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Arrays.fill(value, (byte) 'x');
        store = SyncHttp.store("sqlite");
        URI uri = store.startServer();
        scheduler = ThreadScheduler.create();
        a = open(uri);
        b = open(uri);
        b.onRemoteChange(key -> arrived.putIfAbsent(key, System.nanoTime()));
    }

    @Setup(Level.Invocation)
    public void pause() throws InterruptedException {
        Thread.sleep(30);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        TestSupport.await(a.close());
        TestSupport.await(b.close());
        scheduler.close();
        store.close();
    }

    @Benchmark
    public long writeOnAArrivesOnB() {
        String key = "k" + next++;
        long start = System.nanoTime();
        TestSupport.await(a.backend().save(key, value));
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        Long at;
        while ((at = arrived.get(key)) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("write " + key + " never arrived");
            }
            Thread.onSpinWait();
        }
        return at - start;
    }

    private Sync open(URI uri) throws Exception {
        SyncConfig config = SyncConfig.builder("latency", t -> RemoteTransports.httpClient(uri, t),
                TokenProvider.of(store.token()), JvmCrypto.random()).build();
        Sync sync = TestSupport.await(Sync.open(MemoryBackend.create(), config, scheduler));
        sync.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sync.status().state() != SyncStatus.State.UP_TO_DATE && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return sync;
    }
}
