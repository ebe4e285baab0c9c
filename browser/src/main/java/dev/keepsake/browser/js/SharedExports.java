package dev.keepsake.browser.js;

import dev.keepsake.browser.storage.BrowserBackends;
import dev.keepsake.browser.storage.IndexedDbBackend;
import dev.keepsake.browser.storage.LocalStorageBackend;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.backend.StorageBackend;
import java.util.function.Supplier;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

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
        return adapted(() -> LocalStorageBackend.create(prefix));
    }

    /**
     * Returns an IndexedDB backend; {@code options} may give {@code database} (default
     * {@code "keepsake"}), {@code store} ({@code "values"}) and {@code version} (1).
     */
    static JsBackend indexedDbBackend(JSObject options) {
        return adapted(() -> {
            JsOptions.requireObject(options, "options");
            IndexedDbBackend.Builder builder = IndexedDbBackend.builder()
                    .database(JsOptions.string(options, "database", "keepsake"))
                    .store(JsOptions.string(options, "store", "values"));
            if (JsOptions.has(options, "version")) {
                builder.version(JsOptions.count(options, "version", 1));
            }
            return builder.build();
        });
    }

    /** Returns a new, empty in-memory backend (for tests, or when nothing else works). */
    static JsBackend memoryBackend() {
        return new BackendAdapter(MemoryBackend.create());
    }

    /**
     * Resolves with {@code {backend, kind, persistent, fallbacks}}: the first of IndexedDB,
     * localStorage and memory that passes a probe write, its kind ({@code "indexeddb"},
     * {@code "localstorage"}, {@code "memory"}, as the {@code backend} option spells them), and
     * why the better ones were passed over (as {@code info().fallbacks} says it).
     */
    static JSPromise<JSObject> openDefaultBackend(String name) {
        return Promises.call(() -> BrowserBackends.openDefault(name), choice -> {
            return choiceObject(new BackendAdapter(choice.backend()), JsInfo.kindName(choice.kind()),
                    choice.isPersistent(), JsStrings.array(choice.rejected()));
        });
    }

    /**
     * Returns a key-value layer over a persistence manager, with the compression and encryption
     * {@code algorithms} offers and the server sync {@code servers} offers; invalid options throw
     * a TypeError.
     */
    static JsKeyValue openKeyValue(JSObject options, JsAlgorithms algorithms, JsServerSync servers) {
        JsKeyValue[] kv = {null};
        JsErrors.rethrowSync(() -> kv[0] = KeyValueHandle.open(options, algorithms, servers));
        return kv[0];
    }

    // ---- helpers --------------------------------------------------------------------------

    /** Wraps the backend {@code create} makes; invalid arguments throw a TypeError, as everywhere in the API. */
    private static JsBackend adapted(Supplier<StorageBackend> create) {
        JsBackend[] backend = {null};
        JsErrors.rethrowSync(() -> backend[0] = new BackendAdapter(create.get()));
        return backend[0];
    }

    @JSBody(params = {"backend", "kind", "persistent", "fallbacks"},
            script = "return {backend: backend, kind: kind, persistent: persistent, fallbacks: fallbacks};")
    private static native JSObject choiceObject(JsBackend backend, String kind, boolean persistent, JSObject fallbacks);
}
