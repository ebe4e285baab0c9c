package dev.keepsake.core.remote;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Keys;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.NotFoundException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.error.ReadFailedException;
import dev.keepsake.core.error.WriteFailedException;
import dev.keepsake.core.remote.Protocol.Change;
import dev.keepsake.core.remote.Protocol.Changes;
import dev.keepsake.core.remote.Protocol.Operation;
import dev.keepsake.core.remote.Protocol.Result;
import dev.keepsake.core.remote.Protocol.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A {@link StorageBackend} kept by a sync server, for online use: every operation is one or a
 * few requests through a {@link Transport}; nothing is cached but each key's last seen version.
 *
 * <p>Writes are pushes of versioned operations. A save or delete names the version this
 * backend last saw for the key; when the server reports a conflict (another writer moved the
 * key), the operation is sent again on the server's version, up to 16 times, because a
 * {@code StorageBackend} write replaces whatever is stored. Each operation carries this
 * backend's random client id and the next sequence number, and a request that got no answer
 * (or a 502, 503 or 504) is sent again unchanged, up to 3 times: the server applies a
 * {@code (clientId, seq)} at most once, so a retry never writes twice.
 *
 * <p>Guarantees: a completed write has been committed by the server's store. A batch of up to
 * 500 operations and 4 MiB of values is one push, which the server commits in one
 * transaction; larger batches are split, and operations retried after a conflict are committed
 * after the others. Failures: 401 and 403 are {@link AccessDeniedException}, a value or body
 * over the server's limits {@link QuotaExceededException}, no answer
 * {@link BackendUnavailableException}.
 *
 * <p>Non-goals: offline queueing and change notification (the protocol's pull and watch
 * serve them; this backend does not use them).
 */
public final class RemoteBackend implements StorageBackend {

    static final int MAX_CONFLICT_ATTEMPTS = 16;
    static final int MAX_SENDS = 3;
    static final int BATCH_OPERATIONS = 500;
    static final long BATCH_BYTES = 4L << 20;
    static final int PULL_LIMIT = 1000;

    private final Transport transport;
    private final String scope;
    private final String clientId;
    private final String base;
    private long seq;
    private final Map<String, Long> versions = new HashMap<>();

    private RemoteBackend(Transport transport, String scope, String clientId) {
        this.transport = transport;
        this.scope = scope;
        this.clientId = clientId;
        this.base = Protocol.PREFIX + "/scopes/" + scope;
    }

