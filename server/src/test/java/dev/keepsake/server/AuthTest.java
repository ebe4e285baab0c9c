package dev.keepsake.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.remote.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, grants, security headers, CORS, and what never reaches a log or an error. */
class AuthTest {

    @TempDir
    Path dir;

    String[] store;
    SyncServer server;
    Http http;

    @BeforeEach
    void start() throws Exception {
        store = new String[] {"--data", dir.resolve("sync.db").toString()};
        server = SyncServer.start(ServerConfig.builder().port(0).sqlite(dir.resolve("sync.db"))
                .corsOrigin("https://app.example").maxValueBytes(100).build());
        http = new Http(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    static byte[] pushBody(String client, String key, String value) {
        return Protocol.PUSH.serialize(new Protocol.Push(List.of(
                new Protocol.Operation(client, 1, key, 0, value.getBytes(StandardCharsets.UTF_8)))));
    }

    long version(String scope) throws Exception {
        String admin = TestSupport.createToken(store, false, scope);
        return Protocol.SCOPE_INFO.deserialize(http.get("/v1/scopes/" + scope, admin).body()).version();
    }

    @Test
    void aRequestWithoutAValidTokenGets401AndTouchesNothing() throws Exception {
        String revoked = TestSupport.createToken(store, true, "s");
        String id = revoked.split("\\.")[1];
        assertEquals(0, Main.run(new String[] {"token", "revoke", id, "--data", store[1]}, quiet(), quiet()));
        List<String> tokens = new ArrayList<>(List.of("", "ks1.0000.unknown", revoked));
        for (String token : tokens) {
            HttpResponse<byte[]> r = http.post("/v1/scopes/s/push", token.isEmpty() ? null : token,
                    pushBody("c", "k", "v"));
            assertEquals(401, r.statusCode(), "token: " + (token.isEmpty() ? "none" : "invalid"));
            assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals("unauthorized", Protocol.PROBLEM.deserialize(r.body()).error());
        }
        HttpResponse<byte[]> basic = http.get("/v1/scopes/s/changes", null, "Authorization", "Basic dXNlcjpwYXNz");
        assertEquals(401, basic.statusCode());
        assertEquals(0, version("s"), "no refused push was applied");
    }

    @Test
    void aTokenAllowsOnlyItsScopesAndWritesOnlyWhenGrantedWrite() throws Exception {
        String reader = TestSupport.createToken(store, false, "s");
        String writer = TestSupport.createToken(store, true, "s", "t");
        assertEquals(403, http.post("/v1/scopes/s/push", reader, pushBody("c", "k", "v")).statusCode());
        assertEquals(403, http.get("/v1/scopes/u/changes", writer).statusCode());
        assertEquals(403, http.post("/v1/scopes/u/push", writer, pushBody("c", "k", "v")).statusCode());
        assertEquals(0, version("s"));
        assertEquals(0, version("u"));
        assertEquals(200, http.get("/v1/scopes/s/changes", reader).statusCode());
        assertEquals(200, http.post("/v1/scopes/t/push", writer, pushBody("c", "k", "v")).statusCode());
        assertEquals(1, version("t"));
    }

    @Test
    void tokensAreStoredOnlyAsTheirSha256() throws Exception {
        String token = TestSupport.createToken(store, true, "s");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store[1]);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, hash, scopes FROM ks_token")) {
            assertTrue(rs.next());
            assertEquals(token.split("\\.")[1], rs.getString(1));
            assertEquals(Tokens.hash(token), rs.getString(2));
            assertEquals(64, rs.getString(2).length());
            assertFalse(rs.getString(2).contains(token.split("\\.")[2]));
        }
        byte[] file = Files.readAllBytes(Path.of(store[1]));
        assertFalse(new String(file, StandardCharsets.ISO_8859_1).contains(token.split("\\.")[2]),
                "the secret is nowhere in the database file");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        String token = TestSupport.createToken(store, true, "s");
        List<HttpResponse<byte[]>> answers = List.of(
                http.get("/v1/scopes/s", token),
                http.get("/v1/scopes/s", null),
                http.get("/nothing", token),
                http.post("/v1/scopes/s/push", token, "not json".getBytes(StandardCharsets.UTF_8)));
        for (HttpResponse<byte[]> r : answers) {
            String status = "status " + r.statusCode();
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), status);
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null), status);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), status);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), status);
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"),
                    status);
            assertFalse(r.headers().firstValue("Server").isPresent(), status + ": no server version");
        }
    }

    @Test
    void corsHeadersGoOnlyToConfiguredOrigins() throws Exception {
        String token = TestSupport.createToken(store, false, "s");
        HttpResponse<byte[]> preflight = http.send("OPTIONS", "/v1/scopes/s/push", null, null,
                "Origin", "https://app.example", "Access-Control-Request-Method", "POST");
        assertEquals(204, preflight.statusCode());
        assertEquals("https://app.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        HttpResponse<byte[]> allowed = http.get("/v1/scopes/s", token, "Origin", "https://app.example");
        assertEquals("https://app.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        HttpResponse<byte[]> other = http.get("/v1/scopes/s", token, "Origin", "https://evil.example");
        assertNull(other.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(403, http.send("OPTIONS", "/v1/scopes/s/push", null, null, "Origin", "https://evil.example").statusCode());
    }

    @Test
    void noValueKeyOrTokenAppearsInAnyLogLineOrErrorMessage() throws Exception {
        Path logFile = dir.resolve("server.log");
        String[] processStore = {"--data", dir.resolve("process.db").toString(), "--max-value", "100"};
        ByteArrayOutputStream adminErr = new ByteArrayOutputStream();
        ByteArrayOutputStream adminOut = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"token", "create", "--scope", "s", "--write", "--data", processStore[1]},
                new PrintStream(adminOut, true, StandardCharsets.UTF_8),
                new PrintStream(adminErr, true, StandardCharsets.UTF_8)));
        String token = adminOut.toString(StandardCharsets.UTF_8).trim();
        String key = "secret-key-7f3a";
        String value = "secret-value-91bc";
        String forged = "ks1.feedfacefeedface.forged-token-secret-5d2e";
        List<String> errorBodies = new ArrayList<>();
        try (ServerProcess p = ServerProcess.start(logFile, processStore)) {
            Http h = new Http(p.uri());
            String path = "/v1/scopes/s";
            List<HttpResponse<byte[]>> answers = new ArrayList<>();
            answers.add(h.post(path + "/push", token, pushBody("c", key, value)));
            answers.add(h.post(path + "/push", token, pushBody("d", key, value)));                  // conflict
            answers.add(h.post(path + "/push", token, pushBody("e", key, value.repeat(10))));       // rejected
            answers.add(h.post(path + "/push", forged, pushBody("f", key, value)));                 // 401
            answers.add(h.post(path + "/push", token,
                    ("{\"operations\":[{\"key\":\"" + key + "\",\"value\":\"" + value + "\"")
                    .getBytes(StandardCharsets.UTF_8)));                                              // 400
            answers.add(h.get(path + "/entry?key=" + Protocol.keyParameter(key + "x"), token));     // 404
            answers.add(h.get(path + "/entry?key=" + Protocol.keyParameter(key), token));
            answers.add(h.get("/v1/scopes/other/changes", token));                                  // 403
            for (HttpResponse<byte[]> r : answers) {
                if (r.statusCode() >= 400) {
                    errorBodies.add(r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
                }
            }
            assertEquals(4, errorBodies.size(), errorBodies.toString());
        }
        String log = Files.readString(logFile);
        assertTrue(log.contains("POST /v1/scopes/s/push 200"), "the log has request lines: " + log);
        Map<String, String> secrets = Map.of("key", key, "value", value,
                "value in base64", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)),
                "token", token, "token secret", token.split("\\.")[2], "forged token", forged);
        String admin = adminErr.toString(StandardCharsets.UTF_8);
        for (Map.Entry<String, String> s : secrets.entrySet()) {
            assertFalse(log.contains(s.getValue()), "the log shows the " + s.getKey());
            assertFalse(admin.contains(s.getValue()), "the admin command's messages show the " + s.getKey());
            for (String body : errorBodies) {
                assertFalse(body.contains(s.getValue()), "an error answer shows the " + s.getKey() + ": " + body);
            }
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

}
