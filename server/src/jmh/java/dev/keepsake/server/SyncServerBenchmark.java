package dev.keepsake.server;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Sync server throughput and watch latency against a real server process (started from the test
 * class path) on SQLite or PostgreSQL ({@code store}; PostgreSQL at 127.0.0.1:5432, db test, or
 * {@code KEEPSAKE_PG_URL}), over loopback HTTP from this JVM. Pushes are unconditional puts of
 * new keys with 100-byte values. Throughput is operations (pushed or pulled entries) per second;
 * the 4-client benchmarks run 4 JMH threads. {@code watch} is the time from a push's start to
 * the answer of a watch already waiting on the same server (SampleTime: p50 and p99 in the table).
 *
 * <pre>
 * mvn -B -Pbench -DskipTests verify -pl server -am -Djmh.args="SyncServerBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SyncServerBenchmark {

    /** One server process on a fresh store, for one benchmark and store. */
    @State(Scope.Benchmark)
    public static class Server {
        @Param({"sqlite", "postgresql"})
        public String store;

        SyncHttp sync;
        URI uri;
        final AtomicInteger next = new AtomicInteger();

        @Setup(Level.Trial)
        public void start() throws Exception {
            sync = SyncHttp.store(store);
            uri = sync.startServer();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            sync.close();
        }

        /** The next of 100 scopes named {@code prefix + 0..99}, in turn across threads. */
        String nextScope(String prefix) {
            return prefix + Math.floorMod(next.getAndIncrement(), 100);
        }
    }

    /** What the pull benchmarks read: scope "pull" holds 20,000 entries, scopes p0..p99 100 each. */
    @State(Scope.Benchmark)
    public static class Pulled {
        @Setup(Level.Trial)
        public void fill(Server server) throws Exception {
            server.sync.push(server.uri, "pull", 500, 40);
            for (int s = 0; s < 100; s++) {
                server.sync.push(server.uri, "p" + s, 100, 1);
            }
        }
    }

    /** A watch waiting for the next change of a scope of its own, armed 20 ms before each timed push. */
    @State(Scope.Thread)
    public static class Watch {
        String scope;
        long version;
        CompletableFuture<HttpResponse<byte[]>> answer;

        @Setup(Level.Trial)
        public void name() {
            scope = "watch" + System.nanoTime();
        }

        @Setup(Level.Invocation)
        public void arm(Server server) throws InterruptedException {
            answer = server.sync.watch(server.uri, scope, version);
            Thread.sleep(20);
        }
    }

    @Benchmark
    @OperationsPerInvocation(500)
    public void pushBatched500OneScope(Server server) throws Exception {
        server.sync.push(server.uri, "one", 500, 1);
    }

    @Benchmark
    public void pushSingleOneScope(Server server) throws Exception {
        server.sync.push(server.uri, "single", 1, 1);
    }

    @Benchmark
    @Threads(4)
    @OperationsPerInvocation(100)
    public void pushBatched100Scopes4Clients(Server server) throws Exception {
        server.sync.push(server.uri, server.nextScope("s"), 100, 1);
    }

    @Benchmark
    @Threads(4)
    public void pushSingle100Scopes4Clients(Server server) throws Exception {
        server.sync.push(server.uri, server.nextScope("s"), 1, 1);
    }

    @Benchmark
    @OperationsPerInvocation(20_000)
    public int pull20000OneScope(Server server, Pulled pulled) throws Exception {
        return expect(20_000, server.sync.pullAll(server.uri, "pull"));
    }

    @Benchmark
    @Threads(4)
    @OperationsPerInvocation(100)
    public int pull100Scopes4Clients(Server server, Pulled pulled) throws Exception {
        return expect(100, server.sync.pullAll(server.uri, server.nextScope("p")));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int watch(Server server, Watch watch) throws Exception {
        server.sync.push(server.uri, watch.scope, 1, 1);
        int status = watch.answer.get(60, TimeUnit.SECONDS).statusCode();
        watch.version++;
        return status;
    }

    private static int expect(int expected, int entries) {
        if (entries != expected) {
            throw new IllegalStateException("pulled " + entries + " entries, expected " + expected);
        }
        return entries;
    }
}