    /**
     * Returns a backend for {@code scope} on the server {@code transport} talks to, with a client
     * id of 16 bytes from {@code random}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code scope} is not a valid scope name
     *     ({@link Protocol#isValidScope})
     */
    public static RemoteBackend open(Transport transport, String scope, RandomSource random) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(random, "random");
        if (!Protocol.isValidScope(Objects.requireNonNull(scope, "scope"))) {
            throw new IllegalArgumentException("scope must be 1 to 128 characters of A-Z a-z 0-9 . _ -");
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        StringBuilder hex = new StringBuilder(32);
        for (byte b : id) {
            hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return new RemoteBackend(transport, scope, hex.toString());
    }

    /** Returns this backend's client id. */
    public String clientId() {
        return clientId;
    }

    @Override
    public String name() {
        return "remote:" + scope;
    }

    @Override
    public Async<Void> save(String key, byte[] value) {
        Keys.requireValid(key);
        Objects.requireNonNull(value, "value");
        List<WriteBatch.Entry> one = new ArrayList<>(1);
        one.add(new WriteBatch.Entry(key, value.clone()));
        return writeAll(one, 1);
    }

    @Override
    public Async<byte[]> load(String key) {
        Keys.requireValid(key);
        return send(new Transport.Request("GET", base + "/entry?key=" + Protocol.keyParameter(key), null), key, false)
                .map(response -> {
                    if (response.status() == 404) {
                        throw new NotFoundException(name(), key, "no value stored", null);
                    }
                    Protocol.Entry entry = read(Protocol.ENTRY, response, key);
                    remember(key, entry.version());
                    return entry.value();
                });
    }

    @Override
    public Async<Void> delete(String key) {
        Keys.requireValid(key);
        List<WriteBatch.Entry> one = new ArrayList<>(1);
        one.add(new WriteBatch.Entry(key, null));
        return writeAll(one, 1);
    }

    @Override
    public Async<Boolean> exists(String key) {
        return load(key).map(v -> Boolean.TRUE).recoverWith(e -> {
            if (e instanceof NotFoundException) {
                return Async.of(Boolean.FALSE);
            }
            return Async.failed(e);
        });
    }

    @Override
    public Async<List<String>> listKeys() {
        return pullAll().map(changes -> {
            List<String> keys = new ArrayList<>();
            for (Change c : changes.values()) {
                if (!c.deleted()) {
                    keys.add(c.key());
                }
            }
            return keys;
        });
    }

    @Override
    public Async<StorageInfo> info() {
        return send(new Transport.Request("GET", base, null), null, false).map(response -> {
            Protocol.ScopeInfo info = read(Protocol.SCOPE_INFO, response, null);
            return new StorageInfo(info.bytes(), OptionalLong.empty(), info.entries());
        });
    }

    @Override
    public Async<Void> clear() {
        return pullAll().flatMap(changes -> {
            List<WriteBatch.Entry> deletes = new ArrayList<>();
            for (Change c : changes.values()) {
                if (!c.deleted()) {
                    deletes.add(new WriteBatch.Entry(c.key(), null));
                }
            }
            return writeAll(deletes, 1);
        });
    }

    @Override
    public Async<Void> write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return writeAll(new ArrayList<>(batch.entries()), 1);
    }

    // ---- writing -------------------------------------------------------------------------

    private Async<Void> writeAll(List<WriteBatch.Entry> entries, int attempt) {
        if (entries.isEmpty()) {
            return Async.done();
        }
        int end = 0;
        long bytes = 0;
        while (end < entries.size() && end < BATCH_OPERATIONS) {
            byte[] v = entries.get(end).value();
            long size = v == null ? 0 : v.length;
            if (end > 0 && bytes + size > BATCH_BYTES) {
                break;
            }
            bytes += size;
            end++;
        }
        List<WriteBatch.Entry> chunk = entries.subList(0, end);
        List<WriteBatch.Entry> rest = entries.subList(end, entries.size());
        return pushChunk(chunk, attempt).flatMap(v -> writeAll(rest, 1));
    }

