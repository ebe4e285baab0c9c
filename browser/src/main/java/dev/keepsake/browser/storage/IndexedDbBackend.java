package dev.keepsake.browser.storage;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Keys;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.error.ConflictException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.NotFoundException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.error.ReadFailedException;
import dev.keepsake.core.error.WriteFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * A backend on IndexedDB: one object store with out-of-line string keys and values
 * {@code {v: version, d: Uint8Array}} (a bare {@code Uint8Array}, written before versions
 * existed, has version {@link Versioned#UNVERSIONED}), in a database of a given name and version. The place for
 * anything larger than a
 * few kilobytes, and the browser default.
 *
 * <h2>Connection</h2>
 * The database is opened on first use and the connection reused. Opening creates the object
 * store when the version is new. When another tab opens a newer version, this backend closes
 * its connection at once ({@code onversionchange}) so that the other tab's upgrade can
 * proceed; its next operation tries to reopen, and fails with
 * {@link BackendUnavailableException} if the database is now at a newer version than this
 * backend's (reload the page to run the newer code). An open that another tab blocks (it keeps
 * an older version open and does not close it) fails with {@link BackendUnavailableException}
 * instead of waiting.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Writes ({@link #save}, {@link #delete}, {@link #clear}, {@link #write}) complete when
 *       their transaction fires {@code complete}, not when a request succeeds: then the data is
 *       committed. Every {@code readwrite} transaction is opened with
 *       {@code {durability: "strict"}}, so {@code complete} waits until the data is flushed to
 *       disk. A batch is one {@code readwrite} transaction, so it is all or nothing; its
 *       conditional entries read their key's version inside that transaction and abort it
 *       on a mismatch.</li>
 *   <li>A write refused for lack of space ({@code QuotaExceededError}, or an
 *       {@code AbortError} whose transaction failed for quota) fails with
 *       {@link QuotaExceededException}; any other aborted write with
 *       {@link WriteFailedException}. Either way the transaction was rolled back and the
 *       previous values are intact.</li>
 *   <li>IndexedDB missing ({@code typeof indexedDB === 'undefined'}) or refusing to open fails
 *       every operation with {@link BackendUnavailableException}.</li>
 *   <li>A stored value that is not a {@code Uint8Array} (written by other code) is reported as
 *       {@link CorruptedDataException}, never returned.</li>
 *   <li>Reads asked for in one task ({@link #load}, {@link #exists}, {@link #listKeys}) are
 *       made by one {@code readonly} transaction, started in a microtask: a page that loads
 *       many keys at once ({@code Promise.all}) pays for one transaction, not one per key;
 *       {@value #RANGE_READS} or more loads in one task are read with one {@code getAllKeys} and
 *       one {@code getAll} over the range from their least to their greatest key (at most twice
 *       as many records as loads, plus {@value #RANGE_SLACK}; a key past a cut-off range is read
 *       on its own, in the same transaction): two requests, not one per key.</li>
 * </ul>
 *
 * <p>Non-goals: indexes, key ranges, and sharing a store with other code.
 */
public final class IndexedDbBackend implements StorageBackend {

    private final String database;
    private final String store;
    private final int version;
    private final String name;
    private final Supplier<IDBFactory> factory;

    /** The connection, pending or open; null before the first use and after a close. */
    private Async<IDBDatabase> connection;

    /** From this many loads in one task on, they are read as one key range. */
    static final int RANGE_READS = 16;

    /** How many records a range read may read beyond twice the loads it serves. */
    static final int RANGE_SLACK = 64;

    /** Loads waiting for this task's read transaction; null when none wait. */
    private List<QueuedRead> queuedReads;

    private IndexedDbBackend(Builder builder) {
        this.database = builder.database;
        this.store = builder.store;
        this.version = builder.version;
        this.factory = builder.factory;
        this.name = "indexedDB(" + database + "/" + store + ")";
    }

    /** Returns a builder with database {@code "keepsake"}, store {@code "values"}, version 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns whether this context has IndexedDB at all (a cheap check; opening may still fail). */
    public static boolean isPresent() {
        return IDBFactory.current() != null;
    }

    /** Returns the database name. */
    public String database() {
        return database;
    }

    /** Returns the object store name. */
    public String store() {
        return store;
    }

    /** Returns the database version this backend opens. */
    public int version() {
        return version;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Closes the connection, if one is open or opening; a later operation reopens it. Pending
     * transactions still complete (IndexedDB closes after them).
     */
    public void close() {
        Async<IDBDatabase> current = connection;
        connection = null;
        if (current != null) {
            current.whenComplete((db, failure) -> {
                if (db != null) {
                    db.close();
                }
            });
        }
    }

    /**
     * {@inheritDoc} One {@code readwrite} transaction, complete when it commits; on failure
     * the transaction was rolled back and the previous value is intact.
     */
    @Override
    public Async<Void> save(String key, byte[] value) {
        Keys.requireValid(key);
        Objects.requireNonNull(value, "value");
        return write(WriteBatch.builder().put(key, value).build());
    }

    @Override
    public Async<byte[]> load(String key) {
        return loadVersioned(key).map(read -> {
            if (read.value() == null) {
                throw new NotFoundException(name, key, "no value stored", null);
            }
            return read.value();
        });
    }

    @Override
    public Async<Versioned> loadVersioned(String key) {
        Keys.requireValid(key);
        return queueRead(key, null).map(result -> {
            if (isNullish(result)) {
                return new Versioned(null, Versioned.ABSENT);
            }
            JSObject data = dataOf(result);
            if (!Bytes.isUint8Array(data)) {
                throw new CorruptedDataException(name, key, "stored value is not a Uint8Array", null);
            }
            return new Versioned(Bytes.fromUint8Array(data.cast()), (long) versionOf(result));
        });
    }

    /** {@inheritDoc} Atomic like {@link #save}: on failure the value is still there. */
    @Override
    public Async<Void> delete(String key) {
        Keys.requireValid(key);
        return write(WriteBatch.builder().delete(key).build());
    }

    @Override
    public Async<Boolean> exists(String key) {
        Keys.requireValid(key);
        return queueRead(key, objects -> objects.count(key)).map(count -> asInt(count) > 0);
    }

    @Override
    public Async<List<String>> listKeys() {
        return queueRead(null, IDBObjectStore::getAllKeys).map(array -> {
            int n = arrayLength(array);
            List<String> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String key = stringAt(array, i);
                if (key != null) {
                    keys.add(key);
                }
            }
            return keys;
        });
    }

    /**
     * {@inheritDoc} Used bytes are this store's own, summed over a cursor as two bytes per
     * key code unit plus the value's length (the origin-wide {@code navigator.storage} usage
     * counts other data and lags behind deletes); available bytes come from
     * {@code navigator.storage.estimate()} when the browser has it.
     */
    @Override
    public Async<StorageInfo> info() {
        return withTransaction(null, "readonly", (tx, objects) -> {
            Async.Completer<long[]> sums = Async.completer();
            long[] totals = new long[2];
            IDBRequest request = objects.openCursor();
            request.setOnsuccess(event -> {
                JSObject result = request.getResult();
                if (isNullish(result)) {
                    sums.complete(totals);
                    return;
                }
                IDBCursorWithValue cursor = result.cast();
                totals[0] += 2L * IDBCursorWithValue.keyLength(cursor.getKey())
                        + IDBCursorWithValue.byteLength(cursor.getValue());
                totals[1]++;
                cursor.continueCursor();
            });
            tx.setOnabort(event -> sums.fail(readFailed(null, failureOf(request, tx))));
            return sums.async();
        }).flatMap(totals -> {
            Async.Completer<StorageInfo> info = Async.completer();
            estimateAvailable(available -> info.complete(new StorageInfo(totals[0],
                    available < 0 ? OptionalLong.empty() : OptionalLong.of((long) available), totals[1])));
            return info.async();
        });
    }

    /** {@inheritDoc} One transaction: on failure nothing was removed. */
    @Override
    public Async<Void> clear() {
        return withTransaction(null, "readwrite", (tx, objects) -> {
            JSObject[] firstError = new JSObject[1];
            watch(objects.clear(), firstError);
            return committed(tx, null, firstError);
        });
    }

    /**
     * {@inheritDoc} One {@code readwrite} transaction for the whole batch, so all or nothing;
     * completes on the transaction's {@code complete} event.
     */
    @Override
    public Async<Void> write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return Async.done();
        }
        List<WriteBatch.Entry> entries = batch.entries();
        // Convert before the transaction opens: a transaction auto-commits once its requests
        // are done and the task that made them has returned, so nothing slow may sit inside.
        JSObject[] values = new JSObject[entries.size()];
        for (int i = 0; i < values.length; i++) {
            WriteBatch.Entry entry = entries.get(i);
            values[i] = entry.isDelete() ? null : record(entry.version(), Bytes.toUint8Array(entry.value()));
        }
        String onlyKey = entries.size() == 1 ? entries.get(0).key() : null;
        return withTransaction(onlyKey, "readwrite", (tx, objects) -> {
            JSObject[] firstError = new JSObject[1];
            ConflictException[] conflict = new ConflictException[1];
            for (int i = 0; i < values.length; i++) {
                WriteBatch.Entry entry = entries.get(i);
                JSObject value = values[i];
                if (!entry.isConditional()) {
                    apply(objects, entry.key(), value, firstError);
                    continue;
                }
                // Checked inside this transaction; a mismatch aborts it, so nothing applies.
                IDBRequest read = objects.get(entry.key());
                read.setOnsuccess(event -> {
                    JSObject stored = read.getResult();
                    long found = isNullish(stored) ? Versioned.ABSENT : (long) versionOf(stored);
                    if (conflict[0] != null) {
                        return;
                    }
                    if (found != entry.expected()) {
                        conflict[0] = new ConflictException(name, entry.key(), entry.expected(), found);
                        tx.abort();
                        return;
                    }
                    apply(objects, entry.key(), value, firstError);
                });
            }
            return committed(tx, onlyKey, firstError).recoverWith(failure ->
                    Async.failed(conflict[0] != null ? conflict[0] : failure));
        });
    }

    private static void apply(IDBObjectStore objects, String key, JSObject value, JSObject[] firstError) {
        watch(value == null ? objects.delete(key) : objects.put(value, key), firstError);
    }

    /** Returns the stored form of a version and its bytes. */
    private static JSObject record(long version, Uint8Array data) {
        return record((double) version, data);
    }

    @JSBody(params = {"version", "data"}, script = "return {v: version, d: data};")
    private static native JSObject record(double version, Uint8Array data);

    /** Returns a stored value's version: a record's, or UNVERSIONED for anything else. */
    @JSBody(params = "stored", script = "return typeof stored.v === 'number' ? stored.v : 1;")
    private static native double versionOf(JSObject stored);

    /** Returns a stored value's bytes: a record's data, or the value itself. */
    @JSBody(params = "stored", script = "return stored.d !== undefined ? stored.d : stored;")
    private static native JSObject dataOf(JSObject stored);

    // ---- transactions ---------------------------------------------------------------------

    /**
     * Queues the request {@code maker} makes for the read transaction of the current task; the
     * result is the request's result. {@code key} (null for none) names it in errors.
     */
    private Async<JSObject> queueRead(String key, RequestMaker maker) {
        if (queuedReads == null) {
            queuedReads = new ArrayList<>();
            queueMicrotask(this::readQueued);
        }
        QueuedRead read = new QueuedRead(key, maker);
        queuedReads.add(read);
        return read.result.async();
    }

    /** Makes every queued request in one readonly transaction; each read settles on its own request. */
    private void readQueued() {
        List<QueuedRead> reads = queuedReads;
        queuedReads = null;
        String onlyKey = reads.size() == 1 ? reads.get(0).key : null;
        withTransaction(onlyKey, "readonly", (tx, objects) -> {
            List<QueuedRead> gets = new ArrayList<>();
            String low = null;
            String high = null;
            for (QueuedRead read : reads) {
                if (read.maker == null) {
                    gets.add(read);
                    low = low == null || read.key.compareTo(low) < 0 ? read.key : low;
                    high = high == null || read.key.compareTo(high) > 0 ? read.key : high;
                }
            }
            boolean ranged = gets.size() >= RANGE_READS;
            if (ranged) {
                readRange(objects, gets, low, high);
            }
            for (QueuedRead read : reads) {
                if (read.maker != null || !ranged) {
                    request(read, read.maker == null ? objects.get(read.key) : read.maker.make(objects));
                }
            }
            tx.setOnabort(event -> {
                for (QueuedRead read : reads) {
                    read.result.fail(readFailed(read.key, failureOf(read.request, tx)));
                }
            });
            return Async.done();
        }).whenComplete((started, failure) -> {
            if (failure != null) {
                for (QueuedRead read : reads) {
                    read.result.fail(failure);
                }
            }
        });
    }

    /** Settles {@code read} with {@code request}'s result when it succeeds. */
    private static void request(QueuedRead read, IDBRequest request) {
        read.request = request;
        request.setOnsuccess(event -> read.result.complete(request.getResult()));
    }

    /**
     * Reads the keys and values from {@code low} to {@code high} (at most twice as many as
     * {@code gets} plus {@link #RANGE_SLACK}) and settles every get from them; a get past the
     * last key read when the limit cut the range off is read on its own. IndexedDB orders
     * string keys by UTF-16 code units, as {@link String#compareTo} does.
     */
    private static void readRange(IDBObjectStore objects, List<QueuedRead> gets, String low, String high) {
        int limit = 2 * gets.size() + RANGE_SLACK;
        IDBRequest keys = getAllKeys(objects, low, high, limit);
        IDBRequest values = getAll(objects, low, high, limit);
        for (QueuedRead read : gets) {
            read.request = values;
        }
        // Requests of one transaction succeed in the order they were made: keys first.
        values.setOnsuccess(event -> {
            JSObject keyArray = keys.getResult();
            JSObject byKey = byKey(keyArray, values.getResult());
            int n = arrayLength(keyArray);
            String last = n == limit ? stringAt(keyArray, n - 1) : null;
            for (QueuedRead read : gets) {
                if (last != null && read.key.compareTo(last) > 0) {
                    request(read, objects.get(read.key));
                } else {
                    read.result.complete(valueAt(byKey, read.key));
                }
            }
        });
    }

    @JSBody(params = {"objects", "low", "high", "limit"},
            script = "return objects.getAllKeys(IDBKeyRange.bound(low, high), limit);")
    private static native IDBRequest getAllKeys(IDBObjectStore objects, String low, String high, int limit);

    @JSBody(params = {"objects", "low", "high", "limit"},
            script = "return objects.getAll(IDBKeyRange.bound(low, high), limit);")
    private static native IDBRequest getAll(IDBObjectStore objects, String low, String high, int limit);

    /** Returns a Map from each of {@code keyArray}'s keys to the value at its index in {@code valueArray}. */
    @JSBody(params = {"keyArray", "valueArray"}, script = "var valuesByKey = new Map();"
            + "for (var keyIndex = 0; keyIndex < keyArray.length; keyIndex++)"
            + " valuesByKey.set(keyArray[keyIndex], valueArray[keyIndex]);"
            + "return valuesByKey;")
    private static native JSObject byKey(JSObject keyArray, JSObject valueArray);

    @JSBody(params = {"valuesByKey", "key"}, script = "return valuesByKey.get(key);")
    private static native JSObject valueAt(JSObject valuesByKey, String key);

    /**
     * Completes when {@code tx} commits; fails, mapped, when it aborts. A quota failure shows
     * either as the transaction's error or as the first failed request's error (the others
     * then report {@code AbortError}), so both are consulted.
     */
    private Async<Void> committed(IDBTransaction tx, String key, JSObject[] firstError) {
        Async.Completer<Void> done = Async.completer();
        tx.setOncomplete(event -> done.complete(null));
        tx.setOnabort(event -> {
            JSObject txError = tx.getError();
            JSObject requestError = firstError[0];
            boolean quota = DomErrors.isQuota(txError) || DomErrors.isQuota(requestError);
            JSObject reported = isNullish(requestError) || DomErrors.isQuota(txError) ? txError : requestError;
            done.fail(writeFailed(key, reported, quota));
        });
        return done.async();
    }

    /** Remembers the first error among a transaction's requests in {@code firstError[0]}. */
    private static void watch(IDBRequest request, JSObject[] firstError) {
        request.setOnerror(event -> {
            if (firstError[0] == null) {
                firstError[0] = request.getError();
            }
        });
    }

    private <T> Async<T> withTransaction(String key, String mode, TransactionBody<T> body) {
        Async<IDBDatabase> used = connect(key);
        return used.flatMap(db -> {
            JSObject txOrFailure = IDBDatabase.tryTransaction(db, store, mode);
            JSObject failure = IDBFactory.failureOf(txOrFailure);
            if (failure != null) {
                // InvalidStateError: the connection is closing (a version change, the browser
                // deleting site data). Drop it so that the next operation opens a fresh one.
                forget(used);
                return Async.failed(new BackendUnavailableException(name, key,
                        "cannot start a transaction (" + DomErrors.describe(failure) + ")", null));
            }
            IDBTransaction tx = txOrFailure.cast();
            return body.run(tx, tx.objectStore(store));
        });
    }

    // ---- connection -----------------------------------------------------------------------

    private Async<IDBDatabase> connect(String key) {
        Async<IDBDatabase> current = connection;
        if (current != null) {
            return current;
        }
        Async.Completer<IDBDatabase> opened = Async.completer();
        Async<IDBDatabase> attempt = opened.async();
        connection = attempt;
        // A failed attempt is forgotten, so that the next operation tries again.
        attempt.whenComplete((db, failure) -> {
            if (failure != null) {
                forget(attempt);
            }
        });
        IDBFactory factory = this.factory.get();
        if (factory == null) {
            opened.fail(new BackendUnavailableException(name, key, "IndexedDB is not available here", null));
            return attempt;
        }
        JSObject requestOrFailure = IDBFactory.tryOpen(factory, database, version);
        JSObject thrown = IDBFactory.failureOf(requestOrFailure);
        if (thrown != null) {
            opened.fail(new BackendUnavailableException(name, key,
                    "cannot open the database (" + DomErrors.describe(thrown) + ")", null));
            return attempt;
        }
        IDBOpenDBRequest request = requestOrFailure.cast();
        request.setOnupgradeneeded(event -> {
            IDBDatabase db = request.getResult().cast();
            if (!IDBDatabase.hasObjectStore(db, store)) {
                db.createObjectStore(store);
            }
        });
        request.setOnblocked(event -> opened.fail(new BackendUnavailableException(name, key,
                "opening version " + version + " is blocked: another tab keeps an older version "
                        + "open; close or reload it", null)));
        request.setOnerror(event -> opened.fail(openFailed(key, request.getError())));
        request.setOnsuccess(event -> {
            IDBDatabase db = request.getResult().cast();
            if (attempt.isDone()) {
                // Reported as blocked (or closed) while waiting: nobody holds this connection.
                db.close();
                return;
            }
            if (!IDBDatabase.hasObjectStore(db, store)) {
                db.close();
                opened.fail(new BackendUnavailableException(name, key, "database version " + version
                        + " has no object store \"" + store + "\"; open a higher version to create it", null));
                return;
            }
            db.setOnversionchange(change -> {
                // Another tab wants a newer version: step aside so its upgrade can run.
                db.close();
                forget(attempt);
            });
            db.setOnclose(closed -> forget(attempt));
            opened.complete(db);
        });
        return attempt;
    }

    /** Drops the cached connection if it is still {@code attempt} (not a newer one). */
    private void forget(Async<IDBDatabase> attempt) {
        if (connection == attempt) {
            connection = null;
        }
    }

    // ---- errors ---------------------------------------------------------------------------

    private RuntimeException openFailed(String key, JSObject error) {
        String problem = DomErrors.describe(error);
        if (DomErrors.isQuota(error)) {
            return new QuotaExceededException(name, key, "no space to open the database (" + problem + ")", null);
        }
        if ("VersionError".equals(DomErrors.name(error))) {
            return new BackendUnavailableException(name, key, "the database is at a newer version than "
                    + version + " (upgraded by a newer page); reload to use it (" + problem + ")", null);
        }
        return new BackendUnavailableException(name, key, "cannot open the database (" + problem + ")", null);
    }

    private RuntimeException writeFailed(String key, JSObject error, boolean quota) {
        String problem = DomErrors.describe(error);
        if (quota) {
            return new QuotaExceededException(name, key, "storage is full (" + problem + ")", null);
        }
        return new WriteFailedException(name, key, "transaction aborted (" + problem + ")", null);
    }

    private ReadFailedException readFailed(String key, JSObject error) {
        return new ReadFailedException(name, key, "transaction aborted (" + DomErrors.describe(error) + ")", null);
    }

    /** Returns the more specific of a request's and its transaction's error. */
    private static JSObject failureOf(IDBRequest request, IDBTransaction tx) {
        JSObject error = request.getError();
        return isNullish(error) ? tx.getError() : error;
    }

    // ---- small JS helpers -----------------------------------------------------------------

    @JSBody(params = "value", script = "return value === undefined || value === null;")
    private static native boolean isNullish(JSObject value);

    @JSBody(params = "value", script = "return typeof value === 'number' ? value : 0;")
    private static native int asInt(JSObject value);

    @JSBody(params = "array", script = "return array == null ? 0 : array.length;")
    private static native int arrayLength(JSObject array);

    @JSBody(params = {"array", "i"}, script = "var item = array[i]; return typeof item === 'string' ? item : null;")
    private static native String stringAt(JSObject array, int i);

    /** Calls {@code callback} with quota minus usage, or -1 when the browser cannot tell. */
    @JSBody(params = "callback", script = "try {"
            + " if (typeof navigator === 'undefined' || !navigator.storage || !navigator.storage.estimate)"
            + "  { callback(-1); return; }"
            + " navigator.storage.estimate().then(function (estimate) {"
            + "  callback(typeof estimate.quota === 'number' && typeof estimate.usage === 'number'"
            + "   ? Math.max(0, estimate.quota - estimate.usage) : -1); }, function () { callback(-1); });"
            + "} catch (error) { callback(-1); }")
    private static native void estimateAvailable(NumberCallback callback);

    @JSFunctor
    interface NumberCallback extends JSObject {
        void accept(double value);
    }

    /**
     * A queued read: its key, what makes its request (null: a get of the key), the request
     * once made, and its result.
     */
    private static final class QueuedRead {
        final String key;
        final RequestMaker maker;
        final Async.Completer<JSObject> result = Async.completer();
        IDBRequest request;

        QueuedRead(String key, RequestMaker maker) {
            this.key = key;
            this.maker = maker;
        }
    }

    @JSBody(params = "task", script = "queueMicrotask(task);")
    private static native void queueMicrotask(Task task);

    @JSFunctor
    interface Task extends JSObject {
        void run();
    }

    @FunctionalInterface
    private interface RequestMaker {
        IDBRequest make(IDBObjectStore objects);
    }

    @FunctionalInterface
    private interface TransactionBody<T> {
        Async<T> run(IDBTransaction tx, IDBObjectStore objects);
    }

    @Override
    public String toString() {
        return "IndexedDbBackend[" + database + "/" + store + " v" + version + "]";
    }

    /**
     * Configures an {@link IndexedDbBackend}; rejects nonsense with a message when set. Not
     * thread-safe.
     */
    public static final class Builder {
        private String database = "keepsake";
        private String store = "values";
        private int version = 1;
        private Supplier<IDBFactory> factory = IDBFactory::current;

        private Builder() {
        }

        /** Replaces {@code window.indexedDB}, so that tests can simulate its absence. */
        Builder factory(Supplier<IDBFactory> factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Sets the database name.
         *
         * @throws NullPointerException if {@code database} is null
         * @throws IllegalArgumentException if it is empty
         */
        public Builder database(String database) {
            Objects.requireNonNull(database, "database");
            if (database.isEmpty()) {
                throw new IllegalArgumentException("database name must not be empty");
            }
            this.database = database;
            return this;
        }

        /**
         * Sets the object store name.
         *
         * @throws NullPointerException if {@code store} is null
         * @throws IllegalArgumentException if it is empty
         */
        public Builder store(String store) {
            Objects.requireNonNull(store, "store");
            if (store.isEmpty()) {
                throw new IllegalArgumentException("store name must not be empty");
            }
            this.store = store;
            return this;
        }

        /**
         * Sets the database version; raise it to add a store to an existing database.
         *
         * @throws IllegalArgumentException if {@code version} is less than 1
         */
        public Builder version(int version) {
            if (version < 1) {
                throw new IllegalArgumentException("version must be at least 1: " + version);
            }
            this.version = version;
            return this;
        }

        /** Returns a backend with this configuration; nothing is opened until first use. */
        public IndexedDbBackend build() {
            return new IndexedDbBackend(this);
        }
    }
}
