package dev.keepsake.browser.js;

import org.teavm.jso.JSMethod;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/**
 * Many values under string keys, as pages see them ({@code openKeyValue}): every method returns
 * a Promise; values are JSON values or Uint8Arrays and come back as the kind they were set as.
 */
public interface JsKeyValue extends JSObject {

    /** Resolves with the value under {@code key}, or undefined. */
    JSPromise<JSObject> get(String key);

    /**
     * Resolves with the values under {@code keys} (an array of strings), in order, undefined
     * where there is none: one Promise, and on IndexedDB one read transaction, for them all.
     */
    JSPromise<JSObject> getMany(JSObject keys);

    /**
     * Stores {@code value}; resolves when it is durable. {@code options} may give {@code ttl}
     * (ms from now) or {@code expiresAt} (ms since the epoch): after that, reads find nothing
     * and the entry is deleted when next read.
     */
    JSPromise<JSObject> set(String key, JSObject value, JSObject options);

    /**
     * Stores every {@code [key, value]} pair of {@code entries} (an array, as idb-keyval's
     * {@code setMany}); nothing is stored if any pair is invalid. The pairs go to the backend in
     * the same batch (one transaction on IndexedDB) while they fit in {@code maxBatchSize}.
     * Resolves when all are durable.
     */
    JSPromise<JSObject> setMany(JSObject entries);

    /** Removes every key of {@code keys} (an array of strings); resolves when that is durable. */
    JSPromise<JSObject> delMany(JSObject keys);

    /**
     * Stores {@code fn(current)} under {@code key}, where {@code current} is the value or
     * undefined; updates of one layer run one after another, so none is lost. Resolves when the
     * new value is durable.
     */
    JSPromise<JSObject> update(String key, JSObject fn);

    /** Removes {@code key}; resolves when the removal is durable. */
    @JSMethod("delete")
    JSPromise<JSObject> remove(String key);

    /** Resolves with this layer's keys (its key prefix's), pending writes included. */
    JSPromise<JSObject> keys();

    /** Resolves with the backend and its usage. */
    JSPromise<JSObject> info();

    /** Removes every key of this layer; resolves when that is durable. */
    JSPromise<JSObject> clear();

    /** Resolves when every write so far is durable. */
    JSPromise<JSObject> flush();

    /** Flushes and releases the layer. */
    JSPromise<JSObject> close();

    /** Returns the promise that resolves with this layer once its backend is chosen. */
    @JSProperty
    JSPromise<JSObject> getReady();

    /** Returns the backend in use, or null while it is being chosen. */
    @JSProperty
    String getBackend();

    /** The sync with a server ({@code keepsake-sync.js}), or null. */
    @JSProperty
    JsSync getSync();
}
