package dev.keepsake.browser.js;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/**
 * A persisted reactive value as pages see it ({@code openStore}): synchronous
 * {@code get}/{@code set}/{@code update}/{@code subscribe} on the in-memory value, Promises
 * for everything that touches storage. See {@code keepsake.d.ts} for the page-level contract.
 */
public interface JsStore extends JSObject {

    /** Returns the current value, deeply frozen: the same object until the value changes. */
    JSObject get();

    /** Replaces the value; saved after the debounce. Throws TypeError for non-JSON values. */
    void set(JSObject value);

    /** Replaces the value with {@code fn(current)}. */
    void update(JSObject fn);

    /** Calls {@code listener(value)} after every change; returns the function that stops it. */
    JSObject subscribe(JSObject listener);

    /** Resolves when every change so far is durable. */
    JSPromise<JSObject> flush();

    /** Flushes and releases the store. */
    JSPromise<JSObject> close();

    /** Reads the stored value again, adopting it unless changed here meanwhile. */
    JSPromise<JSObject> reload();

    /** Resolves with the backend and its usage. */
    JSPromise<JSObject> info();

    /** Returns {@code 'hydrating'}, {@code 'ready'} or {@code 'failed'}. */
    @JSProperty
    String getHydration();

    /** Returns the promise that resolves with this store once hydration has finished. */
    @JSProperty
    JSPromise<JSObject> getReady();

    /** Returns why hydration failed (an Error with a code), or null. */
    @JSProperty
    JSObject getError();

    /** Returns the key the value is stored under. */
    @JSProperty
    String getKey();

    /** Returns the backend in use, or null while it is being chosen. */
    @JSProperty
    String getBackend();

    /** The sync with a server ({@code keepsake-sync.js}), or null. */
    @JSProperty
    JsSync getSync();
}
