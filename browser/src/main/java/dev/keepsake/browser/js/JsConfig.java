package dev.keepsake.browser.js;

import dev.keepsake.browser.sync.Attachment;
import dev.keepsake.browser.sync.PageLifecycle;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.manager.ErrorStrategy;
import dev.keepsake.core.manager.FlushReport;
import dev.keepsake.core.manager.PersistenceConfig;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The options every exported factory shares, read and validated once: where to store
 * ({@code backend}, {@code name}, {@code keyPrefix}), how often and how much ({@code debounceMs},
 * {@code flushIntervalMs}, {@code maxBatchSize}, {@code cacheSize}), how ({@code compression}, {@code encryption},
 * {@code backups}) and
 * whom to tell ({@code onError}, {@code onFlush}).
 */
final class JsConfig {

    /** The default {@code maxBatchSize} of pages' managers. */
    static final int DEFAULT_MAX_BATCH = 10_000;

    final DeferredBackend backend;
    final String name;
    final PersistenceConfig config;
    final JSObject onError;
    final JSObject onFlush;
    final boolean sync;
    final JSObject server;
    final boolean flushOnHide;

    private JsConfig(DeferredBackend backend, String name, PersistenceConfig config, JSObject onError,
            JSObject onFlush, boolean sync, JSObject server, boolean flushOnHide) {
        this.sync = sync;
        this.server = server;
        this.flushOnHide = flushOnHide;
        this.backend = backend;
        this.name = name;
        this.config = config;
        this.onError = onError;
        this.onFlush = onFlush;
    }

    /**
     * Reads {@code options}; {@code defaultName} names the storage when the page gives none,
     * {@code algorithms} supplies what {@code compression} and {@code encryption} may name, and
     * {@code layer} is appended to the page's {@code keyPrefix} in storage: {@code ""} for stores and
     * machines, {@link #KEY_VALUE_LAYER} for key-value layers, so that the two never share a key.
     *
     * @throws IllegalArgumentException if an option has the wrong type or an invalid value
     */
    static JsConfig read(JSObject options, String defaultName, String defaultStrategy, JsAlgorithms algorithms,
            String layer) {
        JsOptions.requireObject(options, "options");
        String name = JsOptions.string(options, "name", defaultName);
        String prefix = JsOptions.string(options, "keyPrefix", "keepsake");
        if (prefix.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("keyPrefix must not contain U+0000");
        }
        PersistenceConfig.Builder b = PersistenceConfig.builder().keyPrefix(prefix + layer);
        int debounce = JsOptions.count(options, "debounceMs", 100);
        int interval = JsOptions.count(options, "flushIntervalMs", Math.max(1000, debounce), 1);
        // 10,000, not core's 100: an IndexedDB transaction costs a disk flush (strict durability)
        // whatever its size, so a flush of 2000 keys is one transaction, not 20 in a row.
        int maxBatch = JsOptions.count(options, "maxBatchSize", DEFAULT_MAX_BATCH, 1);
        b.saveDebounceMillis(debounce).flushIntervalMillis(interval).maxBatchSize(maxBatch)
                .cacheSize(JsOptions.count(options, "cacheSize", 1000))
                .errorStrategy(strategy(JsOptions.string(options, "errorStrategy", defaultStrategy)));
        JSObject backups = JsOptions.object(options, "backups");
        if (backups != null) {
            b.backups(JsOptions.count(backups, "count", 3), JsOptions.count(backups, "intervalMs", 60_000));
        }
        // sync: true or false follows other tabs or not; an object names a sync server
        // (keepsake-sync.js), whose changes other tabs follow too. A synced layer reads through:
        // other tabs and devices write under it.
        JSObject server = JsOptions.isObject(JsOptions.get(options, "sync")) ? JsOptions.get(options, "sync") : null;
        boolean sync = server != null || JsOptions.flag(options, "sync", true);
        if (server != null) {
            b.cacheSize(0);
        }
        JSObject onError = JsOptions.function(options, "onError");
        JSObject onFlush = JsOptions.function(options, "onFlush");
        // Build now so that nonsense (a debounce above the interval) is reported to the caller.
        BackendAdapter adapter = BackendAdapter.claim(JsOptions.get(options, "backend"));
        DeferredBackend backend = adapter != null ? DeferredBackend.of(adapter, name)
                : DeferredBackend.of(JsOptions.string(options, "backend", "auto"), name);
        algorithms.configure(b, JsOptions.string(options, "compression", "none"),
                JsOptions.object(options, "encryption"), name, backend);
        PersistenceConfig config = b.build();
        return new JsConfig(backend, name, config, onError, onFlush, sync, server,
                JsOptions.flag(options, "flushOnHide", true));
    }

