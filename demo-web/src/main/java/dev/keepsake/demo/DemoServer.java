package dev.keepsake.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Serves the demo page and the compiled library from the classpath folder {@code web/} on the
 * loopback address, with the content types browsers insist on ({@code application/wasm} for
 * WebAssembly streaming compilation, {@code text/javascript} for ES modules).
 *
 * <p>Run: {@code java -jar demo-web/target/keepsake-demo.jar [--port N]} (default 8080, or the
 * {@code PORT} environment variable).
 */
public final class DemoServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "wasm", "application/wasm",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ts", "text/plain; charset=utf-8",
            "map", "application/json");

    private final HttpServer server;

    private DemoServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving on 127.0.0.1 at {@code port} (0 picks a free port).
     *
     * @throws IOException if the port cannot be bound
     */
    public static DemoServer start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", DemoServer::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "keepsake-demo-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new DemoServer(server);
    }

    /** Returns the port being served. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/")) {
                path += "index.html";
            }
            // Only plain relative names below web/: no "..", no backslashes, no empty segments.
            if (path.contains("..") || path.contains("\\") || path.contains("//")) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            InputStream in = DemoServer.class.getResourceAsStream("/web" + path);
            if (in == null) {
                byte[] body = ("not found: " + path).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            try (in) {
                byte[] body = in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", contentType(path));
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                if (method.equals("HEAD")) {
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** Starts the server and serves until the process is stopped. */
    public static void main(String[] args) throws IOException {
        int port = 8080;
        String env = System.getenv("PORT");
        if (env != null && !env.isBlank()) {
            port = Integer.parseInt(env.trim());
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: java -jar keepsake-demo.jar [--port N]");
                System.exit(2);
            }
        }
        DemoServer server = start(port);
        System.out.println("Keepsake demo: http://127.0.0.1:" + server.port() + "/");
    }
}
