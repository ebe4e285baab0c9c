package dev.keepsake.core.sync;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Keys;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.error.AccessDeniedException;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.ConflictException;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.WriteFailedException;
import dev.keepsake.core.remote.Protocol;
import dev.keepsake.core.remote.Transport;
import dev.keepsake.core.time.Scheduler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The {@link Sync}: a decorating backend that adds an outbox entry to every local batch, and
 * the push, pull and watch loop that drains it.
 *
 * <p>Local layout. User keys are stored unchanged, except that a key starting with
 * {@code U+0001} gets one more {@code U+0001} in front; every key the sync itself keeps starts
 * with {@code U+0001} and another character, so the two sets never meet:
 *
 * <pre>
 * | key                          | value                                              |
 * |------------------------------|----------------------------------------------------|
 * | U+0001 "s"                   | the pull cursor, 8 bytes big-endian                |
 * | U+0001 "o" hex16(seq) client | an outbox entry {clientId, seq, key, tag, value}   |
 * | U+0001 "t" key               | the server tag this device last saw for key        |
 * | U+0001 "n"                   | the last outbox sequence number given, 8 bytes     |
 * </pre>
 *
 * <p><b>Several instances on one local backend</b> (a page's tabs: each writes, one syncs).
 * Outbox entries are numbered from one stored counter, written with a compare-and-set in each
 * entry's batch, so the outbox's order is the order the writes committed in, whichever
 * instance made them. The instance that syncs reads the stored outbox again at the start of
 * every round and before it applies pulled changes, so another instance's writes are pushed
 * in that order and a pulled change never replaces a value whose outbox entry it had not seen
 * (the pulled change is written only if the value's version is still the one it read).
 *
 * <p>Every change to the local backend made by this class (a user write with its outbox
 * entries, a settled push result, a page of pulled changes with the new cursor, a resolved
 * conflict) is one {@link WriteBatch}, and they run one at a time ({@link #serial}), so a
 * pulled change is never applied over a local write whose outbox entry is still pending.
 */
final class Replicator implements Sync {

    // Strings with U+0001 are never joined with '+': TeaVM's string concatenation takes U+0001
    // in a javac recipe for an argument marker and fails to compile the method.
    static final char RESERVED = '\u0001';
    static final String STATE = "\u0001s";
    static final String OUTBOX = "\u0001o";
    static final String TAG = "\u0001t";
    static final String SEQ = "\u0001n";
    /** How often a write is retried when other instances keep moving the outbox counter. */
    private static final int COUNTER_ATTEMPTS = 64;

    /** One outbox entry: a local write waiting for the server. */
    record Entry(String clientId, long seq, String key, long tag, byte[] value) {
        String id() {
            return clientId + "#" + seq;
        }
    }

    /** An outbox entry with its local key. */
    record Item(String getKey, Entry getValue) {
    }

    static final Serializer<Entry> ENTRY = Serializers.binary(Codecs.record(
            (String c, Long s, String k, Long t, byte[] v) -> new Entry(c, s, k, t, v),
            Codecs.field("c", Codecs.strings(), Entry::clientId),
            Codecs.field("s", Codecs.longs(), Entry::seq),
            Codecs.field("k", Codecs.strings(), Entry::key),
            Codecs.field("t", Codecs.longs(), Entry::tag),
            Codecs.field("v", Codecs.nullable(Codecs.bytes()), Entry::value)));

    private final StorageBackend local;
    private final SyncConfig config;
    private final Scheduler scheduler;
    private final String clientId;
    private final String base;
    private final SyncedBackend backend = new SyncedBackend();

    // Guarded by this.
    private final TreeMap<String, Entry> pending = new TreeMap<>();
    private final Map<String, List<Async.Completer<WriteFate>>> waiting = new HashMap<>();
    private final Map<String, Long> tags = new HashMap<>();
    private long nextSeq;
    private long seqVersion = Versioned.ABSENT;
    private long cursor;
    private boolean started;
    private boolean online = true;
    private boolean closed;
    private boolean roundRunning;
    private boolean roundAgain;
    private boolean watching;
    private int epoch;
    private int failures;
    private int conflicts;
    private int rejected;
    private Throwable lastError;
    private Scheduler.Scheduled retry;
    private List<Async.Completer<Void>> nextRoundWaiters = new ArrayList<>();
    private Transport transport;
    private SyncStatus lastStatus;

    private final Object queueLock = new Object();
    private Async<Void> tail = Async.done();

    private final Listeners<WriteFate> fateListeners = new Listeners<>();
    private final Listeners<SyncStatus> statusListeners = new Listeners<>();
    private final Listeners<SyncConflict> conflictListeners = new Listeners<>();
    private final Listeners<String> changeListeners = new Listeners<>();
    private final List<SyncFollower> followers = new ArrayList<>();

    private Replicator(StorageBackend local, SyncConfig config, Scheduler scheduler, String clientId) {
        this.local = local;
        this.config = config;
        this.scheduler = scheduler;
        this.clientId = clientId;
        this.base = Protocol.PREFIX + "/scopes/" + config.scope;
    }

    static Async<Sync> open(StorageBackend local, SyncConfig config, Scheduler scheduler) {
        byte[] id = new byte[12];
        config.random.nextBytes(id);
        Replicator r = new Replicator(local, config, scheduler, hex(id));
        return local.listKeys().flatMap(keys -> {
            List<String> outbox = new ArrayList<>();
            for (String k : keys) {
                if (k.startsWith(OUTBOX)) {
                    outbox.add(k);
                }
            }
            List<Async<byte[]>> loads = new ArrayList<>();
            for (String k : outbox) {
                loads.add(local.load(k));
            }
            return Async.all(loads).flatMap(values -> local.loadVersioned(SEQ).flatMap(counter ->
                    local.loadVersioned(STATE).map(state -> {
                synchronized (r) {
                    long max = 0;
                    for (int i = 0; i < outbox.size(); i++) {
                        Entry e = ENTRY.deserialize(values.get(i));
                        r.pending.put(outbox.get(i), e);
                        max = Math.max(max, Long.parseLong(outbox.get(i)
                                .substring(OUTBOX.length(), OUTBOX.length() + 16), 16));
                    }
                    r.nextSeq = Math.max(max, counter.isPresent() ? readLong(counter.value()) : 0) + 1;
                    r.seqVersion = counter.version();
                    r.cursor = state.isPresent() ? readLong(state.value()) : 0;
                    r.lastStatus = r.computeStatus();
                }
                return (Sync) r;
            })));
        });
    }

    // ---- key mapping ---------------------------------------------------------------------

    static String toLocal(String key) {
        return key.charAt(0) == RESERVED ? String.valueOf(RESERVED).concat(key) : key;
    }

    static String fromLocal(String stored) {
        if (stored.charAt(0) != RESERVED) {
            return stored;
        }
        return stored.length() > 1 && stored.charAt(1) == RESERVED ? stored.substring(1) : null;
    }

    private String outboxKey(long seq) {
        String h = Long.toHexString(seq);
        StringBuilder sb = new StringBuilder(OUTBOX);
        for (int i = h.length(); i < 16; i++) {
            sb.append('0');
        }
        return sb.append(h).append(clientId).toString();
    }

    // ---- the decorating backend ----------------------------------------------------------

    /** The local backend with every write recorded in the outbox in the same batch. */
    private final class SyncedBackend implements StorageBackend {

        @Override
        public String name() {
            return local.name();
        }

        @Override
        public Async<Void> save(String key, byte[] value) {
            return write(WriteBatch.builder().put(key, value).build());
        }

        @Override
        public Async<byte[]> load(String key) {
            return local.load(toLocal(Keys.requireValid(key)));
        }

        @Override
        public Async<Versioned> loadVersioned(String key) {
            return local.loadVersioned(toLocal(Keys.requireValid(key)));
        }

        @Override
        public Async<Void> delete(String key) {
            return write(WriteBatch.builder().delete(key).build());
        }

        @Override
        public Async<Boolean> exists(String key) {
            return local.exists(toLocal(Keys.requireValid(key)));
        }

        @Override
        public Async<List<String>> listKeys() {
            return local.listKeys().map(Replicator::userKeys);
        }

        @Override
        public Async<StorageInfo> info() {
            return local.info();
        }

        @Override
        public Async<Void> clear() {
            return listKeys().flatMap(keys -> {
                WriteBatch.Builder b = WriteBatch.builder();
                for (String k : keys) {
                    b.delete(k);
                }
                return write(b.build());
            });
        }

        @Override
        public Async<Void> write(WriteBatch batch) {
            Objects.requireNonNull(batch, "batch");
            if (batch.isEmpty()) {
                return Async.done();
            }
            List<String> outboxKeys = new ArrayList<>();
            List<Entry> entries = new ArrayList<>();
            return serial(() -> writeNumbered(batch.entries().size(), first -> {
                WriteBatch.Builder b = WriteBatch.builder();
                outboxKeys.clear();
                entries.clear();
                long seq = first;
                for (WriteBatch.Entry e : batch.entries()) {
                    b.entry(new WriteBatch.Entry(toLocal(e.key()), e.value(), e.version(), e.expected()));
                    Entry o = new Entry(clientId, seq, e.key(), e.isDelete() ? 0 : e.version(), e.value());
                    String ok = outboxKey(seq++);
                    b.put(ok, ENTRY.serialize(o));
                    outboxKeys.add(ok);
                    entries.add(o);
                }
                return b;
            }).map(v -> {
                    synchronized (Replicator.this) {
                        for (int i = 0; i < entries.size(); i++) {
                            pending.put(outboxKeys.get(i), entries.get(i));
                        }
                    }
                    for (Entry o : entries) {
                        fateListeners.fire(new WriteFate(o.key(), o.id(), WriteFate.Outcome.PENDING, 0, null));
                    }
                    statusChanged();
                    kick(false);
                    return null;
                }));
        }

        @Override
        public String toString() {
            return "Sync[" + local.name() + " <-> " + config.scope + "]";
        }
    }

    static List<String> userKeys(List<String> stored) {
        List<String> keys = new ArrayList<>(stored.size());
        for (String k : stored) {
            String u = fromLocal(k);
            if (u != null) {
                keys.add(u);
            }
        }
        return keys;
    }

    /** Runs {@code step} after every local step queued before it has completed. */
    private <T> Async<T> serial(Async.Attempt<T> step) {
        Async.Completer<T> done = Async.completer();
        Async<Void> previous;
        synchronized (queueLock) {
            previous = tail;
            tail = done.async().map(v -> (Void) null).recover(e -> null);
        }
        previous.whenComplete((v, e) -> done.follow(Async.attempt(step)));
        return done.async();
    }

    /**
     * Writes the batch {@code numbered} builds for {@code count} outbox sequence numbers from
     * the one it is given, together with the stored counter under a compare-and-set. Another
     * instance on the same local backend having moved the counter is a conflict on it: the
     * counter is read again and the batch built anew. A conflict on any other entry fails the
     * write as it would without sync. Runs in the serial queue.
     */
    private Async<Void> writeNumbered(int count, LongFunction<WriteBatch.Builder> numbered) {
        return writeNumbered(count, numbered, 1);
    }

    private Async<Void> writeNumbered(int count, LongFunction<WriteBatch.Builder> numbered,
            int attempt) {
        long first;
        long expected;
        synchronized (this) {
            first = nextSeq;
            expected = seqVersion;
        }
        WriteBatch.Builder b = numbered.apply(first);
        b.putIf(SEQ, longBytes(first + count - 1), expected);
        WriteBatch batch = b.build();
        long written = findEntry(b, SEQ).version();
        return local.write(batch).map(v -> {
            synchronized (this) {
                nextSeq = Math.max(nextSeq, first + count);
                seqVersion = written;
            }
            return (Void) null;
        }).recoverWith(failure -> {
            if (!(failure instanceof ConflictException) || attempt >= COUNTER_ATTEMPTS) {
                return Async.failed(failure);
            }
            return local.loadVersioned(SEQ).flatMap(counter -> {
                if (counter.version() == expected) {
                    return Async.<Void>failed(failure);   // not the counter: the caller's own condition
                }
                synchronized (this) {
                    nextSeq = Math.max(nextSeq, (counter.isPresent() ? readLong(counter.value()) : 0) + 1);
                    seqVersion = counter.version();
                }
                return writeNumbered(count, numbered, attempt + 1);
            });
        });
    }

    /**
     * Adds to {@code pending} the stored outbox entries other instances on the local backend
     * wrote. Runs in the serial queue, so an entry this instance settled (deleted in that queue)
     * is never read back.
     */
    private Async<Void> rescan() {
        return local.listKeys().flatMap(keys -> {
            List<String> found = new ArrayList<>();
            synchronized (this) {
                for (String k : keys) {
                    if (k.startsWith(OUTBOX) && !pending.containsKey(k)) {
                        found.add(k);
                    }
                }
            }
            if (found.isEmpty()) {
                return Async.done();
            }
            List<Async<byte[]>> loads = new ArrayList<>();
            for (String k : found) {
                loads.add(local.load(k));
            }
            return Async.all(loads).map(values -> {
                List<Entry> added = new ArrayList<>();
                synchronized (this) {
                    for (int i = 0; i < found.size(); i++) {
                        if (values.get(i) != null) {
                            Entry e = ENTRY.deserialize(values.get(i));
                            pending.put(found.get(i), e);
                            added.add(e);
                        }
                    }
                }
                for (Entry e : added) {
                    fateListeners.fire(new WriteFate(e.key(), e.id(), WriteFate.Outcome.PENDING, 0, null));
                }
                if (!added.isEmpty()) {
                    statusChanged();
                }
                return (Void) null;
            });
        });
    }

    // ---- Sync ----------------------------------------------------------------------------

    @Override
    public StorageBackend backend() {
        return backend;
    }

    @Override
    public boolean wraps(StorageBackend candidate) {
        return candidate == local;
    }

    @Override
    public void start() {
        synchronized (this) {
            if (closed || started) {
                return;
            }
            started = true;
        }
        statusChanged();
        kick(true);
    }

    @Override
    public void setOnline(boolean on) {
        synchronized (this) {
            if (online == on) {
                return;
            }
            online = on;
            epoch++;
            failures = 0;
            cancelRetry();
            watching = false;
        }
        statusChanged();
        if (on) {
            kick(true);
        }
    }

    @Override
    public Async<Void> syncNow() {
        Async.Completer<Void> c = Async.completer();
        synchronized (this) {
            if (closed || !started || !online) {
                return Async.failed(new BackendUnavailableException(local.name(), null,
                        closed ? "the sync is closed" : !started ? "the sync is not started" : "the sync is offline",
                        null));
            }
            nextRoundWaiters.add(c);
        }
        kick(true);
        return c.async();
    }

    @Override
    public synchronized SyncStatus status() {
        return computeStatus();
    }

    private SyncStatus computeStatus() {
        SyncStatus.State state = closed || !started ? SyncStatus.State.STOPPED
                : !online || failures > 0 ? SyncStatus.State.OFFLINE
                : roundRunning || !pending.isEmpty() ? SyncStatus.State.SYNCING
                : SyncStatus.State.UP_TO_DATE;
        return new SyncStatus(state, pending.size(), conflicts, rejected, lastError);
    }

    private void statusChanged() {
        SyncStatus now;
        synchronized (this) {
            now = computeStatus();
            if (now.equals(lastStatus)) {
                return;
            }
            lastStatus = now;
        }
        statusListeners.fire(now);
    }

    @Override
    public synchronized List<WriteFate> pending() {
        List<WriteFate> list = new ArrayList<>(pending.size());
        for (Entry e : pending.values()) {
            list.add(new WriteFate(e.key(), e.id(), WriteFate.Outcome.PENDING, 0, null));
        }
        return list;
    }

    @Override
    public synchronized Async<WriteFate> settled(String key) {
        Keys.requireValid(key);
        String last = null;
        for (Map.Entry<String, Entry> e : pending.entrySet()) {
            if (e.getValue().key().equals(key)) {
                last = e.getKey();
            }
        }
        if (last == null) {
            return Async.of(new WriteFate(key, "", WriteFate.Outcome.APPLIED, 0, null));
        }
        Async.Completer<WriteFate> c = Async.completer();
        waiting.computeIfAbsent(last, k -> new ArrayList<>()).add(c);
        return c.async();
    }

    @Override
    public Subscription onFate(Consumer<WriteFate> listener) {
        return fateListeners.add(listener);
    }

    @Override
    public Subscription onStatus(Consumer<SyncStatus> listener) {
        return statusListeners.add(listener);
    }

    @Override
    public Subscription onConflict(Consumer<SyncConflict> listener) {
        return conflictListeners.add(listener);
    }

    @Override
    public Subscription onRemoteChange(Consumer<String> listener) {
        return changeListeners.add(listener);
    }

    @Override
    public Subscription follow(SyncFollower follower) {
        Objects.requireNonNull(follower, "follower");
        synchronized (followers) {
            followers.add(follower);
        }
        return () -> {
            synchronized (followers) {
                followers.remove(follower);
            }
        };
    }

    private SyncFollower followerOf(String key) {
        synchronized (followers) {
            for (SyncFollower f : followers) {
                if (f.owns(key)) {
                    return f;
                }
            }
        }
        return null;
    }

    @Override
    public Async<Void> close() {
        List<Async.Completer<Void>> waiters;
        synchronized (this) {
            closed = true;
            epoch++;
            cancelRetry();
            waiters = nextRoundWaiters;
            nextRoundWaiters = new ArrayList<>();
        }
        for (Async.Completer<Void> w : waiters) {
            w.fail(new BackendUnavailableException(local.name(), null, "the sync is closed", null));
        }
        statusChanged();
        return serial(Async::done);
    }

    // ---- rounds --------------------------------------------------------------------------

    /** Starts a push-and-pull round, or asks the running one to go again; {@code force} ignores a backoff. */
    private void kick(boolean force) {
        List<Async.Completer<Void>> waiters;
        int myEpoch;
        synchronized (this) {
            if (closed || !started || !online) {
                return;
            }
            if (roundRunning) {
                roundAgain = true;
                return;
            }
            if (retry != null && !force) {
                return;
            }
            cancelRetry();
            roundRunning = true;
            roundAgain = false;
            waiters = nextRoundWaiters;
            nextRoundWaiters = new ArrayList<>();
            myEpoch = epoch;
        }
        statusChanged();
        Async.attempt(() -> serial(this::rescan).flatMap(v -> pushAll()).flatMap(v -> pullAll()))
                .whenComplete((v, e) -> afterRound(e, waiters, myEpoch));
    }

    private void afterRound(Throwable failure, List<Async.Completer<Void>> waiters, int roundEpoch) {
        boolean again;
        boolean watch = false;
        synchronized (this) {
            roundRunning = false;
            again = roundAgain && roundEpoch == epoch;
            if (failure == null) {
                failures = 0;
                lastError = null;
                watch = config.watch && !watching && !again;
            } else if (roundEpoch == epoch && !closed && online) {
                failures++;
                lastError = failure;
                scheduleRetry();
                again = false;
            }
        }
        for (Async.Completer<Void> w : waiters) {
            if (failure == null) {
                w.complete(null);
            } else {
                w.fail(failure);
            }
        }
        statusChanged();
        if (again) {
            kick(true);
        } else if (watch) {
            watch();
        }
    }

    /** Schedules the next attempt after a failure: doubling delays with jitter. Holds this. */
    private void scheduleRetry() {
        cancelRetry();
        long delay = config.minBackoffMillis;
        for (int i = 1; i < failures && delay < config.maxBackoffMillis; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, config.maxBackoffMillis);
        long jittered = delay / 2 + (long) (Math.random() * (delay / 2 + 1));
        retry = scheduler.schedule(jittered, () -> {
            synchronized (this) {
                retry = null;
            }
            kick(true);
        });
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
    }

    private void watch() {
        long after;
        int myEpoch;
        synchronized (this) {
            if (watching || closed || !started || !online) {
                return;
            }
            watching = true;
            after = cursor;
            myEpoch = epoch;
        }
        send(new Transport.Request("GET", base + "/watch?after=" + after + "&timeout=" + config.watchTimeoutMillis,
                null))
                .whenComplete((response, e) -> {
                    boolean moved = false;
                    synchronized (this) {
                        if (myEpoch != epoch) {
                            return;
                        }
                        watching = false;
                        if (e == null && response.status() == 200) {
                            try {
                                moved = Protocol.WATCH.deserialize(response.body()).version() > cursor;
                            } catch (RuntimeException malformed) {
                                moved = true;
                            }
                        }
                    }
                    if (e != null || response.status() != 200) {
                        // Treat a failed watch as a failed round: back off, then try again.
                        afterRound(e != null ? e : new BackendUnavailableException(local.name(), null,
                                "the server answered a watch with " + response.status(), null), List.of(), myEpoch);
                    } else if (moved) {
                        kick(true);
                    } else {
                        // Timed out with nothing new: watch again on the scheduler (never recursively).
                        scheduler.schedule(0, this::watch);
                    }
                });
    }

    // ---- push ----------------------------------------------------------------------------

    private Async<Void> pushAll() {
        List<Item> batch = new ArrayList<>();
        synchronized (this) {
            Set<String> keys = new HashSet<>();
            for (Map.Entry<String, Entry> e : pending.entrySet()) {
                if (batch.size() == config.pushBatch || !keys.add(e.getValue().key())) {
                    break;
                }
                batch.add(new Item(e.getKey(), e.getValue()));
            }
        }
        if (batch.isEmpty()) {
            return Async.done();
        }
        return push(batch).flatMap(v -> pushAll());
    }

    private Async<Void> push(List<Item> batch) {
        List<Async<Long>> bases = new ArrayList<>();
        for (Item e : batch) {
            bases.add(knownTag(e.getValue().key()));
        }
        return Async.all(bases).flatMap(known -> {
            List<Protocol.Operation> ops = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Entry e = batch.get(i).getValue();
                ops.add(new Protocol.Operation(e.clientId(), e.seq(), e.key(), known.get(i), e.tag(), e.value()));
            }
            byte[] body = Protocol.PUSH.serialize(new Protocol.Push(ops, false));
            return send(new Transport.Request("POST", base + "/push", body));
        }).flatMap(response -> {
            if (response.status() == 413) {
                if (batch.size() > 1) {
                    return push(batch.subList(0, 1));
                }
                return settle(batch.get(0), Protocol.Result.rejected("body_too_large"));
            }
            if (response.status() != 200) {
                return Async.failed(new WriteFailedException(local.name(), null,
                        "the server answered a push with " + response.status(), null));
            }
            List<Protocol.Result> results = Protocol.PUSH_RESULT.deserialize(response.body()).results();
            if (results.size() != batch.size()) {
                return Async.failed(new WriteFailedException(local.name(), null, "the server answered "
                        + results.size() + " results for " + batch.size() + " operations", null));
            }
            return settleFrom(batch, results, 0);
        });
    }

    private Async<Void> settleFrom(List<Item> batch, List<Protocol.Result> results, int i) {
        if (i == batch.size()) {
            return Async.done();
        }
        return settle(batch.get(i), results.get(i)).flatMap(v -> settleFrom(batch, results, i + 1));
    }

    private Async<Void> settle(Item item, Protocol.Result result) {
        String outboxKey = item.getKey();
        Entry e = item.getValue();
        switch (result.status()) {
            case APPLIED:
                return serial(() -> {
                    WriteBatch.Builder b = WriteBatch.builder().delete(outboxKey);
                    putTag(b, e.key(), result.tag());
                    return local.write(b.build());
                }).map(v -> {
                    synchronized (this) {
                        tags.put(e.key(), result.tag());
                    }
                    finish(outboxKey, new WriteFate(e.key(), e.id(), WriteFate.Outcome.APPLIED, result.version(),
                            null));
                    return null;
                });
            case REJECTED:
                return serial(() -> local.write(WriteBatch.builder().delete(outboxKey).build())).flatMap(v -> {
                    boolean more;
                    synchronized (this) {
                        rejected++;
                        more = hasPending(e.key(), outboxKey);
                    }
                    finish(outboxKey, new WriteFate(e.key(), e.id(), WriteFate.Outcome.REJECTED, 0, result.reason()));
                    // The local value is one the server refused: bring the key back to the
                    // server's state, unless later local writes to it are still to be pushed.
                    return more ? Async.done() : restore(e.key());
                });
            default:
                return resolve(e.key(), result);
        }
    }

    /** Whether an outbox entry for {@code key} other than {@code except} is pending. Holds this. */
    private boolean hasPending(String key, String except) {
        for (Map.Entry<String, Entry> p : pending.entrySet()) {
            if (p.getValue().key().equals(key) && !p.getKey().equals(except)) {
                return true;
            }
        }
        return false;
    }

    private void finish(String outboxKey, WriteFate fate) {
        List<Async.Completer<WriteFate>> ws;
        synchronized (this) {
            pending.remove(outboxKey);
            ws = waiting.remove(outboxKey);
        }
        fateListeners.fire(fate);
        if (ws != null) {
            for (Async.Completer<WriteFate> w : ws) {
                w.complete(fate);
            }
        }
        statusChanged();
    }

    /**
     * Resolves a push that met a newer server value: asks the key's follower what to keep
     * given the current local value and the server's, then, in one local batch, drops the
     * key's outbox entries, records the server's tag, stores what is kept and (if that is not
     * the server's value) queues it as a new write on top of the server's.
     */
    private Async<Void> resolve(String key, Protocol.Result remote) {
        return serial(() -> local.loadVersioned(toLocal(key))).flatMap(current -> {
            SyncFollower follower = followerOf(key);
            Async<byte[]> decision = follower == null ? Async.of(current.value())
                    : Async.attempt(() -> follower.resolve(key, current.value(), remote.value()));
            return decision.flatMap(kept -> serial(() -> local.loadVersioned(toLocal(key)).flatMap(now -> {
                if (now.version() != current.version()) {
                    return Async.of(Boolean.FALSE);
                }
                return commitResolution(key, current, remote, kept).map(v -> Boolean.TRUE);
            }))).flatMap(done -> done ? Async.<Void>done() : resolve(key, remote));
        });
    }

    private Async<Void> commitResolution(String key, Versioned current, Protocol.Result remote, byte[] kept) {
        List<Item> dropped = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, Entry> p : pending.entrySet()) {
                if (p.getValue().key().equals(key)) {
                    dropped.add(new Item(p.getKey(), p.getValue()));
                }
            }
        }
        WriteBatch.Builder b = WriteBatch.builder();
        for (Item d : dropped) {
            b.delete(d.getKey());
        }
        putTag(b, key, remote.tag());
        boolean adoptRemote = Arrays.equals(kept, remote.value());
        byte[] target = adoptRemote ? remote.value() : kept;
        boolean localChanges = !Arrays.equals(target, current.value());
        if (localChanges) {
            setLocal(b, key, target, current);
        }
        Entry[] added = new Entry[1];
        String[] addedKey = new String[1];
        // The tag the kept bytes get on the server: the local version when they are written
        // here, else any fresh version (tags only need to differ from the server's).
        long tag = adoptRemote || kept == null ? 0 : localChanges ? findEntry(b, toLocal(key)).version()
                : WriteBatch.builder().put(toLocal(key), kept).build().entries().get(0).version();
        Async<Void> written = adoptRemote ? local.write(b.build()) : writeNumbered(1, seq -> {
            added[0] = new Entry(clientId, seq, key, tag, kept);
            addedKey[0] = outboxKey(seq);
            WriteBatch.Builder numbered = WriteBatch.builder();
            for (WriteBatch.Entry e : b.build().entries()) {
                numbered.entry(e);
            }
            return numbered.put(addedKey[0], ENTRY.serialize(added[0]));
        });
        return written.map(v -> {
            Entry newEntry = added[0];
            String newKey = addedKey[0];
            synchronized (this) {
                tags.put(key, remote.tag());
                conflicts++;
                if (newEntry != null) {
                    pending.put(newKey, newEntry);
                }
            }
            String firstId = dropped.isEmpty() ? "" : dropped.get(0).getValue().id();
            conflictListeners.fire(new SyncConflict(key, current.value(), remote.value(), target, firstId));
            for (Item d : dropped) {
                finish(d.getKey(), new WriteFate(key, d.getValue().id(), WriteFate.Outcome.CONFLICT, 0, null));
            }
            if (newEntry != null) {
                fateListeners.fire(new WriteFate(key, newEntry.id(), WriteFate.Outcome.PENDING, 0, null));
                statusChanged();
                synchronized (this) {
                    roundAgain = true;
                }
            }
            if (localChanges) {
                changed(key);
            }
            return null;
        });
    }

    private static WriteBatch.Entry findEntry(WriteBatch.Builder b, String storedKey) {
        for (WriteBatch.Entry e : b.build().entries()) {
            if (e.key().equals(storedKey)) {
                return e;
            }
        }
        throw new IllegalStateException("no entry for the key");
    }

    /** Adds to {@code b} the change of the local value of {@code key} from {@code current} to {@code value}. */
    private static void setLocal(WriteBatch.Builder b, String key, byte[] value, Versioned current) {
        String stored = toLocal(key);
        if (value != null) {
            b.putIf(stored, value, current.version());
        } else if (current.isPresent()) {
            b.deleteIf(stored, current.version());
        }
    }

    private static void putTag(WriteBatch.Builder b, String key, long tag) {
        if (tag == 0) {
            b.delete(TAG.concat(key));
        } else {
            b.put(TAG.concat(key), longBytes(tag));
        }
    }

    private Async<Long> knownTag(String key) {
        synchronized (this) {
            Long t = tags.get(key);
            if (t != null) {
                return Async.of(t);
            }
        }
        return local.loadVersioned(TAG.concat(key)).map(v -> {
            long t = v.isPresent() ? readLong(v.value()) : 0;
            synchronized (this) {
                tags.putIfAbsent(key, t);
                return tags.get(key);
            }
        });
    }

    // ---- pull ----------------------------------------------------------------------------

    private Async<Void> pullAll() {
        long after;
        synchronized (this) {
            after = cursor;
        }
        return pullFrom(after, null);
    }

    /** Pulls the pages after {@code after}; {@code seen} collects the keys of a pull from 0 after a reset. */
    private Async<Void> pullFrom(long after, Set<String> seen) {
        String path = base + "/changes?after=" + after + "&limit=" + config.pullLimit;
        return send(new Transport.Request("GET", path, null)).flatMap(response -> {
            if (response.status() == 410) {
                // Our cursor fell behind the server's tombstone horizon: pull everything again,
                // then forget the keys whose tombstones the server no longer has.
                return pullFrom(0, new HashSet<>());
            }
            if (response.status() != 200) {
                return Async.failed(new BackendUnavailableException(local.name(), null,
                        "the server answered a pull with " + response.status(), null));
            }
            Protocol.Changes page = Protocol.CHANGES.deserialize(response.body());
            if (seen != null) {
                for (Protocol.Change c : page.changes()) {
                    seen.add(c.key());
                }
            }
            return apply(page.changes(), page.cursor(), false).flatMap(v -> page.more() ? pullFrom(page.cursor(), seen)
                    : seen == null ? Async.<Void>done() : forgetMissing(seen));
        });
    }

    /**
     * After a full pull: deletes locally every key this device had from (or pushed to) the
     * server that the server no longer lists (its tombstone was pruned) and that has no
     * pending local write.
     */
    private Async<Void> forgetMissing(Set<String> seen) {
        return serial(() -> local.listKeys().flatMap(keys -> {
            List<String> gone = new ArrayList<>();
            synchronized (this) {
                for (String k : keys) {
                    if (k.startsWith(TAG)) {
                        String key = k.substring(TAG.length());
                        if (!seen.contains(key) && !hasPending(key, null)) {
                            gone.add(key);
                        }
                    }
                }
            }
            List<Async<Versioned>> reads = new ArrayList<>();
            for (String key : gone) {
                reads.add(local.loadVersioned(toLocal(key)));
            }
            return Async.all(reads).flatMap(current -> {
                WriteBatch.Builder b = WriteBatch.builder();
                for (int i = 0; i < gone.size(); i++) {
                    setLocal(b, gone.get(i), null, current.get(i));
                    putTag(b, gone.get(i), 0);
                }
                if (b.size() == 0) {
                    return Async.of(gone);
                }
                return local.write(b.build()).map(v -> {
                    synchronized (this) {
                        for (String key : gone) {
                            tags.put(key, 0L);
                        }
                    }
                    return gone;
                });
            });
        })).map(gone -> {
            for (String key : gone) {
                changed(key);
            }
            return null;
        });
    }

    /** Brings {@code key} back to the server's state (after a rejected write). */
    private Async<Void> restore(String key) {
        return send(new Transport.Request("GET", base + "/entry?key=" + Protocol.keyParameter(key), null))
                .flatMap(r -> {
            Protocol.Change c;
            if (r.status() == 404) {
                c = new Protocol.Change(key, 0, 0, true, null);
            } else if (r.status() == 200) {
                Protocol.Entry e = Protocol.ENTRY.deserialize(r.body());
                c = new Protocol.Change(key, e.version(), e.tag(), false, e.value());
            } else {
                return Async.failed(new BackendUnavailableException(local.name(), key,
                        "the server answered " + r.status(), null));
            }
            return apply(List.of(c), -1, true);
        });
    }

    /**
     * Applies remote changes locally, one batch with the new cursor ({@code -1}: unchanged).
     * Skips keys with pending local writes (their push meets the change as a conflict) and, unless
     * {@code force}, changes this device already has (its own pushes coming back).
     */
    private Async<Void> apply(List<Protocol.Change> changes, long newCursor, boolean force) {
        return serial(() -> {
            List<Protocol.Change> todo = new ArrayList<>();
            List<Async<Long>> known = new ArrayList<>();
            synchronized (this) {
                for (Protocol.Change c : changes) {
                    if (!hasPending(c.key(), null)) {
                        todo.add(c);
                    }
                }
            }
            for (Protocol.Change c : todo) {
                known.add(knownTag(c.key()));
            }
            return Async.all(known).flatMap(knownTags -> {
                List<Protocol.Change> apply = new ArrayList<>();
                List<Async<Versioned>> reads = new ArrayList<>();
                for (int i = 0; i < todo.size(); i++) {
                    Protocol.Change c = todo.get(i);
                    if (force || knownTags.get(i) != c.tag()) {
                        apply.add(c);
                        reads.add(local.loadVersioned(toLocal(c.key())));
                    }
                }
                // The stored outbox is read after the values: another instance's write that
                // came before is seen as pending (and skipped), one that comes after changes the
                // value's version, so the conditional write below fails and the round is retried.
                return Async.all(reads).flatMap(current -> rescan().map(v -> current)).flatMap(current -> {
                    WriteBatch.Builder b = WriteBatch.builder();
                    List<String> changedKeys = new ArrayList<>();
                    List<Protocol.Change> tagged = new ArrayList<>();
                    for (int i = 0; i < apply.size(); i++) {
                        Protocol.Change c = apply.get(i);
                        synchronized (this) {
                            if (hasPending(c.key(), null)) {
                                continue;
                            }
                        }
                        tagged.add(c);
                        byte[] value = c.deleted() ? null : c.value();
                        if (!c.deleted() && value == null) {
                            continue;
                        }
                        if (!Arrays.equals(value, current.get(i).value())) {
                            setLocal(b, c.key(), value, current.get(i));
                            changedKeys.add(c.key());
                        }
                        putTag(b, c.key(), c.deleted() ? 0 : c.tag());
                    }
                    if (newCursor >= 0) {
                        b.put(STATE, longBytes(newCursor));
                    }
                    if (b.size() == 0) {
                        return Async.of(changedKeys);
                    }
                    return local.write(b.build()).map(v -> {
                        synchronized (this) {
                            for (Protocol.Change c : tagged) {
                                tags.put(c.key(), c.deleted() ? 0L : c.tag());
                            }
                        }
                        return changedKeys;
                    });
                });
            }).recoverWith(e -> e instanceof ConflictException
                    ? Async.of(null) // another writer outside this sync moved a key: read again
                    : Async.failed(e));
        }).flatMap(changedKeys -> {
            if (changedKeys == null) {
                return apply(changes, newCursor, force);
            }
            if (newCursor >= 0) {
                synchronized (this) {
                    cursor = Math.max(cursor, newCursor);
                }
            }
            for (String k : changedKeys) {
                changed(k);
            }
            return Async.done();
        });
    }

    private void changed(String key) {
        SyncFollower f = followerOf(key);
        if (f != null) {
            try {
                f.changed(key);
            } catch (RuntimeException ignored) {
                // A follower's failure must not stop the sync; it is the follower's to report.
            }
        }
        changeListeners.fire(key);
    }

    // ---- transport -----------------------------------------------------------------------

    /**
     * Sends {@code request}; completes with 200, 404, 410 and 413 answers, asks for a new token
     * and sends once more after a 401, fails with a typed exception otherwise.
     */
    private Async<Transport.Response> send(Transport.Request request) {
        return send(request, true);
    }

    private Async<Transport.Response> send(Transport.Request request, boolean mayRenew) {
        synchronized (this) {
            if (!online || closed) {
                return Async.failed(new BackendUnavailableException(local.name(), null, "the sync is offline", null));
            }
        }
        return transport(false).flatMap(t -> Async.attempt(() -> t.send(request))).recoverWith(e -> Async.failed(
                e instanceof PersistenceException ? e
                        : new BackendUnavailableException(local.name(), null, "no answer from the server", e)))
                .flatMap(response -> {
                    int status = response.status();
                    if (status == 401 && mayRenew) {
                        return transport(true).flatMap(t -> send(request, false));
                    }
                    if (status == 200 || status == 404 || status == 410 || status == 413) {
                        return Async.of(response);
                    }
                    if (status == 401 || status == 403) {
                        return Async.failed(new AccessDeniedException(local.name(), null,
                                "the server answered " + status, null));
                    }
                    return Async.failed(new BackendUnavailableException(local.name(), null,
                            "the server answered " + status, null));
                });
    }

    private Async<Transport> transport(boolean renew) {
        synchronized (this) {
            if (!renew && transport != null) {
                return Async.of(transport);
            }
        }
        return Async.attempt(() -> config.tokens.token(renew)).map(token -> {
            Transport t = config.connector.connect(Objects.requireNonNull(token, "token"));
            synchronized (this) {
                transport = t;
            }
            return t;
        });
    }

    // ---- small helpers -------------------------------------------------------------------

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    static long readLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return sb.toString();
    }

    /** Listeners called outside any lock, on the thread that caused the event. */
    static final class Listeners<E> {
        private List<Consumer<E>> list = new ArrayList<>();

        synchronized Subscription add(Consumer<E> listener) {
            Objects.requireNonNull(listener, "listener");
            List<Consumer<E>> copy = new ArrayList<>(list);
            copy.add(listener);
            list = copy;
            return () -> remove(listener);
        }

        private synchronized void remove(Consumer<E> listener) {
            List<Consumer<E>> copy = new ArrayList<>(list);
            copy.remove(listener);
            list = copy;
        }

        void fire(E event) {
            List<Consumer<E>> now;
            synchronized (this) {
                now = list;
            }
            for (Consumer<E> l : now) {
                try {
                    l.accept(event);
                } catch (RuntimeException ignored) {
                    // One listener's failure must not keep the others or the sync from running.
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Sync[" + local.name() + " <-> " + config.scope + "]";
    }
}