    /**
     * What a key-value layer adds to its {@code keyPrefix} in storage: a page's prefix cannot
     * hold U+0000, so no store or machine prefix ever equals a key-value layer's.
     */
    static final String KEY_VALUE_LAYER = "\0kv";

    /**
     * Maps the {@code errorStrategy} option to core's {@link ErrorStrategy}. (Comparisons, not
     * a switch: a switch over strings compiles to a hash switch and a second switch, twice the
     * code in the browser build.)
     */
    private static ErrorStrategy strategy(String name) {
        if (name.equals("keep-retrying")) {
            return ErrorStrategy.logAndContinue();
        }
        if (name.equals("retry-once")) {
            return ErrorStrategy.retryOnce();
        }
        if (name.equals("backoff")) {
            return ErrorStrategy.retryWithBackoff(250, 30_000, 6);
        }
        if (name.equals("fail-fast")) {
            return ErrorStrategy.failFast();
        }
        throw new IllegalArgumentException(
                "errorStrategy must be 'keep-retrying', 'retry-once', 'backoff' or 'fail-fast': " + name);
    }

    DeferredBackend backend() {
        return backend;
    }

    /**
     * Once the backend is chosen, makes {@code follow} follow other tabs' writes (when
     * {@code sync} is on) and flushes {@code flush} when the page is hidden (when
     * {@code flushOnHide} is on).
     */
    void attach(java.util.function.Function<StorageBackend, Attachment> follow,
            java.util.function.Supplier<? extends Async<?>> flush) {
        if (flushOnHide) {
            PageLifecycle.flushOnHide(flush);
        }
        if (sync) {
            backend().choice().whenComplete((choice, failure) -> {
                if (choice != null) {
                    follow.apply(choice.backend());
                }
            });
        }
    }

    /** Returns the listener that hands failures to the page's {@code onError}, or to the console. */
    Consumer<Throwable> errorListener() {
        JSObject callback = onError;
        return failure -> {
            JSObject error = JsErrors.toJs(failure);
            if (callback != null) {
                JsCalls.call1(callback, error);
            } else {
                warn(error);
            }
        };
    }

    /** Returns the listener that reports each batch write to the page's {@code onFlush}, if any. */
    Consumer<FlushReport> flushListener() {
        JSObject callback = onFlush;
        if (callback == null) {
            return report -> { };
        }
        return report -> JsCalls.call1(callback, flushReport(report.entries(), (double) report.bytes(),
                (double) report.startedAtMillis(), (double) report.durationMillis(), report.attempt(),
                report.failure() == null ? null : JsErrors.toJs(report.failure())));
    }

    @JSBody(params = {"entries", "bytes", "startedAt", "durationMs", "attempt", "error"},
            script = "return {entries: entries, bytes: bytes, startedAt: startedAt, durationMs: durationMs,"
                    + " attempt: attempt, ok: error === null, error: error};")
    private static native JSObject flushReport(int entries, double bytes, double startedAt, double durationMs,
            int attempt, JSObject error);

    @JSBody(params = "error", script = "if (typeof console !== 'undefined') console.warn('keepsake:', error);")
    private static native void warn(JSObject error);
}
