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
    private final JsSync sync;

    private KeyValueHandle(PersistenceManager<JsValue> manager, DeferredBackend backend, JsSync sync) {
        this.manager = manager;
        this.backend = backend;
        this.sync = sync;
        this.ready = Promises.toPromise(backend.choice(), ignored -> this);
    }

    /**
     * Opens the key-value layer {@code options} describe, with the compression and encryption
     * {@code algorithms} offers, synced with a server if {@code servers} offers it.
     *
     * @throws IllegalArgumentException if an option is invalid
     */
    static KeyValueHandle open(JSObject options, JsAlgorithms algorithms, JsServerSync servers) {
        JsConfig c = JsConfig.read(options, "keepsake", "fail-fast", algorithms);
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
        return new KeyValueHandle(manager, c.backend(), link == null ? null : servers.view(link, c.config));
    }

    @Override
    public JSPromise<JSObject> get(String key) {
        return Promises.call(() -> manager.load(key),
                value -> value.isPresent() ? value.get().toJs() : JSObjects.undefined());
    }

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
            for (Optional<JsValue> value : values) {
                array.push(value.isPresent() ? value.get().toJs() : JSObjects.undefined());
            }
            return array;
        });
    }

    @Override
    public JSPromise<JSObject> set(String key, JSObject value) {
        return Promises.call(() -> manager.save(key, JsValue.fromJs(value, "value")));
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
