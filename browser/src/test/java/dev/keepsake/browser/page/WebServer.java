package dev.keepsake.browser.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the TeaVM builds ({@code /web/...}, from {@code target/web}), the test pages
 * ({@code /pages/...}, from the test resources) and the test-only builds ({@code /test-builds/...},
 * see {@link TestBuilds}) on the loopback address, with the content
 * types browsers insist on: {@code text/javascript} for modules, {@code application/wasm} for
 * streaming WebAssembly compilation. A test may serve more folders ({@link #start(Map)}) and
 * files of its own ({@link #put}). The one static server of the browser tests.
 */
public final class WebServer implements AutoCloseable {

    /** The folder served under {@code /test-builds/}, where {@link TestBuilds} writes. */
    static final Path TEST_BUILDS = Paths.get("target", "test-builds");

    private final HttpServer server;
    private final Map<String, Path> roots;
    private final Map<String, byte[]> added = new ConcurrentHashMap<>();

    private WebServer(HttpServer server, Map<String, Path> roots) {
        this.server = server;
        this.roots = roots;
    }

    /** Starts a server on a free loopback port. */
    public static WebServer start() throws IOException {
        return start(Map.of());
    }

    /**
     * Starts a server on a free loopback port that also serves each folder of {@code more}
     * under its prefix (such as {@code "/cc/"}, with both slashes).
     */
    public static WebServer start(Map<String, Path> more) throws IOException {
        Path web = Paths.get(System.getProperty("keepsake.web.dir", "target/web"));
        Path pages;
        try {
            pages = Paths.get(WebServer.class.getResource("/pages/module.html").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, Path> roots = new HashMap<>();
        roots.put("/web/", web.toAbsolutePath().normalize());
        roots.put("/pages/", pages.toAbsolutePath().normalize());
        roots.put("/test-builds/", TEST_BUILDS.toAbsolutePath().normalize());
        more.forEach((prefix, folder) -> roots.put(prefix, folder.toAbsolutePath().normalize()));
        WebServer result = new WebServer(server, Map.copyOf(roots));
        server.createContext("/", result::handle);
        server.start();
        return result;
    }

    /** Returns the URL of {@code path} (such as {@code "/pages/module.html"}) on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code body} at {@code path} (such as {@code "/web/example.js"}) from now on. */
    public void put(String path, byte[] body) {
        added.put(path, body.clone());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] own = added.get(path);
        if (own != null) {
            respond(exchange, path, own);
            return;
        }
        Path file = null;
        for (Map.Entry<String, Path> root : roots.entrySet()) {
            if (path.startsWith(root.getKey())) {
                Path inside = root.getValue().resolve(path.substring(root.getKey().length())).normalize();
                file = inside.startsWith(root.getValue()) ? inside : null;
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        respond(exchange, file.getFileName().toString(), Files.readAllBytes(file));
    }

    private static void respond(HttpExchange exchange, String name, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType(name));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".wasm")) {
            return "application/wasm";
        }
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return "application/octet-stream";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
