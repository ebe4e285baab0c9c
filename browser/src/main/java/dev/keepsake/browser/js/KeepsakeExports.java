package dev.keepsake.browser.js;

import dev.keepsake.browser.storage.BrowserBackends;
import dev.keepsake.browser.storage.IndexedDbBackend;
import dev.keepsake.browser.storage.LocalStorageBackend;
import dev.keepsake.core.backend.MemoryBackend;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;

/**
 * The JavaScript API of Keepsake: each {@code @JSExport} static method is a named export of
 * {@code keepsake.js} (ES module), a global of {@code keepsake-classic.js}, and an export of
 * {@code keepsake.wasm} (through the loader's {@code load(...).exports}).
 *
 * <pre>{@code
 * import { openDefaultBackend } from "./keepsake.js";
 * const { backend, kind, rejected } = await openDefaultBackend("my-app");
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
        return new BackendAdapter(LocalStorageBackend.create(prefix));
    }

    /**
     * Returns an IndexedDB backend; {@code options} may give {@code database} (default
     * {@code "keepsake"}), {@code store} ({@code "values"}) and {@code version} (1).
     */
    @JSExport
    public static JsBackend indexedDbBackend(JSObject options) {
        IndexedDbBackend.Builder builder = IndexedDbBackend.builder();
        String database = stringOption(options, "database");
        if (database != null) {
            builder.database(database);
        }
        String store = stringOption(options, "store");
        if (store != null) {
            builder.store(store);
        }
        if (hasOption(options, "version")) {
            double version = numberOption(options, "version");
            if (version != Math.floor(version) || version > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("version must be a positive integer");
            }
            builder.version((int) version);
        }
        return new BackendAdapter(builder.build());
    }

    /** Returns a new, empty in-memory backend (for tests, or when nothing else works). */
    @JSExport
    public static JsBackend memoryBackend() {
        return new BackendAdapter(MemoryBackend.create());
    }

    /**
     * Resolves with {@code {backend, kind, persistent, rejected}}: the first of IndexedDB,
     * localStorage and memory that passes a probe write, its kind ({@code "INDEXED_DB"},
     * {@code "LOCAL_STORAGE"}, {@code "MEMORY"}), and why the better ones were passed over.
     */
    @JSExport
    public static JSPromise<JSObject> openDefaultBackend(String name) {
        return Promises.call(() -> BrowserBackends.openDefault(name), choice -> {
            JSArray<JSString> rejected = JSArray.create();
            for (String reason : choice.rejected()) {
                rejected.push(JSString.valueOf(reason));
            }
            return choiceObject(new BackendAdapter(choice.backend()), choice.kind().name(),
                    choice.isPersistent(), rejected);
        });
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
        JsErrors.rethrowSync(() -> store[0] = StoreHandle.open(options));
        return store[0];
    }

    /** Returns a key-value layer over a persistence manager; invalid options throw a TypeError. */
    @JSExport
    public static JsKeyValue openKeyValue(JSObject options) {
        JsKeyValue[] kv = {null};
        JsErrors.rethrowSync(() -> kv[0] = KeyValueHandle.open(options));
        return kv[0];
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
        return machine[0];
    }

    // ---- helpers --------------------------------------------------------------------------

    @JSBody(params = {"backend", "kind", "persistent", "rejected"},
            script = "return {backend: backend, kind: kind, persistent: persistent, rejected: rejected};")
    private static native JSObject choiceObject(JsBackend backend, String kind, boolean persistent, JSObject rejected);

    @JSBody(params = {"options", "name"},
            script = "var option = options == null ? undefined : options[name];"
                    + " if (option === undefined || option === null) return null;"
                    + " if (typeof option !== 'string') throw new TypeError(name + ' must be a string');"
                    + " return option;")
    private static native String stringOption(JSObject options, String name);

    @JSBody(params = {"options", "name"},
            script = "return options != null && options[name] !== undefined && options[name] !== null;")
    private static native boolean hasOption(JSObject options, String name);

    @JSBody(params = {"options", "name"},
            script = "var option = options[name];"
                    + " if (typeof option !== 'number') throw new TypeError(name + ' must be a number');"
                    + " return option;")
    private static native double numberOption(JSObject options, String name);
}
