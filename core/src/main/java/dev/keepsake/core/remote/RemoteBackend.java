package dev.keepsake.core.remote;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Keys;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.crypto.RandomSource;
import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.ConflictException;
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
 * few requests through a {@link Transport}; nothing is cached.
 *
 * <p>A write is one atomic push: each entry of the {@link WriteBatch} becomes an operation
 * carrying the entry's version as its tag and its expected version as its base version
 * ({@link Protocol#ANY} for unconditional entries), so the server checks the batch's
 * conditions and applies all of it or nothing; a conflict fails the write with
 * {@link ConflictException} naming the key and the version found. Each operation carries this
 * backend's random client id and the next sequence number, and a request that got no answer
 * (or a 502, 503 or 504) is sent again unchanged, up to 3 times: the server applies a
 * {@code (clientId, seq)} at most once, so a retry never writes twice.
 *
 * <p>Guarantees: a completed write has been committed by the server's store. A batch of up to
 * 1000 operations and 12 MiB of values is one transaction on the server; a larger one is sent
 * as several atomic pushes in order, and a failure leaves the earlier ones applied. Failures:
 * 401 and 403 are {@link AccessDeniedException}, a value or body over the server's limits
 * {@link QuotaExceededException}, no answer {@link BackendUnavailableException}.
 *
 * <p>Non-goals: offline queueing and change notification (the protocol's pull and watch
 * serve them; this backend does not use them).
 */
public final class RemoteBackend implements StorageBackend {

    static final int MAX_SENDS = 3;
    static final int BATCH_OPERATIONS = 1000;
    static final long BATCH_BYTES = 12L << 20;
    static final int PULL_LIMIT = 1000;

    private final Transport transport;
    private final String scope;
    private final String clientId;
    private final String base;
    private long seq;

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
        return write(WriteBatch.builder().put(key, value).build());
    }

    @Override
    public Async<byte[]> load(String key) {
        return loadVersioned(key).map(v -> {
            if (!v.isPresent()) {
                throw new NotFoundException(name(), key, "no value stored", null);
            }
            return v.value();
        });
    }

    @Override
    public Async<Versioned> loadVersioned(String key) {
        Keys.requireValid(key);
        return send(new Transport.Request("GET", base + "/entry?key=" + Protocol.keyParameter(key), null), key, false)
                .map(response -> {
                    if (response.status() == 404) {
                        return new Versioned(null, Versioned.ABSENT);
                    }
                    Protocol.Entry entry = read(Protocol.ENTRY, response, key);
                    return new Versioned(entry.value(), entry.tag());
                });
    }

    @Override
    public Async<Void> delete(String key) {
        return write(WriteBatch.builder().delete(key).build());
    }

    @Override
    public Async<Boolean> exists(String key) {
        return loadVersioned(key).map(Versioned::isPresent);
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
            WriteBatch.Builder deletes = WriteBatch.builder();
            for (Change c : changes.values()) {
                if (!c.deleted()) {
                    deletes.delete(c.key());
                }
            }
            return write(deletes.build());
        });
    }

    @Override
    public Async<Void> write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return writeFrom(batch.entries(), 0);
    }

    // ---- writing -------------------------------------------------------------------------

    private Async<Void> writeFrom(List<WriteBatch.Entry> entries, int start) {
        if (start >= entries.size()) {
            return Async.done();
        }
        int end = start;
        long bytes = 0;
        while (end < entries.size() && end - start < BATCH_OPERATIONS) {
            byte[] v = entries.get(end).value();
            long size = v == null ? 0 : v.length;
            if (end > start && bytes + size > BATCH_BYTES) {
                break;
            }
            bytes += size;
            end++;
        }
        int next = end;
        return push(entries.subList(start, end)).flatMap(v -> writeFrom(entries, next));
    }

    private Async<Void> push(List<WriteBatch.Entry> chunk) {
        List<Operation> ops = new ArrayList<>(chunk.size());
        synchronized (this) {
            for (WriteBatch.Entry e : chunk) {
                long expected = e.isConditional() ? e.expected() : Protocol.ANY;
                ops.add(new Operation(clientId, ++seq, e.key(), expected, e.isDelete() ? 0 : e.version(), e.value()));
            }
        }
        String key = chunk.size() == 1 ? chunk.get(0).key() : null;
        byte[] body = Protocol.PUSH.serialize(new Protocol.Push(ops, true));
        return send(new Transport.Request("POST", base + "/push", body), key, true).map(response -> {
            List<Result> results = read(Protocol.PUSH_RESULT, response, key).results();
            if (results.size() != ops.size()) {
                throw new WriteFailedException(name(), key, "the server answered " + results.size()
                        + " results for " + ops.size() + " operations", null);
            }
            PersistenceException failure = null;
            for (int i = 0; i < results.size() && failure == null; i++) {
                Result r = results.get(i);
                String k = chunk.get(i).key();
                if (r.status() == Status.CONFLICT) {
                    failure = new ConflictException(name(), k, ops.get(i).baseVersion(), r.tag());
                } else if (r.status() == Status.REJECTED && !Protocol.BATCH_ABORTED.equals(r.reason())) {
                    failure = rejected(k, r.reason());
                }
            }
            if (failure != null) {
                throw failure;
            }
            for (Result r : results) {
                if (r.status() != Status.APPLIED) {
                    throw new WriteFailedException(name(), key, "the server aborted the batch without naming why",
                            null);
                }
            }
            return null;
        });
    }

    private PersistenceException rejected(String key, String reason) {
        if (Protocol.VALUE_TOO_LARGE.equals(reason)) {
            return new QuotaExceededException(name(), key, "the server rejected the value: " + reason, null);
        }
        return new WriteFailedException(name(), key, "the server rejected the operation: " + reason, null);
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
