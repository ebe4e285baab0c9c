package dev.keepsake.core.backend;

import dev.keepsake.core.async.Async;
import java.util.List;

/**
 * Where bytes are kept: the contract every Keepsake backend fulfils, in the browser
 * (localStorage, IndexedDB), on the JVM (files, SQL) and in memory.
 *
 * <p>Model: a map from keys to byte arrays. A key is any non-empty string of well-formed
 * UTF-16 ({@link Keys#requireValid}); backends store and list the original key strings, never
 * a mangled form. Values are arbitrary bytes, including empty ones; a backend copies what it
 * is given and hands out arrays the caller may keep.
 *
 * <p>Every entry has a version ({@link Versioned}) that changes with every write to it and is
 * never reused after a delete; {@link #loadVersioned} reads it with the value, and conditional
 * entries of a {@link WriteBatch} apply only if the version they expect is still stored: the
 * compare-and-set on which writers that share a backend (tabs, processes) build.
 *
 * <p>Guarantees every implementation gives:
 * <ul>
 *   <li>When a returned {@code Async} completes, the operation has taken effect as durably as
 *       the backend promises (its class documentation says how durable that is; the crash
 *       tests of the file and SQL backends check it, the shared contract suite does not).</li>
 *   <li>A failed write leaves the previous value of each key it concerned intact, and its
 *       failure names the key but never contains a value (the contract suite checks both with
 *       a fault injected beneath each backend).</li>
 *   <li>Failures are {@link dev.keepsake.core.error.PersistenceException} subtypes; a value that
 *       does not pass the backend's own checks is reported as corrupted, never returned (each
 *       backend's own tests check its checks; the contract suite checks that bytes corrupted in
 *       any backend reach a manager as corruption).</li>
 *   <li>Misuse is reported synchronously with the JDK's exceptions: a null key or value throws
 *       {@link NullPointerException}, an empty or malformed key
 *       {@link IllegalArgumentException} (the contract suite).</li>
 * </ul>
 *
 * <p>Non-goals: transactions across calls, change notification, or ordering guarantees
 * between operations that the caller did not wait for.
 */
public interface StorageBackend {

    /** Returns a short human-readable name used in error messages, such as {@code "memory"}. */
    String name();

    /**
     * Stores {@code value} under {@code key}, replacing any previous value.
     *
     * @throws NullPointerException if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    Async<Void> save(String key, byte[] value);

    /**
     * Returns the bytes stored under {@code key}; fails with
     * {@link dev.keepsake.core.error.NotFoundException} when there are none.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    Async<byte[]> load(String key);

    /**
     * Returns the bytes stored under {@code key} with their version; when there are none, a
     * {@link Versioned} with a null value and version {@link Versioned#ABSENT}.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    Async<Versioned> loadVersioned(String key);

    /**
     * Returns the bytes stored under {@code key}, or null when there are none: {@link #load}
     * for a caller that expects absence, which then costs no exception, and that needs no
     * version, which some backends read at a cost (a SQL column). The default asks
     * {@link #loadVersioned}; backends override it where reading the value alone is cheaper.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    default Async<byte[]> loadOrNull(String key) {
        return loadVersioned(key).map(Versioned::value);
    }

    /**
     * Removes the value under {@code key}; completes normally when there was none.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    Async<Void> delete(String key);

    /**
     * Returns whether a value is stored under {@code key}.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    Async<Boolean> exists(String key);

    /** Returns every stored key, exactly as written, in no particular order. */
    Async<List<String>> listKeys();

    /** Returns the space used, the space available where known, and the entry count. */
    Async<StorageInfo> info();

    /** Removes every value this backend holds (and nothing outside its own namespace). */
    Async<Void> clear();

    /**
     * Applies every put and delete of {@code batch} and completes when all of them are as
     * durable as a single {@link #save}. Backends that have transactions (memory, IndexedDB,
     * SQL) apply a batch all or nothing; the filesystem backend applies each entry atomically
     * and pays one directory sync for the whole batch. Every backend checks the batch's
     * conditional entries before applying any of it, atomically with the writes (in the same
     * transaction, under the same lock): if one finds another version than it expects, nothing
     * is applied and the result fails with {@link dev.keepsake.core.error.ConflictException}
     * naming that key and the version found.
     *
     * @throws NullPointerException if {@code batch} is null
     */
    Async<Void> write(WriteBatch batch);
}
