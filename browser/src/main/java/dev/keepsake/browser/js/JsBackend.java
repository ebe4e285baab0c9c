package dev.keepsake.browser.js;

import org.teavm.jso.JSMethod;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * A storage backend as hand-written JS sees it: every method returns a Promise, values are
 * {@code Uint8Array}s, failures are Errors with a {@code code} (see {@link JsErrors}).
 * Implemented in Java by {@link BackendAdapter}; a JSO interface, so the same object works in
 * the JS and the wasm-gc builds.
 *
 * <pre>{@code
 * await backend.save("k", new Uint8Array([1, 2]));
 * const bytes = await backend.load("k");          // Uint8Array; rejects with code NOT_FOUND
 * await backend.write([{key: "a", value: bytes}, {key: "b"}]);   // no value: delete
 * await backend.delete("a");
 * }</pre>
 */
public interface JsBackend extends JSObject {

    /** Returns the backend's name, such as {@code "indexedDB(app/values)"}. */
    String name();

    /** Stores a copy of {@code value} (a Uint8Array) under {@code key}. */
    JSPromise<JSObject> save(String key, JSObject value);

    /** Resolves with a new Uint8Array of the stored bytes; rejects with NOT_FOUND if none. */
    JSPromise<JSObject> load(String key);

    /** Removes the value under {@code key}, if any. */
    @JSMethod("delete")
    JSPromise<JSObject> remove(String key);

    /** Resolves with whether a value is stored under {@code key}. */
    JSPromise<JSObject> exists(String key);

    /** Resolves with an array of every stored key. */
    JSPromise<JSObject> listKeys();

    /** Resolves with {@code {usedBytes, availableBytes (or null), entryCount}}. */
    JSPromise<JSObject> info();

    /** Removes every value of this backend. */
    JSPromise<JSObject> clear();

    /**
     * Applies an array of {@code {key, value}} entries together: a Uint8Array value is a put,
     * a missing or null value a delete.
     */
    JSPromise<JSObject> write(JSObject entries);

    /**
     * Makes this backend the one {@link BackendAdapter#claim} returns: how an options object's
     * {@code backend} is recognized as Keepsake's (a Java cast of a JS value fails to compile
     * in the wasm-gc build). Not part of the page's API.
     */
    @JSMethod("__keepsakeClaim")
    void claim();
}
