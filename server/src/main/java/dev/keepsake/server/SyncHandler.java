package dev.keepsake.server;

import dev.keepsake.core.remote.Protocol;
import dev.keepsake.core.remote.Protocol.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The protocol's endpoints (see the README's protocol table). Order of checks, so that a
 * refused request touches nothing: route, scope name, token (401), grant (403), limits
 * (413), body (400); only then the store. Every answer carries the security headers, and the
 * CORS headers when the request's origin is allowed. Error bodies are {@link Problem}s whose
 * messages never quote values, keys or tokens; the request log has the method, the path
 * without its query, the status and the time.
 */
final class SyncHandler extends Handler.Abstract {

    private static final String SCOPES = Protocol.PREFIX + "/scopes/";

    private final ServerConfig config;
    private final SqlStore store;
    private final Watchers watchers;

    SyncHandler(ServerConfig config, SqlStore store, Watchers watchers) {
        this.config = config;
        this.store = store;
        this.watchers = watchers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        Reply reply = new Reply(response, callback, method, path, start);
        securityHeaders(response);
        boolean corsAllowed = cors(request, response);
        try {
            route(request, reply, method, path, corsAllowed);
        } catch (StoreUnavailableException e) {
            Log.line("store: " + e.getMessage());
            reply.problem(503, "unavailable", "the store is unavailable; nothing was applied", 0);
        } catch (RuntimeException e) {
            Log.line("internal error: " + e.getClass().getName());
            reply.problem(500, "internal", "internal error; nothing was applied", 0);
        }
        return true;
    }

