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
import dev.keepsake.core.error.WriteFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * A backend on the browser's {@code localStorage}: small, synchronous, shared by every tab of
 * the origin, kept across reloads and restarts until the user clears site data.
 *
 * <h2>Stored form</h2>
 * <table>
 *   <caption>One entry per key</caption>
 *   <tr><th>localStorage key</th><th>localStorage value</th></tr>
 *   <tr><td>{@code prefix + ":" + key}</td><td>the entry's version in decimal, {@code "."}, and
 *       the bytes in standard Base64 with padding (a value without the version and the dot,
 *       written before versions existed, has version {@link Versioned#UNVERSIONED})</td></tr>
 * </table>
 * The prefix must not contain {@code ':'}, so the first {@code ':'} of a localStorage key ends
 * the prefix: the mapping from (prefix, key) to localStorage key is injective, and two backends
 * with different prefixes can never see each other's entries (prefix {@code "a"} owns
 * {@code "a:…"}, and {@code "a:b"} is rejected rather than overlapping it). A backend reads,
 * lists, counts and removes only keys that start with its own {@code prefix + ":"}; it never
 * calls {@code localStorage.clear()}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Every operation has taken effect when it returns; the returned {@code Async} is already
 *       settled. Durability is the browser's: localStorage is flushed to disk lazily, so a crash
 *       of the browser process right after a write can lose it.</li>
 *   <li>A write refused for lack of space fails with {@link QuotaExceededException}
 *       ({@code QuotaExceededError}, or Firefox's {@code NS_ERROR_DOM_QUOTA_REACHED}) and leaves
 *       the previous value intact.</li>
 *   <li>A batch's conditional entries are checked, and the batch applied, in one synchronous
 *       task: no other script of this page runs in between.</li>
 *   <li>A batch is all or nothing: when one of its puts is refused, the entries already applied
 *       are restored to their previous values, in reverse order, before the failure is
 *       reported. Restoring only returns to states that fitted before, so it does not run out
 *       of space (unless another tab wrote in between, which localStorage cannot prevent).</li>
 *   <li>localStorage missing, or throwing when accessed (blocked cookies, sandboxed frames),
 *       fails every operation with {@link BackendUnavailableException}.</li>
 *   <li>{@link #info()} counts only this backend's entries, in the bytes browsers charge: two
 *       per UTF-16 code unit of key and value.</li>
 * </ul>
 *
 * <p>Non-goals: large values (Base64 inflates bytes by a third and browsers allow about five
 * million characters per origin), and coordination between tabs writing the same key.
 */
public final class LocalStorageBackend implements StorageBackend {

    private static final char SEPARATOR = ':';

    private final String prefix;
    private final String namespace;
    private final String name;
    private final Supplier<JSObject> storageOrError;

    private LocalStorageBackend(String prefix, Supplier<JSObject> storageOrError) {
        this.prefix = prefix;
        this.namespace = prefix + SEPARATOR;
        this.name = "localStorage(" + prefix + ")";
        this.storageOrError = storageOrError;
    }

    /**
     * Returns a backend over {@code window.localStorage} that keeps its entries under
     * {@code prefix + ":"}.
     *
     * @throws NullPointerException if {@code prefix} is null
     * @throws IllegalArgumentException if {@code prefix} is empty, malformed UTF-16, or
     *     contains {@code ':'}
     */
    public static LocalStorageBackend create(String prefix) {
        return over(prefix, Storage::localStorageOrError);
    }

    /** Returns a backend over the storage (or the error) that {@code storageOrError} yields. */
    static LocalStorageBackend over(String prefix, Supplier<JSObject> storageOrError) {
        return new LocalStorageBackend(validPrefix(prefix), Objects.requireNonNull(storageOrError));
    }

    private static String validPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix must not be empty");
        }
        if (prefix.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("prefix must not contain ':' (it ends the prefix "
                    + "in stored keys, so \"a\" and \"a:b\" would overlap): " + prefix);
        }
        try {
            Keys.requireValid(prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prefix is malformed: " + e.getMessage(), e);
        }
        return prefix;
    }

    /** Returns the prefix this backend's entries are stored under (without the ':'). */
    public String prefix() {
        return prefix;
    }

    @Override
    public String name() {
        return name;
    }

    /** {@inheritDoc} On failure (quota, unavailable) the previous value is intact. */
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
        return Async.attempt(() -> {
            String stored = Storage.getItem(storage(key), namespace, key);
            if (stored == null) {
                return Async.of(new Versioned(null, Versioned.ABSENT));
            }
            return Async.of(new Versioned(decode(key, stored, stored.indexOf('.') + 1), versionOf(stored)));
        });
    }

    /** {@inheritDoc} The bytes alone: no version is parsed and no {@code Versioned} made. */
    @Override
    public Async<byte[]> loadOrNull(String key) {
        Keys.requireValid(key);
        return Async.attempt(() -> {
            String stored = Storage.getItem(storage(key), namespace, key);
            return Async.of(stored == null ? null : decode(key, stored, stored.indexOf('.') + 1));
        });
    }

    /** Returns the version at the start of a stored text, or UNVERSIONED if it has none. */
    private static long versionOf(String stored) {
        return (long) versionIn(stored);
    }

    // JavaScript's own number conversions: Java's long parsing and printing cost the build more.
    @JSBody(params = "stored", script = "var i = stored.indexOf('.'); return i < 0 ? 1 : +stored.substring(0, i);")
    private static native double versionIn(String stored);

    @JSBody(params = {"version", "base64"}, script = "return version + '.' + base64;")
    private static native String stored(double version, String base64);

    /** {@inheritDoc} Removal cannot run out of space; it fails only if localStorage is unavailable. */
    @Override
    public Async<Void> delete(String key) {
        Keys.requireValid(key);
        return write(WriteBatch.builder().delete(key).build());
    }

    @Override
    public Async<Boolean> exists(String key) {
        Keys.requireValid(key);
        return Async.attempt(() -> Async.of(Storage.getItem(storage(key), namespace, key) != null));
    }

    @Override
    public Async<List<String>> listKeys() {
        return Async.attempt(() -> {
            List<String> keys = new ArrayList<>();
            for (String stored : ownStoredKeys(storage(null))) {
                keys.add(stored.substring(namespace.length()));
            }
            return Async.of(keys);
        });
    }

    @Override
    public Async<StorageInfo> info() {
        return Async.attempt(() -> {
            Storage storage = storage(null);
            long used = 0;
            int count = 0;
            for (String stored : ownStoredKeys(storage)) {
                String value = storage.getItem(stored);
                if (value != null) {
                    used += 2L * (stored.length() + value.length());
                    count++;
                }
            }
            // Browsers do not expose the localStorage quota, so the space left is unknown.
            return Async.of(new StorageInfo(used, OptionalLong.empty(), count));
        });
    }

    /**
     * {@inheritDoc} Removes only keys under this backend's prefix. Removal cannot fail for
     * lack of space, so when it returns every entry of this backend is gone.
     */
    @Override
    public Async<Void> clear() {
        return Async.attempt(() -> {
            Storage storage = storage(null);
            // Collect first: removing while indexing would skip keys.
            for (String stored : ownStoredKeys(storage)) {
                storage.removeItem(stored);
            }
            return Async.done();
        });
    }

    /**
     * {@inheritDoc} All or nothing: a refused put rolls back the entries already applied, so
     * on failure every key holds its previous value.
     */
    @Override
    public Async<Void> write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return Async.attempt(() -> {
            if (batch.isEmpty()) {
                return Async.done();
            }
            String onlyKey = batch.size() == 1 ? batch.entries().get(0).key() : null;
            Storage storage = storage(onlyKey);
            List<WriteBatch.Entry> entries = batch.entries();
            int size = entries.size();
            String[] previous = new String[size];
            for (int i = 0; i < size; i++) {
                WriteBatch.Entry entry = entries.get(i);
                previous[i] = Storage.getItem(storage, namespace, entry.key());
                long found = previous[i] == null ? Versioned.ABSENT : versionOf(previous[i]);
                if (entry.isConditional() && found != entry.expected()) {
                    return Async.failed(new ConflictException(name, entry.key(), entry.expected(), found));
                }
            }
            for (int i = 0; i < size; i++) {
                WriteBatch.Entry entry = entries.get(i);
                if (entry.isDelete()) {
                    Storage.removeItem(storage, namespace, entry.key());
                    continue;
                }
                String text = stored(entry.version(), encode(entry.value()));
                JSObject failure = Storage.trySetItem(storage, namespace, entry.key(), text);
                if (failure != null) {
                    rollBack(storage, entries, previous, i - 1);
                    return Async.failed(writeFailure(entry.key(), failure));
                }
            }
            return Async.done();
        });
    }

    private void rollBack(Storage storage, List<WriteBatch.Entry> entries, String[] previous, int last) {
        for (int i = last; i >= 0; i--) {
            String key = entries.get(i).key();
            if (previous[i] == null) {
                Storage.removeItem(storage, namespace, key);
            } else {
                Storage.trySetItem(storage, namespace, key, previous[i]);
            }
        }
    }

    private RuntimeException writeFailure(String key, JSObject failure) {
        if (DomErrors.isQuota(failure)) {
            return new QuotaExceededException(name, key, DomErrors.explain("localStorage is full", failure), null);
        }
        return new WriteFailedException(name, key, DomErrors.explain("setItem failed", failure), null);
    }

    /** Returns the stored keys under this backend's namespace, collected before any change. */
    private List<String> ownStoredKeys(Storage storage) {
        int length = storage.getLength();
        List<String> own = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            String stored = storage.key(i);
            if (stored != null && stored.startsWith(namespace)) {
                own.add(stored);
            }
        }
        return own;
    }

    private Storage storage(String key) {
        JSObject found = storageOrError.get();
        if (!Storage.isStorage(found)) {
            throw new BackendUnavailableException(name, key,
                    DomErrors.explain("localStorage is not available", found), null);
        }
        return found.cast();
    }

    private static String encode(byte[] value) {
        return Base64Text.encode(value);
    }

    private byte[] decode(String key, String stored, int from) {
        try {
            return Base64Text.decode(stored, from);
        } catch (IllegalArgumentException e) {
            throw new CorruptedDataException(name, key, "stored value is not Base64", e);
        }
    }

    @Override
    public String toString() {
        return "LocalStorageBackend[" + prefix + "]";
    }
}
