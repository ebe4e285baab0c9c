package dev.keepsake.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the classpath folder {@code web/} and {@code /sync-config.json}. Every response carries
 * the security headers (a CSP that allows only this origin, the sync server and wasm compilation;
 * {@code nosniff}; no framing; no referrer). Text and WebAssembly go gzip-compressed to clients that
 * accept it, compressed once and kept. Jetty reads requests without holding a thread, so a client
 * that sends its request slowly costs a connection, not a worker.
 */
final class StaticFiles extends Handler.Abstract.NonBlocking {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("png", "image/png"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("ts", "text/plain; charset=utf-8"),
            Map.entry("map", "application/json"));

    /** Worth compressing: text and WebAssembly (PNG is compressed already). */
    private static final Set<String> COMPRESSIBLE = Set.of("html", "js", "mjs", "wasm", "css", "json", "svg", "ts",
            "map");

    /** A missing file, as kept in the cache. */
    private static final byte[] MISSING = new byte[0];

    private final Supplier<Optional<SyncSettings>> sync;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> gzipped = new ConcurrentHashMap<>();

    /** {@code sync} says where the page's sync panel should connect, once known. */
    StaticFiles(Supplier<Optional<SyncSettings>> sync) {
        this.sync = sync;
    }

    static String contentType(String path) {
        return TYPES.getOrDefault(extension(path), "application/octet-stream");
    }

    /**
     * The Content-Security-Policy for a page whose sync server is at {@code syncOrigin} (or none).
     * The wasm-gc page ({@code ?build=wasm}) also needs {@code 'unsafe-eval'}: TeaVM's wasm-gc
     * runtime makes the JavaScript side of each {@code @JSBody} with {@code new Function}. The
     * JavaScript build runs without it.
     */
    static String contentSecurityPolicy(String syncOrigin, boolean wasmPage) {
        return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" + (wasmPage ? " 'unsafe-eval'" : "")
                + "; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'" + (syncOrigin == null ? "" : " " + syncOrigin) + "; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** Returns whether an {@code Accept-Encoding} value accepts gzip (and does not refuse it with q=0). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(p.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            return !refused;
        }
        return false;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Optional<SyncSettings> settings = sync.get();
        String syncOrigin = settings.map(SyncSettings::origin).orElse(null);
        var headers = response.getHeaders();
        boolean wasmPage = "wasm".equals(Request.extractQueryParameters(request).getValue("build"));
        headers.put("Content-Security-Policy", contentSecurityPolicy(syncOrigin, wasmPage));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");

        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            headers.put(HttpHeader.ALLOW, "GET, HEAD");
            return send(response, callback, 405, "text/plain; charset=utf-8", "only GET and HEAD\n", false);
        }
        String path = request.getHttpURI().getDecodedPath();
        if (path == null || path.contains("..") || path.contains("\\") || path.contains("//")
                || path.indexOf('\0') >= 0) {
            return send(response, callback, 400, "text/plain; charset=utf-8", "bad path\n", false);
        }
        if (path.equals("/")) {
            path = "/index.html";
        }
        boolean head = method.equals("HEAD");
        if (path.equals("/sync-config.json")) {
            headers.put(HttpHeader.CACHE_CONTROL, "no-store");
            if (settings.isEmpty()) {
                return send(response, callback, 503, "text/plain; charset=utf-8", "the sync server is not running\n",
                        head);
            }
            return send(response, callback, 200, "application/json", settings.get().toJson(), head);
        }
        // Only plain file names directly in web/: the folder has no subfolders.
        if (!path.matches("/[A-Za-z0-9][A-Za-z0-9._-]*")) {
            return send(response, callback, 404, "text/plain; charset=utf-8", "not found: " + path + "\n", head);
        }
        byte[] body = files.computeIfAbsent(path, StaticFiles::read);
        if (body == MISSING) {
            return send(response, callback, 404, "text/plain; charset=utf-8", "not found: " + path + "\n", head);
        }
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        if (COMPRESSIBLE.contains(extension(path))) {
            headers.put(HttpHeader.VARY, "Accept-Encoding");
            HttpField accept = request.getHeaders().getField(HttpHeader.ACCEPT_ENCODING);
            if (acceptsGzip(accept == null ? null : accept.getValue())) {
                body = gzipped.computeIfAbsent(path, p -> gzip(files.get(p)));
                headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
            }
        }
        response.setStatus(200);
        headers.put(HttpHeader.CONTENT_TYPE, contentType(path));
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
        return true;
    }

    private static boolean send(Response response, Callback callback, int status, String type, String text,
            boolean head) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static byte[] read(String path) {
        try (InputStream in = StaticFiles.class.getResourceAsStream("/web" + path)) {
            return in == null ? MISSING : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(9);
            }
        }) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
