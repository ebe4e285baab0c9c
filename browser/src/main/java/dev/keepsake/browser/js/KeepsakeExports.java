package dev.keepsake.browser.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * The JavaScript API of Keepsake: each {@code @JSExport} static method is a named export of
 * {@code keepsake.js} (ES module), a global of {@code keepsake-classic.js}, and an export of
 * {@code keepsake.wasm} (through the loader's {@code load(...).exports}). The backends and
 * {@code openKeyValue} alone, without compression, encryption, stores and machines, are the
 * smaller {@code keepsake-kv.js} ({@link KeepsakeKvExports}).
 *
 * <pre>{@code
 * import { openDefaultBackend } from "./keepsake.js";
 * const { backend, kind, fallbacks } = await openDefaultBackend("my-app");
 * await backend.save("greeting", new TextEncoder().encode("hello"));
 * }</pre>
 *
 * <p>Backends come back as objects whose methods return Promises ({@link JsBackend}); failures
 * are Errors whose {@code code} names the {@code PersistenceException} ({@link JsErrors}).
 * Argument errors thrown by the factories below are thrown synchronously.
 */
public final class KeepsakeExports {

    private KeepsakeExports() {
    }

    // ---- backends -------------------------------------------------------------------------

    /** Returns a localStorage backend whose entries live under {@code prefix + ":"}. */
    @JSExport
    public static JsBackend localStorageBackend(String prefix) {
        return SharedExports.localStorageBackend(prefix);
    }

    /**
     * Returns an IndexedDB backend; {@code options} may give {@code database} (default
     * {@code "keepsake"}), {@code store} ({@code "values"}) and {@code version} (1).
     */
    @JSExport
    public static JsBackend indexedDbBackend(JSObject options) {
        return SharedExports.indexedDbBackend(options);
    }

    /** Returns a new, empty in-memory backend (for tests, or when nothing else works). */
    @JSExport
    public static JsBackend memoryBackend() {
        return SharedExports.memoryBackend();
    }

    /**
     * Resolves with {@code {backend, kind, persistent, fallbacks}}: the first of IndexedDB,
     * localStorage and memory that passes a probe write, its kind ({@code "indexeddb"},
     * {@code "localstorage"}, {@code "memory"}, as the {@code backend} option spells them), and
     * why the better ones were passed over (as {@code info().fallbacks} says it).
     */
    @JSExport
    public static JSPromise<JSObject> openDefaultBackend(String name) {
        return SharedExports.openDefaultBackend(name);
    }

    // ---- stores, key-value, machines ------------------------------------------------------

    /**
     * Returns a persisted reactive value at once; it hydrates in the background
     * ({@code store.ready}). Options: backend, name, keyPrefix, key, initial, debounceMs,
     * flushIntervalMs, compression, encryption, backups, version, migrations, onError,
     * onFlush (see {@code keepsake.d.ts}). Invalid options throw a TypeError.
     */
    @JSExport
    public static JsStore openStore(JSObject options) {
        JsStore[] store = {null};
        JsErrors.rethrowSync(() -> store[0] = StoreHandle.open(options, NoServerSync.INSTANCE));
        bind(store[0], "get", "set", "update", "subscribe");
        return store[0];
    }

    /**
     * Returns a key-value layer over a persistence manager, with gzip/LZ4 compression and
     * AES-GCM/ChaCha20 encryption available; invalid options throw a TypeError.
     */
    @JSExport
    public static JsKeyValue openKeyValue(JSObject options) {
        return SharedExports.openKeyValue(options, BrowserAlgorithms.INSTANCE, NoServerSync.INSTANCE);
    }

    /**
     * Returns a persisted state machine built from a plain description
     * ({@code {initial, context, states: {name: {on: {EVENT: target | {target, guard, update}}}}}});
     * an invalid description or option throws a TypeError.
     */
    @JSExport
    public static JsMachine createMachine(JSObject description, JSObject options) {
        JsMachine[] machine = {null};
        JsErrors.rethrowSync(() -> machine[0] = MachineHandle.create(description, options));
        bind(machine[0], "send", "can", "subscribe", "");
        return machine[0];
    }

    /**
     * Binds the named methods of {@code object} to it, so that a page can pass them on
     * detached, as React's {@code useSyncExternalStore(store.subscribe, store.get)} does
     * (zustand's functions work that way too). An empty name is skipped.
     */
    @JSBody(params = {"object", "a", "b", "c", "d"}, script = "var names = [a, b, c, d];"
            + " for (var i = 0; i < names.length; i++) if (names[i]) object[names[i]] = object[names[i]].bind(object);")
    static native void bind(JSObject object, String a, String b, String c, String d);
}
