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
import org.teavm.jso.typedarrays.Int8Array;
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
 *       many keys at once ({@code Promise.all}) pays for one transaction, not one per key; many
 *       loads in one task are read with one {@code getAllKeys} and one {@code getAll} over the
 *       range from their least to their greatest key (a bounded number of records; a key past a
 *       cut-off range is read on its own, in the same transaction): two requests, not one per
 *       key.</li>
 * </ul>
 *
 * <p>Non-goals: indexes, key ranges, and sharing a store with other code.
 */
public final class IndexedDbBackend implements StorageBackend {

    private final String name;
    private final IndexedDbConnection connection;
    private final IndexedDbReadCoalescer reads;

    private IndexedDbBackend(Builder builder) {
        this.name = "indexedDB(" + builder.database + "/" + builder.store + ")";
        this.connection = new IndexedDbConnection(name, builder.database, builder.store, builder.version,
                builder.factory);
        this.reads = new IndexedDbReadCoalescer(connection);
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
        return connection.database;
    }

    /** Returns the object store name. */
    public String store() {
        return connection.store;
    }

    /** Returns the database version this backend opens. */
    public int version() {
        return connection.version;
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
        connection.close();
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
        return reads.read(key, null).map(result -> isNullish(result) ? new Versioned(null, Versioned.ABSENT)
                : new Versioned(bytesOf(key, result), (long) versionOf(result)));
    }

    /** {@inheritDoc} The bytes alone: no version is read and no {@code Versioned} made. */
    @Override
    public Async<byte[]> loadOrNull(String key) {
        Keys.requireValid(key);
        return reads.read(key, null).map(result -> isNullish(result) ? null : bytesOf(key, result));
    }

    /** Returns a copy of a stored record's bytes (two loads of one key may share the record). */
    private byte[] bytesOf(String key, JSObject result) {
        Int8Array data = storedBytes(result);
        if (data == null) {
            throw new CorruptedDataException(name, key, "stored value is not a Uint8Array", null);
        }
        return data.copyToJavaArray();
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
        return reads.read(key, objects -> objects.count(key)).map(count -> asInt(count) > 0);
    }

    @Override
    public Async<List<String>> listKeys() {
        return reads.read(null, IDBObjectStore::getAllKeys).map(array -> {
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
        return connection.transaction(null, "readonly", (tx, objects) -> {
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
            tx.setOnabort(event -> sums.fail(readFailed(name, null, failureOf(request, tx))));
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
        return connection.transaction(null, "readwrite", (tx, objects) -> {
            objects.clear();
            return committed(tx, null);
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
            values[i] = entry.isDelete() ? null : record((double) entry.version(), Bytes.toUint8Array(entry.value()));
        }
        String onlyKey = entries.size() == 1 ? entries.get(0).key() : null;
        return connection.transaction(onlyKey, "readwrite", (tx, objects) -> {
            ConflictException[] conflict = new ConflictException[1];
            for (int i = 0; i < values.length; i++) {
                WriteBatch.Entry entry = entries.get(i);
                JSObject value = values[i];
                if (!entry.isConditional()) {
                    apply(objects, entry.key(), value);
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
                    apply(objects, entry.key(), value);
                });
            }
            return committed(tx, onlyKey).recoverWith(failure ->
                    Async.failed(conflict[0] != null ? conflict[0] : failure));
        });
    }

    private static void apply(IDBObjectStore objects, String key, JSObject value) {
        if (value == null) {
            objects.delete(key);
        } else {
            objects.put(value, key);
        }
    }

    /** Returns the stored form of a version and its bytes. */
    @JSBody(params = {"version", "data"}, script = "return {v: version, d: data};")
    private static native JSObject record(double version, Uint8Array data);

    /** Returns a stored value's version: a record's, or UNVERSIONED for anything else. */
    @JSBody(params = "stored", script = "return typeof stored.v === 'number' ? stored.v : 1;")
    private static native double versionOf(JSObject stored);

    /**
     * Returns a stored value's bytes (a record's data, or the value itself) as a signed view, or
     * null if they are not a {@code Uint8Array}.
     */
    @JSBody(params = "stored", script = "var data = stored.d !== undefined ? stored.d : stored;"
            + " return data instanceof Uint8Array ? new Int8Array(data.buffer, data.byteOffset, data.length) : null;")
    private static native Int8Array storedBytes(JSObject stored);

    /**
     * Completes when {@code tx} commits; fails, mapped, when it aborts. A quota failure shows
     * either as the transaction's error or as the first failed request's error (the others
     * then report {@code AbortError}), so both are consulted. A failed request's {@code error}
     * event bubbles to its transaction, so one handler there sees every request's, rather than
     * one handler (a JS function) per request.
     */
    private Async<Void> committed(IDBTransaction tx, String key) {
        Async.Completer<Void> done = Async.completer();
        JSObject[] firstError = new JSObject[1];
        tx.setOnerror(event -> {
            if (firstError[0] == null) {
                firstError[0] = targetError(event);
            }
        });
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

    // ---- errors ---------------------------------------------------------------------------

    private RuntimeException writeFailed(String key, JSObject error, boolean quota) {
        if (quota) {
            return new QuotaExceededException(name, key, DomErrors.explain("storage is full", error), null);
        }
        return new WriteFailedException(name, key, DomErrors.explain("transaction aborted", error), null);
    }

    /** Returns the error of the request an {@code error} event was fired at. */
    @JSBody(params = "event", script = "return event.target.error;")
    private static native JSObject targetError(JSObject event);

    static ReadFailedException readFailed(String name, String key, JSObject error) {
        return new ReadFailedException(name, key, DomErrors.explain("transaction aborted", error), null);
    }

    /** Returns the more specific of a request's and its transaction's error. */
    static JSObject failureOf(IDBRequest request, IDBTransaction tx) {
        JSObject error = request.getError();
        return isNullish(error) ? tx.getError() : error;
    }

    // ---- small JS helpers -----------------------------------------------------------------

    @JSBody(params = "value", script = "return value === undefined || value === null;")
    private static native boolean isNullish(JSObject value);

    @JSBody(params = "value", script = "return typeof value === 'number' ? value : 0;")
    private static native int asInt(JSObject value);

    @JSBody(params = "array", script = "return array == null ? 0 : array.length;")
    static native int arrayLength(JSObject array);

    @JSBody(params = {"array", "i"}, script = "var item = array[i]; return typeof item === 'string' ? item : null;")
    static native String stringAt(JSObject array, int i);

    /**
     * Calls {@code callback} with quota minus usage (at least 0), or -1 when the browser cannot
     * tell: no {@code navigator.storage.estimate} throws, and a missing figure makes NaN.
     */
    @JSBody(params = "callback", script = "try {"
            + " navigator.storage.estimate().then(function (estimate) {"
            + "  var left = estimate.quota - estimate.usage; callback(left >= 0 ? left : left < 0 ? 0 : -1);"
            + " }, function () { callback(-1); });"
            + "} catch (error) { callback(-1); }")
    private static native void estimateAvailable(NumberCallback callback);

    @JSFunctor
    interface NumberCallback extends JSObject {
        void accept(double value);
    }

    @Override
    public String toString() {
        return "IndexedDbBackend[" + connection.database + "/" + connection.store + " v" + connection.version + "]";
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
