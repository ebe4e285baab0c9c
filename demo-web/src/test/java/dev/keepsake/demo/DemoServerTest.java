package dev.keepsake.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.remote.Protocol;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo server over HTTP: files, the sync configuration and its embedded sync server,
 * compression, security headers, slow clients, and the command line's failures.
 */
class DemoServerTest {

    private DemoServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        server = DemoServer.start(0);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send(URI.create("http://127.0.0.1:" + server.port() + path), "GET", null, headers);
    }

    private HttpResponse<byte[]> send(URI uri, String method, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    @Test
    void servesTheIndexPageAsHtml() throws Exception {
        HttpResponse<byte[]> response = get("/");
        assertEquals(200, response.statusCode());
        assertTrue(header(response, "Content-Type").startsWith("text/html"));
        assertTrue(text(response).contains("Keepsake"));
    }

    @Test
    void missingFilesAre404AndTraversalIsRefused() throws Exception {
        assertEquals(404, get("/no-such-file.js").statusCode());
        assertEquals(400, get("/..%2f..%2fetc/passwd").statusCode());
        int dots = get("/%2e%2e/pom.xml").statusCode();
        assertTrue(dots == 400 || dots == 404, "dot segments never leave web/: " + dots);
        assertEquals(404, get("/dev/keepsake/demo/DemoServer.class").statusCode(), "only web/ is served");
        assertEquals(405, send(URI.create("http://127.0.0.1:" + server.port() + "/"), "POST", new byte[1]).statusCode());
    }

    @Test
    void contentTypesSuitBrowsers() {
        assertEquals("application/wasm", StaticFiles.contentType("/keepsake.wasm"));
        assertTrue(StaticFiles.contentType("/keepsake.js").startsWith("text/javascript"));
        assertEquals("image/svg+xml", StaticFiles.contentType("/favicon.svg"));
        assertEquals("application/octet-stream", StaticFiles.contentType("/blob"));
    }

    @Test
    void theIndexLinksAFaviconThatIsServed() throws Exception {
        Matcher icon = Pattern.compile("<link rel=\"icon\" href=\"([^\"]+)\"").matcher(text(get("/")));
        assertTrue(icon.find(), "index.html links an icon");
        HttpResponse<byte[]> favicon = get("/" + icon.group(1));
        assertEquals(200, favicon.statusCode());
        assertEquals("image/svg+xml", header(favicon, "Content-Type"));
        assertTrue(text(favicon).startsWith("<svg"));
    }

    @Test
    void theSyncConfigIsServedAndItsTokenReadsAndWritesTheDemoScopeOnTheEmbeddedServer() throws Exception {
        HttpResponse<byte[]> response = get("/sync-config.json");
        assertEquals(200, response.statusCode());
        assertTrue(header(response, "Content-Type").startsWith("application/json"));
        assertEquals("no-store", header(response, "Cache-Control"), "the token is not cached");
        String json = text(response);
        assertTrue(json.trim().matches("\\{\"url\": \"[^\"]+\", \"scope\": \"demo\", \"token\": \"[^\"]+\"}"), json);
        String url = field(json, "url");
        String token = field(json, "token");
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+"), url);
        assertFalse(url.endsWith(":" + server.port()), "the sync server listens on a port of its own");

        URI scope = URI.create(url + "/v1/scopes/demo");
        assertEquals(401, send(scope, "GET", null).statusCode(), "without the token");
        assertEquals(401, send(scope, "GET", null, "Authorization", "Bearer ks1.00.wrong").statusCode());
        assertEquals(200, send(scope, "GET", null, "Authorization", "Bearer " + token).statusCode(), "the token reads");
        byte[] push = Protocol.PUSH.serialize(new Protocol.Push(List.of(
                new Protocol.Operation("demo-test", 1, "note", 0, "hello".getBytes(StandardCharsets.UTF_8)))));
        HttpResponse<byte[]> pushed = send(URI.create(url + "/v1/scopes/demo/push"), "POST", push, "Authorization",
                "Bearer " + token);
        assertEquals(200, pushed.statusCode(), text(pushed));
        HttpResponse<byte[]> changes = send(URI.create(url + "/v1/scopes/demo/changes?after=0&limit=10"), "GET", null,
                "Authorization", "Bearer " + token);
        List<Protocol.Change> list = Protocol.CHANGES.deserialize(changes.body()).changes();
        assertEquals(1, list.size());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), list.get(0).value(), "the token writes");
        assertEquals(403, send(URI.create(url + "/v1/scopes/other"), "GET", null, "Authorization", "Bearer " + token)
                .statusCode(),
                "the token is for scope demo only");

        String origin = "http://127.0.0.1:" + server.port();
        HttpResponse<byte[]> preflight = send(URI.create(url + "/v1/scopes/demo/push"), "OPTIONS", null,
                "Origin", origin,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type");
        assertEquals(204, preflight.statusCode(), "the page's origin may call the sync server");
        assertEquals(origin, header(preflight, "Access-Control-Allow-Origin"));
        assertEquals(403, send(URI.create(url + "/v1/scopes/demo/push"), "OPTIONS", null, "Origin", "http://evil.example",
                "Access-Control-Request-Method", "POST").statusCode(), "other origins may not");
    }

    @Test
    void anotherSyncServerCanBeGivenInstead() throws Exception {
        server.close();
        server = DemoServer.start(DemoServer.Options.parse(
                new String[] {"--port", "0", "--sync-url", "https://sync.example:8443/", "--sync-token", "ks1.ab.cd"}, Map.of()));
        assertFalse(server.syncEmbedded());
        String json = text(get("/sync-config.json"));
        assertEquals("https://sync.example:8443", field(json, "url"));
        assertEquals("ks1.ab.cd", field(json, "token"));
        assertTrue(header(get("/"), "Content-Security-Policy").contains("connect-src 'self' https://sync.example:8443;"));
    }

    @Test
    void theEmbeddedServerKeepsItsDataInTheFolderGiven(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        server.close();
        server = DemoServer.start(
                DemoServer.Options.parse(new String[] {"--port", "0", "--data", folder.toString()}, Map.of()));
        assertTrue(server.syncEmbedded());
        server.close();
        server = null;
        assertTrue(Files.exists(folder.resolve("keepsake-demo.db")), "the SQLite file stays after close");
    }

    @Test
    void textAndWasmAreSentGzippedToClientsThatAcceptIt() throws Exception {
        for (String path : List.of("/", "/demo.js", "/demo.css", "/favicon.svg")) {
            HttpResponse<byte[]> plain = get(path);
            HttpResponse<byte[]> zipped = get(path, "Accept-Encoding", "br;q=1, gzip;q=0.8");
            assertEquals("", header(plain, "Content-Encoding"), path + " without Accept-Encoding");
            assertEquals("gzip", header(zipped, "Content-Encoding"), path);
            assertTrue(header(zipped, "Vary").contains("Accept-Encoding"), path);
            assertArrayEquals(plain.body(), new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes(),
                    path);
            assertEquals("", header(get(path, "Accept-Encoding", "gzip;q=0, br"), "Content-Encoding"),
                    path + ": q=0 refuses gzip");
        }
        HttpResponse<byte[]> js = get("/demo.js", "Accept-Encoding", "gzip");
        assertTrue(js.body().length < get("/demo.js").body().length / 2, "compressed well below half");
        if (DemoServerTest.class.getResource("/web/keepsake.wasm") != null) {
            assertEquals("gzip", header(get("/keepsake.wasm", "Accept-Encoding", "gzip, deflate"), "Content-Encoding"));
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        String sync = field(text(get("/sync-config.json")), "url");
        for (String path : List.of("/", "/demo.js", "/sync-config.json", "/no-such-file")) {
            HttpResponse<byte[]> response = get(path);
            String csp = header(response, "Content-Security-Policy");
            assertTrue(csp.contains("default-src 'self'"), path + ": " + csp);
            assertTrue(csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
                    "wasm-gc may compile, nothing else runs: " + csp);
            assertTrue(csp.contains("connect-src 'self' " + sync + ";"), "the page may reach its sync server: " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertEquals("nosniff", header(response, "X-Content-Type-Options"), path);
            assertEquals("DENY", header(response, "X-Frame-Options"), path);
            assertEquals("no-referrer", header(response, "Referrer-Policy"), path);
            assertFalse(csp.contains("'unsafe-eval'"), "the JavaScript build needs no eval: " + csp);
        }
        String wasm = header(get("/?build=wasm"), "Content-Security-Policy");
        assertTrue(wasm.contains("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval';"),
                "TeaVM's wasm-gc runtime makes its @JSBody functions with new Function: " + wasm);
    }

    @Test
    void clientsThatTrickleTheirRequestsDoNotStarveOthers() throws Exception {
        // More trickling clients than the server has worker threads: each sends a byte of its
        // request line now and then and never finishes it.
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                socket.getOutputStream().write(
                        "GET /demo.js HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            for (int round = 0; round < 3; round++) {
                for (Socket socket : slow) {
                    socket.getOutputStream().write('a');
                    socket.getOutputStream().flush();
                }
                long started = System.nanoTime();
                HttpResponse<byte[]> response = get("/");
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertEquals(200, response.statusCode());
                assertTrue(ms < 5000, "a normal request took " + ms + " ms beside 64 trickling ones");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aTakenPortIsOneLineAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = DemoServer.run(new String[] {"--port", String.valueOf(port)}, Map.of(),
                    new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(1, code);
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.contains("port " + port + " on 127.0.0.1 is already in use"), message);
            assertTrue(message.contains("--port N"), "says what to do: " + message);
            assertFalse(message.contains("Exception"), message);
        }
    }

    @Test
    void theProcessExitsWithAMessageNotAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process process = demoProcess("--port", String.valueOf(taken.getLocalPort()));
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ends");
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, process.exitValue(), err);
            assertEquals(1, err.lines().count(), err);
            assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
        }
        Process bad = demoProcess("--port", "eighty");
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        String err = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, bad.exitValue(), err);
        assertTrue(err.startsWith("keepsake-demo: --port must be a port number from 0 to 65535, not 'eighty'"), err);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void invalidOptionsAreOneLineAndExitCode2() {
        for (String[] args : List.of(new String[] {"--port", "abc"}, new String[] {"--port", "70000"},
                new String[] {"--port", "-1"},
                new String[] {"--port"}, new String[] {"--bogus"}, new String[] {"--sync-url", "http://x:1"},
                new String[] {"--sync-url", "ftp://x", "--sync-token", "t"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = DemoServer.run(args, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, String.join(" ", args));
            assertTrue(message.startsWith("keepsake-demo: "), message);
            assertTrue(message.lines().skip(1).allMatch(l -> l.startsWith("usage:")),
                    "the message, then the usage: " + message);
            assertFalse(message.contains("Exception"), message);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, DemoServer.run(new String[0], Map.of("PORT", "http"),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("keepsake-demo: PORT must be a port number"),
                err.toString());
    }

    private static Process demoProcess(String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DemoServer.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PORT");
        Process process = builder.start();
        OutputStream in = process.getOutputStream();
        in.close();
        return process;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": \"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        assertNotNull(m.group(1));
        return m.group(1);
    }
}
