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

    /** Stores {@code value}; resolves when it is durable. */
    JSPromise<JSObject> set(String key, JSObject value);

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
