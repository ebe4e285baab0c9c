package dev.keepsake.browser.js;

import dev.keepsake.browser.sync.PageLifecycle;
import dev.keepsake.browser.time.BrowserScheduler;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.manager.FlushReport;
import dev.keepsake.core.manager.PersistenceManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;

/**
 * {@code openKeyValue(options)}: a {@link PersistenceManager} of page values (stored by
 * {@link ValueSerializer}, so each comes back as the kind it was set as) presented as a
 * {@link JsKeyValue}. Reads see earlier writes at once; writes are batched and resolve when
 * durable. Failures reject with an Error carrying the core exception's code, and failed
 * batches also go to {@code onError}.
 */
final class KeyValueHandle implements JsKeyValue {

    private final PersistenceManager<JsValue> manager;
    private final DeferredBackend backend;
    private final JSPromise<JSObject> ready;
    /** Completes when the last {@link #update}'s new value has been handed to the manager. */
    private Async<Void> updates = Async.done();

    /** The page's clock (the {@code now} option), or null for {@code Date.now}. */
    private final JSObject now;

    private final JsSync sync;

    private KeyValueHandle(PersistenceManager<JsValue> manager, DeferredBackend backend, JSObject now, JsSync sync) {
        this.manager = manager;
        this.sync = sync;
        this.now = now;
        this.backend = backend;
        this.ready = Promises.toPromise(backend.choice(), ignored -> this);
    }

    /**
     * Opens the key-value layer {@code options} describe, with the compression and encryption
     * {@code algorithms} offers, synced with a server (a {@code sync} object) if {@code servers}
     * offers it.
     *
     * @throws IllegalArgumentException if an option is invalid
     */
    static KeyValueHandle open(JSObject options, JsAlgorithms algorithms, JsServerSync servers) {
        if (JsOptions.has(options, "sync") && !JsOptions.isObject(JsOptions.get(options, "sync"))) {
            throw new IllegalArgumentException("sync is for stores and machines, not openKeyValue");
        }
        JsConfig c = JsConfig.read(options, "keepsake", "fail-fast", algorithms, JsConfig.KEY_VALUE_LAYER);
        SyncLink link = c.server == null ? null : servers.link(c.backend(), c.server);
        Consumer<FlushReport> flushes = c.flushListener();
        Consumer<Throwable> errors = c.errorListener();
        PersistenceManager.Builder<JsValue> builder = PersistenceManager
                .builder(c.backend(), ValueSerializer.INSTANCE, BrowserScheduler.get())
                .config(c.config)
                .onFlush(report -> {
                    flushes.accept(report);
                    if (report.failure() != null) {
                        errors.accept(report.failure());
                    }
                });
        if (link != null) {
            builder.sync(link.sync());
        }
        PersistenceManager<JsValue> manager = builder.build();
        if (c.flushOnHide) {
            PageLifecycle.flushOnHide(manager);
        }
        return new KeyValueHandle(manager, c.backend(), JsOptions.function(options, "now"),
                link == null ? null : servers.view(link, c.config));
    }

    @Override
    public JSPromise<JSObject> get(String key) {
        return Promises.call(() -> manager.load(key), value -> toJs(key, value));
    }

    /** Returns the value for the page, or undefined if there is none or it expired (deleting it). */
    private JSObject toJs(String key, Optional<JsValue> value) {
        return live(key, value).isPresent() ? value.get().toJs() : JSObjects.undefined();
    }

    /** Returns {@code value} unless it expired; an expired one is deleted (swept as it is read). */
    private Optional<JsValue> live(String key, Optional<JsValue> value) {
        if (value.isPresent() && value.get().expiresAt() != 0 && value.get().expiresAt() <= millis()) {
            manager.delete(key);
            return Optional.empty();
        }
        return value;
    }

    private long millis() {
        return (long) (now == null ? dateNow() : clock(now));
    }

    @JSBody(script = "return Date.now();")
    private static native double dateNow();

    @JSBody(params = "now", script = "var t = now(); if (typeof t !== 'number' || !isFinite(t))"
            + " throw new TypeError('now must return a number'); return t;")
    private static native double clock(JSObject now);

