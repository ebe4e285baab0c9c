package dev.keepsake.server;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What only PostgreSQL has, beside {@link SyncServerBenchmark}: the watch latency when the writer
 * is another server process on the same database (the watcher's server learns of the write
 * through {@code LISTEN/NOTIFY}), and the floor under the server's pushes: the same puts written
 * straight to PostgreSQL over JDBC from this JVM, upserts of 100-byte values, one transaction per
 * batch, with no server, operation log or versions ({@code jdbc*}, rows per second).
 *
 * <pre>
 * mvn -B -Pbench -DskipTests verify -pl server -am -Djmh.args="PostgresSyncBenchmark"
 * </pre>
 */
public class PostgresSyncBenchmark {

    private static final AtomicLong SEQ = new AtomicLong();

    /** Two server processes on one fresh schema; a watch on the first, armed 20 ms before each timed push. */
    @State(Scope.Benchmark)
    public static class TwoServers {
        SyncHttp sync;
        URI watcher;
        URI writer;
        String scope;
        long version;
        CompletableFuture<HttpResponse<byte[]>> answer;

        @Setup(Level.Trial)
        public void start() throws Exception {
            sync = SyncHttp.store("postgresql");
            watcher = sync.startServer();
            writer = sync.startServer();
            scope = "watch" + System.nanoTime();
        }

        @Setup(Level.Invocation)
        public void arm() throws InterruptedException {
            answer = sync.watch(watcher, scope, version);
            Thread.sleep(20);
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            sync.close();
        }
    }

    /** A fresh schema with table raw (scope, key, value) and an upsert prepared on one connection. */
    @State(Scope.Benchmark)
    public static class Jdbc {
        String url;
        Connection connection;
        PreparedStatement upsert;

        @Setup(Level.Trial)
        public void open() throws Exception {
            url = TestSupport.freshSchema();
            connection = DriverManager.getConnection(url);
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE raw (scope TEXT, key BYTEA, value BYTEA, PRIMARY KEY (scope, key))");
            }
            connection.setAutoCommit(false);
            upsert = connection.prepareStatement("INSERT INTO raw VALUES (?, ?, ?) ON CONFLICT (scope, key)"
                    + " DO UPDATE SET value = excluded.value");
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            upsert.close();
            connection.close();
            TestSupport.dropSchema(url);
        }

        void add(String scope) throws Exception {
            upsert.setString(1, scope);
            upsert.setBytes(2, ("k" + SEQ.incrementAndGet()).getBytes());
            upsert.setBytes(3, SyncHttp.VALUE);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int watchWriterOnOtherServer(TwoServers servers) throws Exception {
        servers.sync.push(servers.writer, servers.scope, 1, 1);
        int status = servers.answer.get(60, TimeUnit.SECONDS).statusCode();
        servers.version++;
        return status;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(500)
    public int[] jdbcBatchedUpsert500(Jdbc jdbc) throws Exception {
        for (int i = 0; i < 500; i++) {
            jdbc.add("one");
            jdbc.upsert.addBatch();
        }
        int[] counts = jdbc.upsert.executeBatch();
        jdbc.connection.commit();
        return counts;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int jdbcSingleUpsert(Jdbc jdbc) throws Exception {
        jdbc.add("single");
        int count = jdbc.upsert.executeUpdate();
        jdbc.connection.commit();
        return count;
    }
}
