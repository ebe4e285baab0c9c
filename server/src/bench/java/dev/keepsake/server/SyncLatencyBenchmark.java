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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Write-to-arrival latency between two JVM clients through a real server process (SQLite): the
 * time from {@code save} on device A's {@link Sync} backend to the moment device B's sync has
 * applied the value to its local backend (B's remote-change listener), B learning of it through
 * its watch long-poll. One write at a time, 30 ms apart, after 50 warm-up writes.
 */
public final class SyncLatencyBenchmark {

    private SyncLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory("keepsake-sync-latency");
        String[] store = {"--data", dir.resolve("bench.db").toString()};
        String token = TestSupport.createToken(store, true, "*");
        ThreadScheduler scheduler = ThreadScheduler.create();
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), store)) {
            Sync a = open(server.uri(), token, scheduler);
            Sync b = open(server.uri(), token, scheduler);
            Map<String, Long> arrived = new ConcurrentHashMap<>();
            b.onRemoteChange(key -> arrived.putIfAbsent(key, System.nanoTime()));
            measure(a, arrived, "warm", 50);
            long[] latencies = measure(a, arrived, "k", samples);
            Arrays.sort(latencies);
            System.out.println("| SQLite | write on A to arrival on B (p50 / p99, " + samples + " writes) | "
                    + ms(latencies[samples / 2]) + " / " + ms(latencies[(int) Math.ceil(samples * 0.99) - 1])
                    + " ms |");
            a.close();
            b.close();
        }
        System.exit(0);
    }

    private static Sync open(URI uri, String token, ThreadScheduler scheduler) throws Exception {
        SyncConfig config = SyncConfig.builder("latency", t -> RemoteTransports.httpClient(uri, t),
                TokenProvider.of(token), JvmCrypto.random()).build();
        Sync sync = TestSupport.await(Sync.open(MemoryBackend.create(), config, scheduler));
        sync.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sync.status().state() != SyncStatus.State.UP_TO_DATE && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return sync;
    }

    private static long[] measure(Sync a, Map<String, Long> arrived, String prefix, int n) throws Exception {
        long[] out = new long[n];
        byte[] value = new byte[100];
        Arrays.fill(value, (byte) 'x');
        for (int i = 0; i < n; i++) {
            String key = prefix + i;
            long start = System.nanoTime();
            TestSupport.await(a.backend().save(key, value));
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            while (!arrived.containsKey(key)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("write " + key + " never arrived");
                }
                Thread.onSpinWait();
            }
            out[i] = arrived.get(key) - start;
            Thread.sleep(30);
        }
        return out;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
