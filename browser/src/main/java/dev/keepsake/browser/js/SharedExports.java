package dev.keepsake.browser.js;

import dev.keepsake.browser.storage.BrowserBackends;
import dev.keepsake.browser.storage.IndexedDbBackend;
import dev.keepsake.browser.storage.LocalStorageBackend;
import dev.keepsake.core.backend.MemoryBackend;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;

/**
 * What {@code keepsake.js} ({@link KeepsakeExports}) and {@code keepsake-kv.js}
 * ({@link KeepsakeKvExports}) both export. It has no {@code @JSExport} of its own: TeaVM exports
 * every annotated method of a class the build reaches, so the export classes only delegate here.
 */
final class SharedExports {

    private SharedExports() {
    }

    /** Returns a localStorage backend whose entries live under {@code prefix + ":"}. */
    static JsBackend localStorageBackend(String prefix) {
        return new BackendAdapter(LocalStorageBackend.create(prefix));
    }

    /**
     * Returns an IndexedDB backend; {@code options} may give {@code database} (default
     * {@code "keepsake"}), {@code store} ({@code "values"}) and {@code version} (1).
     */
    static JsBackend indexedDbBackend(JSObject options) {
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
    static JsBackend memoryBackend() {
        return new BackendAdapter(MemoryBackend.create());
    }

    /**
     * Resolves with {@code {backend, kind, persistent, rejected}}: the first of IndexedDB,
     * localStorage and memory that passes a probe write, its kind ({@code "INDEXED_DB"},
     * {@code "LOCAL_STORAGE"}, {@code "MEMORY"}), and why the better ones were passed over.
     */
    static JSPromise<JSObject> openDefaultBackend(String name) {
        return Promises.call(() -> BrowserBackends.openDefault(name), choice -> {
            JSArray<JSString> rejected = JSArray.create();
            for (String reason : choice.rejected()) {
                rejected.push(JSString.valueOf(reason));
            }
            return choiceObject(new BackendAdapter(choice.backend()), choice.kind().name(),
                    choice.isPersistent(), rejected);
        });
    }

    /**
     * Returns a key-value layer over a persistence manager, with the compression and encryption
     * {@code algorithms} offers; invalid options throw a TypeError.
     */
    static JsKeyValue openKeyValue(JSObject options, JsAlgorithms algorithms) {
        JsKeyValue[] kv = {null};
        JsErrors.rethrowSync(() -> kv[0] = KeyValueHandle.open(options, algorithms));
        return kv[0];
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
