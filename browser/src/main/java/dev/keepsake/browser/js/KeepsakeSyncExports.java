package dev.keepsake.browser.js;

import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * The exports of {@code keepsake-sync.js} (and {@code keepsake-sync.wasm}): the backends,
 * {@code openStore} and {@code openKeyValue} of {@code keepsake.js}, whose {@code sync} option
 * here names a sync server ({@code {url, scope, token}}) and whose handles carry a {@code sync}
 * property (status, write fates, the offline switch; {@link JsSync}). A separate build so that
 * the others carry no replicator. Data written by any build is read by the others; the sync's
 * outbox lives under reserved keys they never list.
 *
 * <pre>{@code
 * import { openStore } from "./keepsake-sync.js";
 * const notes = openStore({ name: "notes", initial: [],
 *     sync: { url: "https://sync.example.com", scope: "team-1", token: () => fetchToken() } });
 * notes.sync.onStatus(s => console.log(s.state, s.pending));
 * }</pre>
 */
public final class KeepsakeSyncExports {

    private KeepsakeSyncExports() {
    }

    /** Returns a localStorage backend whose entries live under {@code prefix + ":"}. */
    @JSExport
    public static JsBackend localStorageBackend(String prefix) {
        return SharedExports.localStorageBackend(prefix);
    }

    /** Returns an IndexedDB backend; {@code options} as for {@code keepsake.js}. */
    @JSExport
    public static JsBackend indexedDbBackend(JSObject options) {
        return SharedExports.indexedDbBackend(options);
    }

    /** Returns a new, empty in-memory backend. */
    @JSExport
    public static JsBackend memoryBackend() {
        return SharedExports.memoryBackend();
    }

    /** Resolves with the first working backend of IndexedDB, localStorage and memory, as in {@code keepsake.js}. */
    @JSExport
    public static JSPromise<JSObject> openDefaultBackend(String name) {
        return SharedExports.openDefaultBackend(name);
    }

    /** Returns a persisted reactive value synced with the server its {@code sync} option names. */
    @JSExport
    public static JsStore openStore(JSObject options) {
        JsStore[] store = {null};
        JsErrors.rethrowSync(() -> store[0] = StoreHandle.open(options, ServerSyncs.INSTANCE));
        KeepsakeExports.bind(store[0], "get", "set", "update", "subscribe");
        return store[0];
    }

    /** Returns a key-value layer synced with the server its {@code sync} option names. */
    @JSExport
    public static JsKeyValue openKeyValue(JSObject options) {
        return SharedExports.openKeyValue(options, BrowserAlgorithms.INSTANCE, ServerSyncs.INSTANCE);
    }
}
