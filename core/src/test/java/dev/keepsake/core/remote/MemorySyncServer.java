package dev.keepsake.core.remote;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.remote.Protocol.Change;
import dev.keepsake.core.remote.Protocol.Operation;
import dev.keepsake.core.remote.Protocol.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Transport} that answers from an in-memory model of one scope with the server's
 * rules (tags, ANY, atomic pushes, recorded results, the counter): lets {@link RemoteBackend}'s
 * protocol logic run the contract suite where no server process can be started (JS and
 * wasm-gc in Chromium). Plain code only: it is compiled by TeaVM with the tests.
 */
public final class MemorySyncServer implements Transport {

    /** An empty scope. */
    public MemorySyncServer() {
    }


    /** The largest value accepted, as the server's {@code --max-value}: above the contract's 1 MiB. */
    public static final int MAX_VALUE = 1_100_000;

    /** A key's latest write. */
    private static final class Stored {
        final long version;
        final long tag;
        final byte[] value;

        Stored(long version, long tag, byte[] value) {
            this.version = version;
            this.tag = tag;
            this.value = value;
        }
    }

    private long version;
    private Map<String, Stored> entries = new HashMap<>();
    private Map<String, Result> log = new HashMap<>();

    @Override
    public synchronized Async<Response> send(Request request) {
        String path = request.path();
        int query = path.indexOf('?');
        String route = query < 0 ? path : path.substring(0, query);
        Map<String, String> params = params(query < 0 ? "" : path.substring(query + 1));
        if (route.endsWith("/push")) {
            return Async.of(ok(Protocol.PUSH_RESULT.serialize(push(Protocol.PUSH.deserialize(request.body())))));
        }
        if (route.endsWith("/entry")) {
            String key = new String(Base64.getUrlDecoder().decode(params.get("key")), StandardCharsets.UTF_8);
            Stored s = entries.get(key);
            if (s == null || s.value == null) {
                return Async.of(new Response(404,
                        Protocol.PROBLEM.serialize(new Protocol.Problem("not_found", "none", 0))));
            }
            return Async.of(ok(Protocol.ENTRY.serialize(new Protocol.Entry(key, s.version, s.tag, s.value))));
        }
        if (route.endsWith("/changes")) {
            long after = Long.parseLong(params.get("after"));
            int limit = Integer.parseInt(params.get("limit"));
            boolean values = !"false".equals(params.get("values"));
            List<Change> all = new ArrayList<>();
            for (Map.Entry<String, Stored> e : entries.entrySet()) {
                if (e.getValue().version > after) {
                    all.add(new Change(e.getKey(), e.getValue().version, e.getValue().tag, e.getValue().value == null,
                            values ? e.getValue().value : null));
                }
            }
            all.sort((a, b) -> Long.compare(a.version(), b.version()));
            boolean more = all.size() > limit;
            List<Change> page = more ? all.subList(0, limit) : all;
            long last = page.isEmpty() ? after : page.get(page.size() - 1).version();
            return Async.of(ok(Protocol.CHANGES.serialize(
                    new Protocol.Changes(page, more ? last : Math.max(last, version), more))));
        }
        long live = 0;
        long bytes = 0;
        for (Stored s : entries.values()) {
            if (s.value != null) {
                live++;
                bytes += s.value.length;
            }
        }
        return Async.of(ok(Protocol.SCOPE_INFO.serialize(new Protocol.ScopeInfo(version, 0, live, bytes))));
    }

    private Protocol.PushResult push(Protocol.Push push) {
        long startVersion = version;
        Map<String, Stored> startEntries = new HashMap<>(entries);
        Map<String, Result> startLog = new HashMap<>(log);
        List<Result> results = new ArrayList<>();
        for (Operation op : push.operations()) {
            String id = op.seq() + ":" + op.clientId();
            Result known = log.get(id);
            if (known != null) {
                results.add(known);
                continue;
            }
            Stored s = entries.get(op.key());
            long currentTag = s == null || s.value == null ? 0 : s.tag;
            Result r;
            if (op.value() != null && op.value().length > MAX_VALUE) {
                r = Result.rejected(Protocol.VALUE_TOO_LARGE);
            } else if (op.baseVersion() != Protocol.ANY && op.baseVersion() != currentTag) {
                r = Result.conflict(s == null ? 0 : s.version, currentTag, s == null ? null : s.value);
            } else {
                version++;
                long tag = op.isDelete() ? 0 : op.tag() == 0 ? version : op.tag();
                entries.put(op.key(), new Stored(version, tag, op.value()));
                r = Result.applied(version, tag);
            }
            if (push.atomic() && r.status() != Protocol.Status.APPLIED) {
                version = startVersion;
                entries = startEntries;
                log = startLog;
                List<Result> aborted = new ArrayList<>();
                for (int i = 0; i < push.operations().size(); i++) {
                    aborted.add(i == results.size() ? r : Result.rejected(Protocol.BATCH_ABORTED));
                }
                return new Protocol.PushResult(aborted);
            }
            log.put(id, r);
            results.add(r);
        }
        return new Protocol.PushResult(results);
    }

    /** Returns the live entries: key to value. */
    public synchronized Map<String, byte[]> snapshot() {
        Map<String, byte[]> live = new HashMap<>();
        for (Map.Entry<String, Stored> e : entries.entrySet()) {
            if (e.getValue().value != null) {
                live.put(e.getKey(), e.getValue().value);
            }
        }
        return live;
    }

    private static Response ok(byte[] body) {
        return new Response(200, body);
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        int start = 0;
        while (start < query.length()) {
            int amp = query.indexOf('&', start);
            String pair = amp < 0 ? query.substring(start) : query.substring(start, amp);
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), pair.substring(eq + 1));
            start = amp < 0 ? query.length() : amp + 1;
        }
        return params;
    }
}
