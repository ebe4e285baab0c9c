package dev.keepsake.browser.js;

import dev.keepsake.browser.storage.BackendChoice;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageInfo;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/** Describes a backend and its usage to the page: the object {@code info()} resolves with. */
final class JsInfo {

    private JsInfo() {
    }

    /** Returns the page's name of a backend kind: {@code 'indexeddb'}, {@code 'localstorage'} or {@code 'memory'}. */
    static String kindName(BackendChoice.Kind kind) {
        // Not a switch: a switch over an enum compiles to a lookup class of its own.
        return kind == BackendChoice.Kind.INDEXED_DB ? "indexeddb"
                : kind == BackendChoice.Kind.LOCAL_STORAGE ? "localstorage"
                : "memory";
    }

    /** Returns the chosen kind, or null while {@code 'auto'} is still probing. */
    static String chosenKind(DeferredBackend backend) {
        Async<BackendChoice> choice = backend.choice();
        return choice.isDone() && !choice.isFailed() ? kindName(choice.peek().kind()) : null;
    }

    /**
     * Resolves with {@code {backend, name, persistent, fallbacks, usedBytes, availableBytes,
     * entryCount}} for the whole backend (every key prefix in it).
     */
    static JSPromise<JSObject> of(DeferredBackend backend) {
        return Promises.toPromise(backend.choice().flatMap(choice -> choice.backend().info()
                .map(info -> describe(choice, info))), value -> value);
    }

    private static JSObject describe(BackendChoice choice, StorageInfo info) {
        return details(kindName(choice.kind()), choice.backend().name(), choice.isPersistent(),
                JsStrings.array(choice.rejected()),
                (double) info.usedBytes(),
                info.availableBytes().isPresent() ? (double) info.availableBytes().getAsLong() : -1,
                (double) info.entryCount());
    }

    @JSBody(params = {"kind", "name", "persistent", "fallbacks", "used", "available", "count"},
            script = "return {backend: kind, name: name, persistent: persistent, fallbacks: fallbacks,"
                    + " usedBytes: used, availableBytes: available < 0 ? null : available, entryCount: count};")
    private static native JSObject details(String kind, String name, boolean persistent, JSObject fallbacks,
            double used, double available, double count);
}
