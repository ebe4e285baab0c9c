package dev.keepsake.server;

import dev.keepsake.core.remote.Protocol;
import dev.keepsake.core.remote.Protocol.Operation;
import dev.keepsake.core.remote.Protocol.Result;
import dev.keepsake.core.remote.Protocol.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sync server throughput and watch latency against real server processes, printed as the
 * Markdown rows of BENCHMARKS.md. 100-byte values; pushes are unconditional puts of new keys.
 * Run: {@code mvn -B -pl server -am -Pserver-bench -DskipTests verify}.
 */
public final class SyncBenchmark {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final byte[] VALUE = new byte[100];
    private static final AtomicLong SEQ = new AtomicLong();

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("keepsake-sync-bench");
        System.out.println("| store | workload | figure |");
        System.out.println("|---|---|---|");
        String[] sqlite = {"--data", dir.resolve("bench.db").toString()};
        run("SQLite", sqlite, dir, null);
        String url = TestSupport.freshSchema();
        try {
            String[] pg = {"--postgres", url};
            run("PostgreSQL", pg, dir, url);
            baseline(url);
        } finally {
            TestSupport.dropSchema(url);
        }
    }

    private static void run(String name, String[] store, Path dir, String pgUrl) throws Exception {
        String token = TestSupport.createToken(store, true, "*");
        try (ServerProcess server = ServerProcess.start(dir.resolve(name + ".log"), store);
                ServerProcess second = pgUrl == null ? null
                        : ServerProcess.start(dir.resolve(name + "-2.log"), store)) {
            URI uri = server.uri();
            push(uri, token, "warm", 500, 20); // JIT warm-up
            row(name, "batched push, 1 scope, 500 ops/request, 1 client",
                    rate(40 * 500, () -> push(uri, token, "one", 500, 40)), "ops/s");
            row(name, "single push, 1 scope, 1 op/request, 1 client",
                    rate(1000, () -> push(uri, token, "single", 1, 1000)), "ops/s");
            row(name, "batched push, 100 scopes, 100 ops/request, 4 clients",
                    rate(4 * 25 * 100, () -> parallel(4, c -> { for (int i = 0; i < 25; i++) {
                        push(uri, token, "s" + ((c * 25 + i) % 100), 100, 1); } })), "ops/s");
            row(name, "single push, 100 scopes, 1 op/request, 4 clients",
                    rate(4 * 400, () -> parallel(4, c -> { for (int i = 0; i < 400; i++) {
                        push(uri, token, "s" + ((c * 400 + i) % 100), 1, 1); } })), "ops/s");
            row(name, "pull 20,000 entries of 1 scope, pages of 1,000", rate(20_000, () -> pullAll(uri, token, "one")),
                    "entries/s");
            row(name, "pull 100 scopes of 100 entries, 4 clients",
                    rate(100 * 100, () -> parallel(4, c -> { for (int i = c; i < 100; i += 4) {
                        pullAll(uri, token, "s" + i); } })), "entries/s");
            long[] same = watchLatency(uri, uri, token, 200);
            row(name, "watch latency, writer and watcher on one server (p50 / p99, 200 writes)",
                    ms(same[0]) + " / " + ms(same[1]), "ms");
            if (second != null) {
                long[] cross = watchLatency(second.uri(), uri, token, 200);
                row(name, "watch latency, writer on another server process (NOTIFY) (p50 / p99, 200 writes)",
                        ms(cross[0]) + " / " + ms(cross[1]), "ms");
            }
        }
    }

    /** The same pushes written straight to PostgreSQL: upserts of 100-byte values, one transaction per batch. */
    private static void baseline(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE raw (scope TEXT, key BYTEA, value BYTEA, PRIMARY KEY (scope, key))");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw VALUES (?, ?, ?) ON CONFLICT (scope, key)"
                    + " DO UPDATE SET value = excluded.value")) {
                row("PostgreSQL, straight JDBC", "batched upsert, 500 rows/transaction", rate(40 * 500, () -> {
                    for (int b = 0; b < 40; b++) {
                        for (int i = 0; i < 500; i++) {
                            ps.setString(1, "one");
                            ps.setBytes(2, ("k" + SEQ.incrementAndGet()).getBytes());
                            ps.setBytes(3, VALUE);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                        c.commit();
                    }
                }), "rows/s");
                row("PostgreSQL, straight JDBC", "single upsert, 1 row/transaction", rate(1000, () -> {
                    for (int i = 0; i < 1000; i++) {
                        ps.setString(1, "single");
                        ps.setBytes(2, ("k" + SEQ.incrementAndGet()).getBytes());
                        ps.setBytes(3, VALUE);
                        ps.executeUpdate();
                        c.commit();
                    }
                }), "rows/s");
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    interface ClientWork {
        void run(int client) throws Exception;
    }

    private static String rate(long count, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%,.0f", count / seconds);
    }

    private static void parallel(int clients, ClientWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                work.run(client);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    private static void push(URI uri, String token, String scope, int opsPerRequest, int requests) throws Exception {
        for (int r = 0; r < requests; r++) {
            List<Operation> ops = new ArrayList<>(opsPerRequest);
            for (int i = 0; i < opsPerRequest; i++) {
                long seq = SEQ.incrementAndGet();
                ops.add(new Operation("bench", seq, "k" + seq, Protocol.ANY, VALUE));
            }
            HttpResponse<byte[]> response = CLIENT.send(
                    HttpRequest.newBuilder(uri.resolve("/v1/scopes/" + scope + "/push"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Protocol.PUSH.serialize(new Protocol.Push(ops))))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("push answered " + response.statusCode());
            }
            for (Result result : Protocol.PUSH_RESULT.deserialize(response.body()).results()) {
                if (result.status() != Status.APPLIED) {
                    throw new IllegalStateException("not applied: " + result);
                }
            }
        }
    }

    private static void pullAll(URI uri, String token, String scope) throws Exception {
        long cursor = 0;
        while (true) {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(
                    uri.resolve("/v1/scopes/" + scope + "/changes?after=" + cursor + "&limit=1000"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            Protocol.Changes page = Protocol.CHANGES.deserialize(r.body());
            cursor = page.cursor();
            if (!page.more()) {
                return;
            }
        }
    }

    /**
     * Returns p50 and p99 nanoseconds from a push's start on {@code writer} to the watch's answer on {@code watcher}.
     */
    private static long[] watchLatency(URI writer, URI watcher, String token, int samples) throws Exception {
        String scope = "watch" + SEQ.incrementAndGet();
        long[] latencies = new long[samples];
        ExecutorService pool = Executors.newSingleThreadExecutor();
        for (int i = 0; i < samples; i++) {
            long after = i;
            Future<HttpResponse<byte[]>> watch = pool.submit(() -> CLIENT.send(HttpRequest.newBuilder(
                    watcher.resolve("/v1/scopes/" + scope + "/watch?after=" + after + "&timeout=30000"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray()));
            Thread.sleep(20); // the watch is waiting
            long start = System.nanoTime();
            push(writer, token, scope, 1, 1);
            watch.get(60, TimeUnit.SECONDS);
            latencies[i] = System.nanoTime() - start;
        }
        pool.shutdown();
        Arrays.sort(latencies);
        return new long[] {latencies[samples / 2], latencies[(int) Math.ceil(samples * 0.99) - 1]};
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static void row(String store, String workload, String figure, String unit) {
        System.out.println("| " + store + " | " + workload + " | " + figure + " " + unit + " |");
    }
}
