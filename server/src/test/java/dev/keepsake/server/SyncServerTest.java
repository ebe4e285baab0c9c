package dev.keepsake.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.remote.Protocol;
import dev.keepsake.core.sync.Sync;
import dev.keepsake.core.sync.SyncConfig;
import dev.keepsake.core.sync.SyncStatus;
import dev.keepsake.core.sync.TokenProvider;
import dev.keepsake.core.sync.WriteFate;
import dev.keepsake.jvm.ThreadScheduler;
import dev.keepsake.jvm.crypto.JvmCrypto;
import dev.keepsake.jvm.remote.RemoteTransports;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JVM clients syncing through a real server process over SQLite (and through two processes
 * over one PostgreSQL database): two devices converge (watch-driven), encrypted values reach the server's table only as
 * ciphertext, and a client
 * whose server is killed mid-push pushes everything exactly once after the restart.
 */
class SyncServerTest {

    @TempDir
    Path dir;

    private final ThreadScheduler scheduler = ThreadScheduler.create();
    private final List<Sync> syncs = new ArrayList<>();

    @AfterEach
    void closeSyncs() {
        for (Sync s : syncs) {
            s.close();
        }
    }

    private Sync device(MemoryBackend local, URI server, String token, String scope) {
        SyncConfig config = SyncConfig.builder(scope, t -> RemoteTransports.httpClient(server, t),
                TokenProvider.of(token), JvmCrypto.random()).backoff(50, 500).watchTimeout(2000).build();
        Sync sync = TestSupport.await(Sync.open(local, config, scheduler));
        syncs.add(sync);
        sync.start();
        return sync;
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(20);
        }
    }

    private static Map<String, String> contents(Sync sync) {
        Map<String, String> m = new TreeMap<>();
        for (String k : TestSupport.await(sync.backend().listKeys())) {
            m.put(k, new String(TestSupport.await(sync.backend().load(k)), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void twoJvmClientsConvergeThroughARealServerAfterOfflineEdits() throws Exception {
        String[] store = {"--data", dir.resolve("sync.db").toString()};
        String token = TestSupport.createToken(store, true, "*");
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), store)) {
            convergeAfterOfflineEdits(server.uri(), server.uri(), token);
        }
    }

    /**
     * Several server processes on one PostgreSQL database serve one scope: each device talks to
     * its own process and they converge as through one (that a write through one process wakes
     * the other's watchers is ProcessFaultTest's).
     */
    @Test
    void twoJvmClientsOnTwoServerProcessesOverPostgresConvergeAfterOfflineEdits() throws Exception {
        TestSupport.requirePostgres();
        String url = TestSupport.freshSchema();
        String[] store = {"--postgres", url};
        try (ServerProcess one = ServerProcess.start(dir.resolve("one.log"), store);
                ServerProcess two = ServerProcess.start(dir.resolve("two.log"), store)) {
            convergeAfterOfflineEdits(one.uri(), two.uri(), TestSupport.createToken(store, true, "*"));
        } finally {
            TestSupport.dropSchema(url);
        }
    }

    /** Device a on {@code serverA} and device b on {@code serverB} edit offline, then converge. */
    private void convergeAfterOfflineEdits(URI serverA, URI serverB, String token) throws Exception {
        Sync a = device(MemoryBackend.create(), serverA, token, "two");
        Sync b = device(MemoryBackend.create(), serverB, token, "two");
        TestSupport.await(a.backend().save("shared", "a0".getBytes(StandardCharsets.UTF_8)));
        eventually("b receives a's write through the watch", () -> contents(b).equals(Map.of("shared", "a0")));

        a.setOnline(false);
        b.setOnline(false);
        List<WriteFate> fates = new CopyOnWriteArrayList<>();
        a.onFate(fates::add);
        b.onFate(fates::add);
        for (int i = 0; i < 20; i++) {
            TestSupport.await(a.backend().save("a" + i, ("from a " + i).getBytes(StandardCharsets.UTF_8)));
            TestSupport.await(b.backend().save("b" + i, ("from b " + i).getBytes(StandardCharsets.UTF_8)));
        }
        TestSupport.await(a.backend().save("shared", "a1".getBytes(StandardCharsets.UTF_8)));
        TestSupport.await(b.backend().save("shared", "b1".getBytes(StandardCharsets.UTF_8)));
        a.setOnline(true);
        b.setOnline(true);
        eventually("both up to date and equal", () -> a.status().state() == SyncStatus.State.UP_TO_DATE
                && b.status().state() == SyncStatus.State.UP_TO_DATE && contents(a).equals(contents(b))
                && contents(a).size() == 41);
        assertEquals(1, a.status().conflicts() + b.status().conflicts(), "the shared key's second writer was told");
        long finals = fates.stream().filter(WriteFate::isFinal).count();
        assertTrue(finals >= 42, "every offline write got a final fate: " + finals);
        assertFalse(fates.stream().anyMatch(f -> f.outcome() == WriteFate.Outcome.REJECTED));
        for (int i = 0; i < 20; i++) {
            assertEquals("from a " + i, contents(b).get("a" + i));
            assertEquals("from b " + i, contents(a).get("b" + i));
        }
    }

    @Test
    void withEncryptionTheServersTableHoldsOnlyCiphertext() throws Exception {
        Path db = dir.resolve("sync.db");
        String[] store = {"--data", db.toString()};
        String token = TestSupport.createToken(store, true, "*");
        String secret = "the launch code is 0000";
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), store)) {
            EncryptionKey key = EncryptionKey.of(new byte[32]);
            PersistenceConfig config = PersistenceConfig.builder().cipher(JvmCrypto.aes256Gcm(key)).build();
            MemoryBackend la = MemoryBackend.create();
            Sync a = device(la, server.uri(), token, "secret");
            PersistenceManager<String> ma = PersistenceManager.builder(la, Serializers.json(Codecs.strings()),
                    scheduler)
                    .config(config).sync(a).build();
            TestSupport.await(ma.save("note", secret));
            eventually("pushed", () -> a.status().state() == SyncStatus.State.UP_TO_DATE);

            MemoryBackend lb = MemoryBackend.create();
            Sync b = device(lb, server.uri(), token, "secret");
            PersistenceManager<String> mb = PersistenceManager.builder(lb, Serializers.json(Codecs.strings()),
                    scheduler)
                    .config(config).sync(b).build();
            eventually("b pulled it", () -> TestSupport.await(mb.reload("note")).isPresent());
            assertEquals(Optional.of(secret), TestSupport.await(mb.reload("note")), "the other device decrypts it");

            int rows = 0;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT value FROM ks_entry WHERE value IS NOT NULL"
                            + " UNION ALL SELECT value FROM ks_op WHERE value IS NOT NULL")) {
                while (rs.next()) {
                    String stored = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
                    assertFalse(stored.contains("launch code"), "plaintext on the server");
                    assertFalse(stored.contains(secret.substring(4, 14)), "plaintext on the server");
                    rows++;
                }
            }
            assertTrue(rows >= 1, "the value is on the server: " + rows);
        }
    }

    @Test
    void aServerKilledMidPushLosesNothingAndAppliesNothingTwice() throws Exception {
        String[] store = {"--data", dir.resolve("sync.db").toString()};
        String token = TestSupport.createToken(store, true, "*");
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), store)) {
            Sync a = device(MemoryBackend.create(), server.uri(), token, "crash");
            int writes = 300;
            for (int i = 0; i < writes; i++) {
                TestSupport.await(a.backend().save("k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8)));
                if (i == 100 || i == 200) {
                    server.kill();
                    server.restart();
                }
            }
            eventually("the outbox drains", () -> a.status().state() == SyncStatus.State.UP_TO_DATE);
            Protocol.ScopeInfo info = ProcessFaultTest.info(server.uri(), token, "crash");
            assertEquals(writes, info.entries(), "every write is there");
            assertEquals(writes, info.version(), "none applied twice: one version per write");
            Sync b = device(MemoryBackend.create(), server.uri(), token, "crash");
            eventually("a second device pulls all", () -> contents(b).size() == writes);
        }
    }

    @Test
    void aClientBehindTheTombstoneHorizonIsResetPullsFromZeroAndDropsKeysDeletedMeanwhile() throws Exception {
        String[] store = {"--data", dir.resolve("sync.db").toString()};
        String token = TestSupport.createToken(store, true, "*");
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), store[0], store[1],
                "--keep-tombstones", "1")) {
            Sync a = device(MemoryBackend.create(), server.uri(), token, "reset");
            Sync b = device(MemoryBackend.create(), server.uri(), token, "reset");
            TestSupport.await(a.backend().save("x", "1".getBytes(StandardCharsets.UTF_8)));
            eventually("b has x", () -> contents(b).equals(Map.of("x", "1")));
            b.setOnline(false);
            TestSupport.await(a.backend().delete("x"));
            for (int i = 0; i < 5; i++) {
                TestSupport.await(a.backend().save("z" + i, "2".getBytes(StandardCharsets.UTF_8)));
            }
            for (int i = 0; i < 4; i++) {
                TestSupport.await(a.backend().delete("z" + i));
            }
            eventually("a pushed", () -> a.status().state() == SyncStatus.State.UP_TO_DATE);
            assertTrue(ProcessFaultTest.info(server.uri(), token, "reset").horizon() > 1,
                    "b's cursor is behind the horizon");
            b.setOnline(true);
            eventually("b converges after the reset", () -> contents(b).equals(Map.of("z4", "2")));
        }
    }
}