    @Override
    public JSPromise<JSObject> getMany(JSObject keys) {
        return Promises.call(() -> {
            int n = JsOptions.stringArrayLength(keys, "keys");
            List<Async<Optional<JsValue>>> loads = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                loads.add(manager.load(JsOptions.stringAt(keys, i)));
            }
            return Async.all(loads);
        }, values -> {
            JSArray<JSObject> array = JSArray.create();
            for (int i = 0; i < values.size(); i++) {
                array.push(toJs(JsOptions.stringAt(keys, i), values.get(i)));
            }
            return array;
        });
    }

    @Override
    public JSPromise<JSObject> set(String key, JSObject value, JSObject options) {
        return Promises.call(() -> manager.save(key, JsValue.fromJs(value, "value").expiringAt(expiry(options))));
    }

    /**
     * Returns when an entry set with {@code options} expires: {@code expiresAt}, or now plus
     * {@code ttl}, or 0 (never).
     */
    private long expiry(JSObject options) {
        JsOptions.requireObject(options, "options");
        boolean ttl = JsOptions.has(options, "ttl");
        if (ttl && JsOptions.has(options, "expiresAt")) {
            throw new IllegalArgumentException("give ttl or expiresAt, not both");
        }
        return ttl ? millis() + JsOptions.positive(options, "ttl") : JsOptions.positive(options, "expiresAt");
    }

    @Override
    public JSPromise<JSObject> setMany(JSObject entries) {
        return Promises.call(() -> {
            int n = pairCount(entries);
            if (n < 0) {
                throw new IllegalArgumentException("setMany needs an array of [key, value] pairs");
            }
            List<String> keys = new ArrayList<>(n);
            List<JsValue> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                keys.add(pairKey(entries, i));
                values.add(JsValue.fromJs(pairValue(entries, i), "value"));
            }
            // One batch in the manager: one result for the lot, not one per pair.
            return manager.saveAll(keys, values);
        });
    }

    @Override
    public JSPromise<JSObject> delMany(JSObject keys) {
        return Promises.call(() -> {
            int n = JsOptions.stringArrayLength(keys, "keys");
            List<Async<Void>> deletes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                deletes.add(manager.delete(JsOptions.stringAt(keys, i)));
            }
            return Async.all(deletes).discard();
        });
    }

    @Override
    public JSPromise<JSObject> update(String key, JSObject fn) {
        return Promises.call(() -> {
            if (!JsOptions.isFunction(fn)) {
                throw new IllegalArgumentException("update needs a function of the current value");
            }
            // The next update reads once this one's value is in the manager, not once it is durable.
            Async<Async<Void>> handed = updates.recover(ignored -> null).flatMap(ignored -> manager.load(key))
                    .map(found -> {
                        Optional<JsValue> current = live(key, found);
                        JSObject next = JsCalls.callForValue(fn, current.isPresent() ? current.get().toJs()
                                : JSObjects.undefined(), "update function");
                        // An update keeps the entry's expiry.
                        return manager.save(key, JsValue.fromJs(next, "value")
                                .expiringAt(current.isPresent() ? current.get().expiresAt() : 0));
                    });
            updates = handed.discard();
            return handed.flatMap(saved -> saved);
        });
    }

    @Override
    public JSPromise<JSObject> remove(String key) {
        return Promises.call(() -> manager.delete(key));
    }

    @Override
    public JSPromise<JSObject> keys() {
        return Promises.call(manager::listKeys, JsStrings::array);
    }

    @Override
    public JSPromise<JSObject> info() {
        return JsInfo.of(backend);
    }

    @Override
    public JSPromise<JSObject> clear() {
        return Promises.call(() -> manager.listKeys().flatMap(keys -> {
            List<Async<Void>> deletes = new ArrayList<>();
            for (String key : keys) {
                deletes.add(manager.delete(key));
            }
            return Async.all(deletes).discard();
        }));
    }

    @Override
    public JSPromise<JSObject> flush() {
        return Promises.call(manager::flush);
    }

    @Override
    public JSPromise<JSObject> close() {
        return Promises.call(manager::close);
    }

    /** Returns the length of an array of {@code [string, value]} pairs, or -1 if it is not one. */
    @JSBody(params = "entries", script = "if (!Array.isArray(entries)) return -1;"
            + " for (var i = 0; i < entries.length; i++) { var pair = entries[i];"
            + "  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') return -1; }"
            + " return entries.length;")
    private static native int pairCount(JSObject entries);

    @JSBody(params = {"entries", "i"}, script = "return entries[i][0];")
    private static native String pairKey(JSObject entries, int i);

    @JSBody(params = {"entries", "i"}, script = "return entries[i][1];")
    private static native JSObject pairValue(JSObject entries, int i);

    @Override
    public JSPromise<JSObject> getReady() {
        return ready;
    }

    @Override
    public JsSync getSync() {
        return sync;
    }

    @Override
    public String getBackend() {
        return JsInfo.chosenKind(backend);
    }
}
