package dev.keepsake.browser.js;

import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * The exports of {@code keepsake-kv.js}, the small build: the backends and {@code openKeyValue}
 * over the persistence manager (batched, debounced, checksummed writes; LRU cache; error
 * strategies; backups), with the same signatures as in {@code keepsake.js}
 * ({@link KeepsakeExports}). It leaves out compression, encryption, stores and machines; asking
 * {@code openKeyValue} for compression or encryption throws a TypeError that names
 * {@code keepsake.js}. Data written by either build is read by the other.
 *
 * <pre>{@code
 * import { openKeyValue } from "./keepsake-kv.js";
 * const kv = openKeyValue({ name: "my-app" });
 * await kv.set("draft", { text: "hello" });
 * }</pre>
 */
public final class KeepsakeKvExports {

    private KeepsakeKvExports() {
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

    /**
     * Returns a key-value layer over a persistence manager; options as in {@code keepsake.js}
     * except that {@code compression} must be {@code 'none'} and {@code encryption} absent.
     */
    @JSExport
    public static JsKeyValue openKeyValue(JSObject options) {
        return SharedExports.openKeyValue(options, NoAlgorithms.INSTANCE, NoServerSync.INSTANCE);
    }
}