    private void route(Request request, Reply reply, String method, String path, boolean corsAllowed) {
        if (method.equals("OPTIONS")) {
            reply.empty(corsAllowed ? 204 : 403);
            return;
        }
        if (path.equals("/health")) {
            reply.json(200, "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!path.startsWith(SCOPES)) {
            reply.problem(404, "not_found", "no such endpoint", 0);
            return;
        }
        String rest = path.substring(SCOPES.length());
        int slash = rest.indexOf('/');
        String scope = slash < 0 ? rest : rest.substring(0, slash);
        String action = slash < 0 ? "" : rest.substring(slash + 1);
        boolean push = action.equals("push");
        if (!(action.isEmpty() || push || action.equals("changes") || action.equals("entry")
                || action.equals("watch"))) {
            reply.problem(404, "not_found", "no such endpoint", 0);
            return;
        }
        if (!method.equals(push ? "POST" : "GET")) {
            reply.response.getHeaders().put(HttpHeader.ALLOW, push ? "POST, OPTIONS" : "GET, OPTIONS");
            reply.problem(405, "method_not_allowed", "use " + (push ? "POST" : "GET") + " here", 0);
            return;
        }
        if (!Protocol.isValidScope(scope)) {
            reply.problem(400, "bad_scope", "a scope name is 1 to 128 characters of A-Z a-z 0-9 . _ -", 0);
            return;
        }
        Grant grant = authenticate(request);
        if (grant == null) {
            reply.response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            reply.problem(401, "unauthorized", "a valid bearer token is required", 0);
            return;
        }
        if (!(push ? grant.canWrite(scope) : grant.canRead(scope))) {
            reply.problem(403, "forbidden",
                    "the token does not allow " + (push ? "writing" : "reading") + " this scope", 0);
            return;
        }
        Fields query = Request.extractQueryParameters(request);
        switch (action) {
            case "push" -> push(request, reply, scope);
            case "changes" -> pull(query, reply, scope);
            case "entry" -> entry(query, reply, scope);
            case "watch" -> watch(request, query, reply, scope);
            default -> reply.json(200, Protocol.SCOPE_INFO.serialize(store.info(scope)));
        }
    }

    private Grant authenticate(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        if (token.isEmpty() || token.length() > 200) {
            return null;
        }
        Grant grant = store.findToken(Tokens.hash(token));
        return grant == null || grant.revoked() ? null : grant;
    }

    private void push(Request request, Reply reply, String scope) {
        long length = request.getLength();
        if (length > config.maxBodyBytes) {
            reply.problem(413, "body_too_large", "the body is larger than " + config.maxBodyBytes + " bytes", 0);
            return;
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBodyBytes + 1));
            if (body.length > config.maxBodyBytes) {
                reply.problem(413, "body_too_large", "the body is larger than " + config.maxBodyBytes + " bytes", 0);
                return;
            }
        } catch (IOException e) {
            reply.problem(400, "bad_request", "the body could not be read", 0);
            return;
        }
        Protocol.Push push;
        try {
            push = Protocol.PUSH.deserialize(body);
        } catch (RuntimeException e) {
            reply.problem(400, "bad_request", "the body is not a valid push request", 0);
            return;
        }
        if (push.operations().size() > config.maxOperations) {
            reply.problem(413, "too_many_operations",
                    "a push may carry at most " + config.maxOperations + " operations", 0);
            return;
        }
        SqlStore.Pushed pushed = store.push(scope, push.operations(), push.atomic());
        if (pushed.moved() && store.dialect() == SqlStore.Dialect.SQLITE) {
            watchers.moved(scope); // PostgreSQL's NOTIFY reaches this process's listener instead
        }
        reply.json(200, Protocol.PUSH_RESULT.serialize(new Protocol.PushResult(pushed.results())));
    }

    private void pull(Fields query, Reply reply, String scope) {
        long after = number(query, "after", 0);
        long limit = number(query, "limit", 1000);
        if (after < 0 || limit < 1 || limit > 10_000) {
            reply.problem(400, "bad_request", "after must be 0 or more and limit between 1 and 10000", 0);
            return;
        }
        String values = query.getValue("values");
        try {
            reply.json(200, Protocol.CHANGES.serialize(store.pull(scope, after, (int) limit, !"false".equals(values))));
        } catch (ResetException e) {
            reply.problem(410, "reset", e.getMessage(), e.horizon);
        }
    }

    private void entry(Fields query, Reply reply, String scope) {
        String key = decodeKey(query.getValue("key"));
        if (key == null) {
            reply.problem(400, "bad_request", "key must be the base64url of a non-empty UTF-8 key", 0);
            return;
        }
        Protocol.Entry entry = store.get(scope, key);
        if (entry == null) {
            reply.problem(404, "not_found", "no value is stored under that key", 0);
        } else {
            reply.json(200, Protocol.ENTRY.serialize(entry));
        }
    }

    private void watch(Request request, Fields query, Reply reply, String scope) {
        long after = number(query, "after", 0);
        long timeoutMs = Math.min(number(query, "timeout", 25_000), config.maxWatch.toMillis());
        if (after < 0 || timeoutMs < 0) {
            reply.problem(400, "bad_request", "after and timeout must be 0 or more", 0);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        Scheduler.Task[] timer = new Scheduler.Task[1];
        Runnable[] wake = new Runnable[1];
        wake[0] = () -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            watchers.remove(scope, wake[0]);
            if (timer[0] != null) {
                timer[0].cancel();
            }
            try {
                reply.json(200, Protocol.WATCH.serialize(new Protocol.Watch(store.version(scope))));
            } catch (StoreUnavailableException e) {
                reply.problem(503, "unavailable", "the store is unavailable", 0);
            }
        };
        // Registered before reading the version: a write committed in between still wakes us.
        watchers.add(scope, wake[0]);
        long now = store.version(scope);
        if (now > after || timeoutMs == 0) {
            wake[0].run();
            return;
        }
        timer[0] = request.getComponents().getScheduler().schedule(wake[0], timeoutMs, TimeUnit.MILLISECONDS);
        if (answered.get()) {
            timer[0].cancel();
        }
    }

    private static long number(Fields query, String name, long fallback) {
        String text = query.getValue(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String decodeKey(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return null;
        }
        try {
            byte[] utf8 = Base64.getUrlDecoder().decode(parameter);
            String key = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
            return key.isEmpty() ? null : key;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    private static void securityHeaders(Response response) {
        var h = response.getHeaders();
        h.put("X-Content-Type-Options", "nosniff");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
    }

    /** Adds the CORS headers when the request's origin is allowed; returns whether it is. */
    private boolean cors(Request request, Response response) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return false;
        }
        response.getHeaders().put(HttpHeader.VARY, "Origin");
        if (!(config.corsOrigins.contains("*") || config.corsOrigins.contains(origin))) {
            return false;
        }
        var h = response.getHeaders();
        h.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
        h.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type");
        h.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        return true;
    }

    /** One request's answer: written once, then logged. */
    private static final class Reply {
        final Response response;
        final Callback callback;
        final String method;
        final String path;
        final long start;

        Reply(Response response, Callback callback, String method, String path, long start) {
            this.response = response;
            this.callback = callback;
            this.method = method;
            this.path = path;
            this.start = start;
        }

        void json(int status, byte[] body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body), callback);
            log(status);
        }

        void empty(int status) {
            response.setStatus(status);
            response.write(true, null, callback);
            log(status);
        }

        void problem(int status, String error, String message, long horizon) {
            json(status, Protocol.PROBLEM.serialize(new Problem(error, message, horizon)));
        }

        private void log(int status) {
            Log.line(method + " " + path + " " + status + " " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }
}
