package dev.keepsake.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.remote.Protocol;
import dev.keepsake.core.remote.Protocol.Operation;
import dev.keepsake.core.remote.Protocol.Result;
import dev.keepsake.core.remote.Protocol.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-process faults: the server killed with SIGKILL in the middle of pushes and restarted;
 * PostgreSQL terminating the server's connection inside a push's transaction; two server
 * processes on one database with clients on both.
 */
class ProcessFaultTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    /** Sends a push; returns its results, or null when no answer or a 503 came back. */
    static List<Result> tryPush(URI server, String token, String scope, List<Operation> ops, boolean atomic) {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/v1/scopes/" + scope + "/push"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Protocol.PUSH.serialize(new Protocol.Push(ops, atomic))))
                        .build();
        try {
            HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 503) {
                return null;
            }
            assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
            return Protocol.PUSH_RESULT.deserialize(r.body()).results();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Protocol.ScopeInfo info(URI server, String token, String scope) {
        HttpResponse<byte[]> r = new Http(server).get("/v1/scopes/" + scope, token);
        assertEquals(200, r.statusCode());
        return Protocol.SCOPE_INFO.deserialize(r.body());
    }

    @Test
    void aServerKilledWithSigkillMidPushLosesNoAcknowledgedWriteAndAppliesNoneTwiceSqlite() throws Exception {
        killMidPush(new String[] {"--data", dir.resolve("sync.db").toString()});
    }

    @Test
    void aServerKilledWithSigkillMidPushLosesNoAcknowledgedWriteAndAppliesNoneTwicePostgres() throws Exception {
        TestSupport.requirePostgres();
        String url = TestSupport.freshSchema();
        try {
            killMidPush(new String[] {"--postgres", url});
        } finally {
            TestSupport.dropSchema(url);
        }
    }

    /**
     * One client pushes batches of 10 unconditional puts while the server is SIGKILLed twice; after each failure it
     * resends the same batch (same seqs) until it gets an answer.
     */
    private void killMidPush(String[] store) throws Exception {
        String token = TestSupport.createToken(store, true, "*");
        int batches = 40;
        Map<String, Long> acknowledged = new HashMap<>();
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), store)) {
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService killer = Executors.newSingleThreadExecutor();
            Future<Integer> kills = killer.submit(() -> {
                int n = 0;
                while (n < 2 && !done.get()) {
                    Thread.sleep(400 + 300L * n);
                    server.kill();
                    n++;
                    server.restart();
                }
                return n;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            for (int b = 0; b < batches; b++) {
                List<Operation> ops = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    int seq = b * 10 + i + 1;
                    ops.add(new Operation("writer", seq, "k" + seq, Protocol.ANY,
                            ("v" + seq).getBytes(StandardCharsets.UTF_8)));
                }
                List<Result> results;
                while ((results = tryPush(server.uri(), token, "crash", ops, false)) == null) {
                    assertTrue(System.nanoTime() < deadline, "the server never came back");
                    Thread.sleep(50);
                }
                for (int i = 0; i < 10; i++) {
                    assertEquals(Status.APPLIED, results.get(i).status());
                    acknowledged.put(ops.get(i).key(), results.get(i).version());
                }
                Thread.sleep(20);
            }
            done.set(true);
            assertTrue(kills.get(60, TimeUnit.SECONDS) >= 1, "the server was killed at least once during the pushes");
            killer.shutdown();
            Protocol.ScopeInfo info = info(server.uri(), token, "crash");
            assertEquals(batches * 10L, info.entries(), "every acknowledged put is there");
            assertEquals(batches * 10L, info.version(), "no put was applied twice: one version per operation");
            Protocol.Changes all = Protocol.CHANGES.deserialize(new Http(server.uri())
                    .get("/v1/scopes/crash/changes?limit=10000", token).body());
            for (Protocol.Change c : all.changes()) {
                assertEquals(acknowledged.get(c.key()), c.version(), "the version the client was told");
            }
        }
    }

    @Test
    void aDatabaseConnectionTerminatedMidTransactionAppliesNothingAndTheResentPushAppliesOnce() throws Exception {
        TestSupport.requirePostgres();
        String url = TestSupport.freshSchema();
        String[] store = {"--postgres", url};
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), store)) {
            String token = TestSupport.createToken(store, true, "*");
            assertEquals(Status.APPLIED, tryPush(server.uri(), token, "s",
                    List.of(new Operation("c", 1, "held", 0, new byte[] {1})), false).get(0).status());
            List<Operation> ops = List.of(
                    new Operation("c", 2, "first", 0, new byte[] {2}),
                    new Operation("c", 3, "held", 1, new byte[] {3}));
            try (Connection holder = DriverManager.getConnection(url)) {
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    // The push writes "first", then waits for this row lock on "held": mid-transaction.
                    st.execute("SELECT * FROM ks_entry WHERE key = '\\x68656c64'::bytea FOR UPDATE");
                }
                CompletableFuture<List<Result>> push = CompletableFuture.supplyAsync(
                        () -> tryPush(server.uri(), token, "s", ops, false));
                int pid = awaitBlockedServerBackend(holder);
                try (PreparedStatement kill = holder.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    kill.setInt(1, pid);
                    kill.executeQuery().close();
                }
                assertEquals(null, push.get(30, TimeUnit.SECONDS), "the push was answered 503");
                holder.rollback();
            }
            assertEquals(1, info(server.uri(), token, "s").version(), "nothing of the terminated push was applied");
            List<Result> resent = tryPush(server.uri(), token, "s", ops, false);
            assertEquals(List.of(Status.APPLIED, Status.APPLIED), resent.stream().map(Result::status).toList());
            List<Result> again = tryPush(server.uri(), token, "s", ops, false);
            assertEquals(resent.stream().map(Result::toString).toList(), again.stream().map(Result::toString).toList());
            assertEquals(3, info(server.uri(), token, "s").version(), "applied once");
        } finally {
            TestSupport.dropSchema(url);
        }
    }

    private static int awaitBlockedServerBackend(Connection c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (PreparedStatement st = c.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'keepsake-server'"
                + " AND wait_event_type = 'Lock'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the server's push never waited for the lock");
    }

    @Test
    void twoServersOnOneDatabaseServeOneScopeWithoutGapsAndWakeEachOthersWatchersAfterLosingTheirListenConnection()
            throws Exception {
        TestSupport.requirePostgres();
        String url = TestSupport.freshSchema();
        String[] store = {"--postgres", url};
        try (ServerProcess one = ServerProcess.start(dir.resolve("one.log"), store);
                ServerProcess two = ServerProcess.start(dir.resolve("two.log"), store)) {
            String token = TestSupport.createToken(store, true, "*");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            assertEquals(0, info(one.uri(), token, "shared").version()); // both servers warm, the scope empty
            assertEquals(0, info(two.uri(), token, "shared").version());
            Future<HttpResponse<byte[]>> watch = pool.submit(() ->
                    new Http(one.uri()).get("/v1/scopes/shared/watch?after=0&timeout=20000", token));
            Thread.sleep(500);
            tryPush(two.uri(), token, "shared", List.of(new Operation("w", 1, "first", 0, new byte[] {1})), false);
            long committed = System.nanoTime();
            HttpResponse<byte[]> woke = watch.get(15, TimeUnit.SECONDS);
            long latency = System.nanoTime() - committed;
            assertEquals(1, Protocol.WATCH.deserialize(woke.body()).version());
            // The watch waits up to 20 s: an answer well before that came through NOTIFY.
            assertTrue(latency < TimeUnit.SECONDS.toNanos(8),
                    "woken through NOTIFY, not by the timeout: " + latency / 1_000_000 + " ms");

            List<Future<List<Long>>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                URI target = (w % 2 == 0 ? one : two).uri();
                String client = "c" + w;
                writers.add(pool.submit(() -> {
                    List<Long> versions = new ArrayList<>();
                    for (int i = 1; i <= 25; i++) {
                        Result r = tryPush(target, token, "shared",
                                List.of(new Operation(client, i, client + i, 0, new byte[] {(byte) i})), false).get(0);
                        assertEquals(Status.APPLIED, r.status());
                        versions.add(r.version());
                    }
                    return versions;
                }));
            }
            java.util.TreeSet<Long> all = new java.util.TreeSet<>();
            for (Future<List<Long>> f : writers) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertEquals(100, all.size());
            assertEquals(2L, all.first());
            assertEquals(101L, all.last(), "versions from both servers interleave without gaps");
            assertEquals(info(one.uri(), token, "shared"), info(two.uri(), token, "shared"),
                    "both servers see one state");

            // The notification connections die: each listener wakes its waiters and listens again.
            try (Connection c = DriverManager.getConnection(TestSupport.PG_URL); Statement st = c.createStatement()) {
                st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = 'keepsake-server-listen'").close();
            }
            Thread.sleep(3000);
            Future<HttpResponse<byte[]>> again = Executors.newSingleThreadExecutor().submit(() ->
                    new Http(one.uri()).get("/v1/scopes/shared/watch?after=101&timeout=20000", token));
            Thread.sleep(500);
            tryPush(two.uri(), token, "shared", List.of(new Operation("w", 2, "after", 0, new byte[] {2})), false);
            long pushedAgain = System.nanoTime();
            assertEquals(102, Protocol.WATCH.deserialize(again.get(15, TimeUnit.SECONDS).body()).version());
            assertTrue(System.nanoTime() - pushedAgain < TimeUnit.SECONDS.toNanos(8),
                    "a listener that lost its connection listens again");
        } finally {
            TestSupport.dropSchema(url);
        }
    }
}
