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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server benchmarks share: real server processes ({@link ServerProcess}) on a SQLite
 * file or a fresh PostgreSQL schema with a read-write token for every scope, and the protocol's
 * requests over the JDK's HTTP client: pushes of unconditional puts of new keys with 100-byte
 * values, full pulls in pages of 1,000, and watches.
 */
final class SyncHttp implements AutoCloseable {

    static final byte[] VALUE = new byte[100];

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final AtomicLong SEQ = new AtomicLong();

    private final Path dir;
    private final String pgUrl;
    private final String[] store;
    private final String token;
    private final List<ServerProcess> servers = new ArrayList<>();

    private SyncHttp(Path dir, String pgUrl, String[] store, String token) {
        this.dir = dir;
        this.pgUrl = pgUrl;
        this.store = store;
        this.token = token;
    }

    /** A store, "sqlite" (a file in a new temporary folder) or "postgresql" (a fresh schema), and its token. */
    static SyncHttp store(String kind) throws Exception {
        Path dir = Files.createTempDirectory("keepsake-sync-bench");
        String pgUrl = switch (kind) {
            case "sqlite" -> null;
            case "postgresql" -> TestSupport.freshSchema();
            default -> throw new IllegalArgumentException(kind);
        };
        String[] store = pgUrl == null ? new String[] {"--data", dir.resolve("bench.db").toString()}
                : new String[] {"--postgres", pgUrl};
        return new SyncHttp(dir, pgUrl, store, TestSupport.createToken(store, true, "*"));
    }

    /** Starts one more server process on this store; returns its address. */
    URI startServer() throws Exception {
        ServerProcess server = ServerProcess.start(dir.resolve("server-" + servers.size() + ".log"), store);
        servers.add(server);
        return server.uri();
    }

    String token() {
        return token;
    }

    /** The JDBC URL of the PostgreSQL schema, or null on SQLite. */
    String pgUrl() {
        return pgUrl;
    }

    /** Pushes {@code requests} requests of {@code opsPerRequest} puts of new keys to {@code scope}. */
    void push(URI uri, String scope, int opsPerRequest, int requests) throws Exception {
        for (int r = 0; r < requests; r++) {
            List<Operation> ops = new ArrayList<>(opsPerRequest);
            for (int i = 0; i < opsPerRequest; i++) {
                long seq = SEQ.incrementAndGet();
                ops.add(new Operation("bench", seq, "k" + seq, Protocol.ANY, VALUE));
            }
            HttpResponse<byte[]> response = CLIENT.send(
                    HttpRequest.newBuilder(uri.resolve("/v1/scopes/" + scope + "/push"))
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(
                                    Protocol.PUSH.serialize(new Protocol.Push(ops))))
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

    /** Pulls every change of {@code scope} in pages of 1,000; returns how many entries came. */
    int pullAll(URI uri, String scope) throws Exception {
        long cursor = 0;
        int entries = 0;
        while (true) {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(
                    uri.resolve("/v1/scopes/" + scope + "/changes?after=" + cursor + "&limit=1000"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("pull answered " + r.statusCode());
            }
            Protocol.Changes page = Protocol.CHANGES.deserialize(r.body());
            entries += page.changes().size();
            cursor = page.cursor();
            if (!page.more()) {
                return entries;
            }
        }
    }

    /** Starts a watch of {@code scope} for changes after version {@code after} (30 s long-poll). */
    CompletableFuture<HttpResponse<byte[]>> watch(URI uri, String scope, long after) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(
                uri.resolve("/v1/scopes/" + scope + "/watch?after=" + after + "&timeout=30000"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Stops the servers and drops the PostgreSQL schema. */
    @Override
    public void close() throws InterruptedException, SQLException {
        for (ServerProcess server : servers) {
            server.close();
        }
        if (pgUrl != null) {
            TestSupport.dropSchema(pgUrl);
        }
    }
}
