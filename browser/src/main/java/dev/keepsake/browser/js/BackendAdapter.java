package dev.keepsake.browser.js;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.WriteBatch;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSPromise;

/** Presents a {@link StorageBackend} to JS as a {@link JsBackend}. */
final class BackendAdapter implements JsBackend {

    private final StorageBackend backend;
    /** What stores and key-value layers given this object as their {@code backend} share. */
    DeferredBackend deferred;

    BackendAdapter(StorageBackend backend) {
        this.backend = backend;
    }

    /** The adapter whose {@link #claim()} ran last; see {@link #claim(JSObject)}. */
    private static BackendAdapter claimed;

    @Override
    public void claim() {
        claimed = this;
    }

    /** Returns the adapter the page's value {@code backend} presents, or null if it is not one. */
    static BackendAdapter claim(JSObject backend) {
        claimed = null;
        callClaim(backend);
        BackendAdapter adapter = claimed;
        claimed = null;
        return adapter;
    }

    @JSBody(params = "backend", script = "if (backend != null && typeof backend.__keepsakeClaim === 'function')"
            + " backend.__keepsakeClaim();")
    private static native void callClaim(JSObject backend);

    StorageBackend backend() {
        return backend;
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public JSPromise<JSObject> save(String key, JSObject value) {
        return Promises.call(() -> backend.save(key, JsBytes.fromJs(value, "value")));
    }

    @Override
    public JSPromise<JSObject> load(String key) {
        return Promises.call(() -> backend.load(key), JsBytes::toJs);
    }

    @Override
    public JSPromise<JSObject> remove(String key) {
        return Promises.call(() -> backend.delete(key));
    }

    @Override
    public JSPromise<JSObject> exists(String key) {
        return Promises.call(() -> backend.exists(key), JSBoolean::valueOf);
    }

    @Override
    public JSPromise<JSObject> listKeys() {
        return Promises.call(backend::listKeys, JsStrings::array);
    }

    @Override
    public JSPromise<JSObject> info() {
        return Promises.call(backend::info, BackendAdapter::toJs);
    }

    @Override
    public JSPromise<JSObject> clear() {
        return Promises.call(backend::clear);
    }

    @Override
    public JSPromise<JSObject> write(JSObject entries) {
        return Promises.call(() -> backend.write(toBatch(entries)));
    }

    static WriteBatch toBatch(JSObject entries) {
        if (!isArray(entries)) {
            throw new IllegalArgumentException("entries must be an array of {key, value}");
        }
        WriteBatch.Builder builder = WriteBatch.builder();
        int n = length(entries);
        for (int i = 0; i < n; i++) {
            String key = keyAt(entries, i);
            if (key == null) {
                throw new IllegalArgumentException("entries[" + i + "].key must be a string");
            }
            JSObject value = valueAt(entries, i);
            if (value == null) {
                builder.delete(key);
            } else {
                builder.put(key, JsBytes.fromJs(value, "entries[" + i + "].value"));
            }
        }
        return builder.build();
    }

    private static JSObject toJs(StorageInfo info) {
        return infoObject(info.usedBytes(),
                info.availableBytes().isPresent() ? info.availableBytes().getAsLong() : -1,
                info.entryCount());
    }

    @JSBody(params = {"used", "available", "count"},
            script = "return {usedBytes: used, availableBytes: available < 0 ? null : available, entryCount: count};")
    private static native JSObject infoObject(double used, double available, double count);

    @JSBody(params = "value", script = "return Array.isArray(value);")
    private static native boolean isArray(JSObject value);

    @JSBody(params = "array", script = "return array.length;")
    private static native int length(JSObject array);

    @JSBody(params = {"array", "index"}, script = "var entry = array[index];"
            + " return entry != null && typeof entry.key === 'string' ? entry.key : null;")
    private static native String keyAt(JSObject array, int i);

    @JSBody(params = {"array", "index"},
            script = "var value = array[index].value; return value == null ? null : value;")
    private static native JSObject valueAt(JSObject array, int i);
}