    private Async<Void> pushChunk(List<WriteBatch.Entry> chunk, int attempt) {
        List<Operation> ops = new ArrayList<>(chunk.size());
        synchronized (this) {
            for (WriteBatch.Entry e : chunk) {
                Long known = versions.get(e.key());
                ops.add(new Operation(clientId, ++seq, e.key(), known == null ? 0 : known, e.value()));
            }
        }
        String key = chunk.size() == 1 ? chunk.get(0).key() : null;
        byte[] body = Protocol.PUSH.serialize(new Protocol.Push(ops));
        return send(new Transport.Request("POST", base + "/push", body), key, true).flatMap(response -> {
            List<Result> results = read(Protocol.PUSH_RESULT, response, key).results();
            if (results.size() != ops.size()) {
                throw new WriteFailedException(name(), key, "the server answered " + results.size()
                        + " results for " + ops.size() + " operations", null);
            }
            List<WriteBatch.Entry> again = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                WriteBatch.Entry e = chunk.get(i);
                if (r.status() == Status.APPLIED) {
                    remember(e.key(), r.version());
                } else if (r.status() == Status.CONFLICT) {
                    remember(e.key(), r.version());
                    if (!(e.isDelete() && r.value() == null)) {
                        again.add(e);
                    }
                } else {
                    throw rejected(e.key(), r.reason());
                }
            }
            if (again.isEmpty()) {
                return Async.done();
            }
            if (attempt >= MAX_CONFLICT_ATTEMPTS) {
                return Async.failed(new WriteFailedException(name(), again.get(0).key(),
                        "still in conflict after " + attempt + " attempts", null));
            }
            return writeAll(again, attempt + 1);
        });
    }

    private PersistenceException rejected(String key, String reason) {
        if (Protocol.VALUE_TOO_LARGE.equals(reason)) {
            return new QuotaExceededException(name(), key, "the server rejected the value: " + reason, null);
        }
        return new WriteFailedException(name(), key, "the server rejected the operation: " + reason, null);
    }

    private synchronized void remember(String key, long version) {
        versions.put(key, version);
    }

    // ---- reading -------------------------------------------------------------------------

    /** Pulls the whole scope from the start: each key's latest change, tombstones included. */
    private Async<Map<String, Change>> pullAll() {
        return pullFrom(0, new HashMap<>());
    }

    private Async<Map<String, Change>> pullFrom(long after, Map<String, Change> into) {
        String path = base + "/changes?after=" + after + "&limit=" + PULL_LIMIT + "&values=false";
        return send(new Transport.Request("GET", path, null), null, false).flatMap(response -> {
            if (response.status() == 410) {
                // The cursor fell behind the tombstone horizon: start over from the beginning.
                into.clear();
                return pullFrom(0, into);
            }
            Changes page = read(Protocol.CHANGES, response, null);
            for (Change c : page.changes()) {
                into.put(c.key(), c);
                remember(c.key(), c.version());
            }
            if (page.more()) {
                return pullFrom(page.cursor(), into);
            }
            return Async.of(into);
        });
    }

    // ---- transport -----------------------------------------------------------------------

    /**
     * Sends {@code request}, again (unchanged) when no answer or a gateway or unavailable status
     * came back; fails with a typed exception for statuses the caller does not handle.
     */
    private Async<Transport.Response> send(Transport.Request request, String key, boolean write) {
        return sendAttempt(request, key, write, 1);
    }

    private Async<Transport.Response> sendAttempt(Transport.Request request, String key, boolean write, int attempt) {
        return Async.attempt(() -> transport.send(request)).recoverWith(e -> {
            if (attempt < MAX_SENDS && e instanceof BackendUnavailableException) {
                return sendAttempt(request, key, write, attempt + 1);
            }
            if (e instanceof PersistenceException) {
                return Async.failed(e);
            }
            return Async.failed(new BackendUnavailableException(name(), key, "no answer from the server", e));
        }).flatMap(response -> {
            int status = response.status();
            if ((status == 502 || status == 503 || status == 504) && attempt < MAX_SENDS) {
                return sendAttempt(request, key, write, attempt + 1);
            }
            if (status == 200 || status == 404 || status == 410) {
                return Async.of(response);
            }
            return Async.failed(failure(status, response, key, write));
        });
    }

    private PersistenceException failure(int status, Transport.Response response, String key, boolean write) {
        String problem = "the server answered " + status + problemOf(response);
        if (status == 401 || status == 403) {
            return new AccessDeniedException(name(), key, problem, null);
        }
        if (status == 413) {
            return new QuotaExceededException(name(), key, problem, null);
        }
        if (status == 502 || status == 503 || status == 504) {
            return new BackendUnavailableException(name(), key, problem, null);
        }
        return write ? new WriteFailedException(name(), key, problem, null)
                : new ReadFailedException(name(), key, problem, null);
    }

    private static String problemOf(Transport.Response response) {
        try {
            Protocol.Problem p = Protocol.PROBLEM.deserialize(response.body());
            return " (" + p.error() + ": " + p.message() + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private <T> T read(dev.keepsake.core.codec.Serializer<T> serializer, Transport.Response response, String key) {
        try {
            return serializer.deserialize(response.body());
        } catch (RuntimeException e) {
            throw new ReadFailedException(name(), key, "the server's answer is malformed", e);
        }
    }

    @Override
    public String toString() {
        return "RemoteBackend[" + scope + "]";
    }
}
