package dev.keepsake.browser.js;

import dev.keepsake.browser.sync.TabSync;
import dev.keepsake.browser.time.BrowserScheduler;
import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.JsonValue;
import dev.keepsake.core.store.PersistentStore;
import java.util.function.UnaryOperator;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * {@code openStore(options)}: a {@link PersistentStore} of one page value (JSON, or a
 * Uint8Array when {@code initial} is one) under one key, presented as a {@link JsStore}.
 *
 * <p>The store is returned at once and works while its backend is chosen and its value read:
 * a change made before hydration finishes wins over the stored value (core's rule).
 */
final class StoreHandle implements JsStore {

    private final PersistentStore<JsValue> store;
    private final DeferredBackend backend;
    private final boolean binary;
    private final JSPromise<JSObject> ready;
    private final FrozenView view = new FrozenView();

    private final JsSync sync;

    private StoreHandle(PersistentStore<JsValue> store, DeferredBackend backend, boolean binary, JsSync sync) {
        this.store = store;
        this.sync = sync;
        this.backend = backend;
        this.binary = binary;
        this.ready = Promises.toPromise(store.whenHydrated(), ignored -> this);
    }

    /**
     * Opens the store {@code options} describe, synced with a server if {@code servers} offers it.
     *
     * @throws IllegalArgumentException if an option is invalid
     */
    static StoreHandle open(JSObject options, JsServerSync servers) {
        JsConfig c = JsConfig.read(options, "keepsake", "keep-retrying", BrowserAlgorithms.INSTANCE, "");
        SyncLink link = c.server == null ? null : servers.link(c.backend(), c.server);
        String key = JsOptions.string(options, "key", "state");
        JSObject initialJs = JsOptions.get(options, "initial");
        boolean binary = initialJs != null && JsBytes.isUint8Array(initialJs);
        JsValue initial = initialJs == null ? JsValue.ofJson("null") : JsValue.fromJs(initialJs, "initial");
        Codec<JsValue> codec = binary ? JsValue.StoreCodecs.BYTES : JsValue.StoreCodecs.JSON;
        PersistentStore.Builder<JsValue, JsValue> b = PersistentStore
                .builder(c.backend(), BrowserScheduler.get(), key, codec, initial);
        JSObject partialize = JsOptions.function(options, "partialize");
        JSObject merge = JsOptions.function(options, "merge");
        if (partialize != null || merge != null) {
            if (binary) {
                throw new IllegalArgumentException("partialize and merge are for stores of JSON values");
            }
            b = b.persisting(codec,
                    value -> partialize == null ? value
                            : JsValue.fromJs(JsCalls.callForValue(partialize, value.toJs(), "partialize"),
                                    "partialize"),
                    (current, stored) -> JsValue.fromJs(merge == null ? shallowMerge(stored.toJs(), current.toJs())
                            : JsCalls.callForValue2(merge, stored.toJs(), current.toJs(), "merge"), "merge"));
        }
        b.config(c.config)
                .version(Math.max(1, JsOptions.count(options, "version", 1)))
                .onError(c.errorListener()::accept)
                .onFlush(c.flushListener());
        JSObject migrations = JsOptions.object(options, "migrations");
        if (migrations != null) {
            int n = keyCount(migrations);
            for (int i = 0; i < n; i++) {
                String from = keyAt(migrations, i);
                int version = parseVersion(from);
                JSObject fn = JsOptions.function(migrations, from);
                b.migration(version, migration(fn, version));
            }
        }
        JSObject onConflict = JsOptions.function(options, "onConflict");
        if (onConflict != null) {
            b.onConflict(seen -> JsCalls.call1(onConflict, conflict(seen.key(), seen.local().toJs(),
                    seen.remote().toJs(), seen.resolved().toJs())));
        }
        if (link != null) {
            b.sync(link.sync());
        }
        PersistentStore<JsValue> store = b.build();
        c.attach(backend -> TabSync.attach(store, backend, c.config), store::flush);
        return new StoreHandle(store, c.backend(), binary, link == null ? null : servers.view(link, c.config));
    }

    private static UnaryOperator<JsonValue> migration(JSObject fn, int from) {
        String what = "migration from version " + from;
        return tree -> JsValue.fromJs(JsCalls.callForValue(fn, JsValue.ofTree(tree).toJs(), what), what).tree();
    }

    private static int parseVersion(String text) {
        int value = 0;
        if (text.isEmpty() || text.length() > 9) {
            throw new IllegalArgumentException("migrations must be keyed by version numbers: " + text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("migrations must be keyed by version numbers: " + text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private JsValue accept(JSObject value) {
        JsValue parsed = JsValue.fromJs(value, "value");
        if (parsed.isBytes() != binary) {
            throw new IllegalArgumentException(binary ? "this store holds a Uint8Array (its initial value is one)"
                    : "this store holds JSON values (its initial value is not a Uint8Array)");
        }
        return parsed;
    }

    /** Returns the same deeply frozen value until it changes (stable for useSyncExternalStore). */
    @Override
    public JSObject get() {
        return view.of(store.get());
    }

    @Override
    public void set(JSObject value) {
        JsErrors.rethrowSync(() -> store.set(accept(value)));
    }

    @Override
    public void update(JSObject fn) {
        JsErrors.rethrowSync(() -> {
            if (!JsOptions.isFunction(fn)) {
                throw new IllegalArgumentException("update needs a function of the current value");
            }
            store.update(current -> accept(JsCalls.callForValue(fn, current.toJs(), "update function")));
        });
    }

    @Override
    public JSObject subscribe(JSObject listener) {
        if (!JsOptions.isFunction(listener)) {
            JsErrors.throwTypeError("subscribe needs a function");
        }
        PersistentStore.Subscription subscription = store.subscribe(value -> JsCalls.notify1(listener, view.of(value)));
        return JsCalls.function(subscription::unsubscribe);
    }

    @Override
    public JSPromise<JSObject> flush() {
        return Promises.call(store::flush);
    }

    @Override
    public JSPromise<JSObject> close() {
        return Promises.call(store::close);
    }

    @Override
    public JSPromise<JSObject> reload() {
        return Promises.call(store::reload, JsValue::toJs);
    }

    @Override
    public JSPromise<JSObject> info() {
        return JsInfo.of(backend);
    }

    @Override
    public String getHydration() {
        switch (store.hydration()) {
            case HYDRATING:
                return "hydrating";
            case READY:
                return "ready";
            default:
                return "failed";
        }
    }

    @Override
    public JSPromise<JSObject> getReady() {
        return ready;
    }

    @Override
    public JSObject getError() {
        return store.hydrationError().map(JsErrors::toJs).orElse(null);
    }

    @Override
    public String getKey() {
        return store.key();
    }

    @Override
    public JsSync getSync() {
        return sync;
    }

    @Override
    public String getBackend() {
        return JsInfo.chosenKind(backend);
    }

    @JSBody(params = {"key", "local", "remote", "resolved"},
            script = "return {key: key, local: local, remote: remote, resolved: resolved};")
    private static native JSObject conflict(String key, JSObject local, JSObject remote, JSObject resolved);

    /** zustand's default merge: the stored fields over the current value's, when both are plain objects. */
    @JSBody(params = {"stored", "current"}, script = "return stored !== null && typeof stored === 'object'"
            + " && !Array.isArray(stored) && current !== null && typeof current === 'object' && !Array.isArray(current)"
            + " ? Object.assign({}, current, stored) : stored;")
    private static native JSObject shallowMerge(JSObject stored, JSObject current);

    @JSBody(params = "object", script = "return Object.keys(object).length;")
    private static native int keyCount(JSObject object);

    @JSBody(params = {"object", "index"}, script = "return Object.keys(object)[index];")
    private static native String keyAt(JSObject object, int index);
}
