package dev.keepsake.browser.sync;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.machine.PersistedMachine;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.store.PersistentStore;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Flushes pending writes when the page is hidden ({@code visibilitychange} to
 * {@code "hidden"}: the user switched tabs, minimised the window, locked the phone) and when it
 * is left ({@code pagehide}: navigation, reload, closing the tab). Debounced writes would
 * otherwise wait for a timer that a background or closing page may never run.
 *
 * <h2>What is guaranteed, per backend</h2>
 * <ul>
 *   <li><b>localStorage</b>: writes are synchronous, so when no asynchronous compressor or
 *       cipher is configured the flush has put every pending value into localStorage before
 *       the event handler returns; it survives the navigation, the reload or the closed tab
 *       (localStorage's own lazy write to disk can still lose it if the browser process
 *       crashes).</li>
 *   <li><b>IndexedDB</b>: the flush starts a transaction and cannot wait for it; a page that
 *       is closed or navigated away may be torn down before it commits. On a backend wrapped by
 *       {@link TabSync#announcing} (the JS API always wraps it), every write that has not
 *       committed when the flushes have started is then journaled synchronously to
 *       localStorage and replayed into IndexedDB by the next page, or at once by another open
 *       tab: it survives the tab being closed. On a bare {@code IndexedDbBackend} the write is
 *       attempted, not guaranteed.</li>
 *   <li>Asynchronous compression or encryption (WebCrypto) runs before the write starts, so
 *       with either configured even localStorage is only attempted during {@code pagehide}.</li>
 * </ul>
 *
 * <p>Flushing an already-flushed target writes nothing. Failures go where the target reports
 * them (error strategy, {@code onError}, {@code onFlush}). A target found closed on hide is
 * unregistered. Non-goals: {@code beforeunload} (it blocks the back/forward cache) and
 * {@code freeze} (it always follows a hide).
 *
 * <p>Listeners are installed with the first registration and removed with the last, on the
 * page's event loop: call these methods from the page's thread only.
 */
public final class PageLifecycle {

    private static HideFlushes registry;

    private PageLifecycle() {
    }

    /**
     * Flushes {@code store} whenever the page is hidden or left, until detached; registering a
     * registered store again returns its attachment.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static Attachment flushOnHide(PersistentStore<?> store) {
        Objects.requireNonNull(store, "store");
        return registry().register(store, store::flush);
    }

    /**
     * Flushes {@code machine}'s snapshot whenever the page is hidden or left, until detached.
     *
     * @throws NullPointerException if {@code machine} is null
     */
    public static Attachment flushOnHide(PersistedMachine<?, ?, ?> machine) {
        Objects.requireNonNull(machine, "machine");
        return registry().register(machine, machine::flush);
    }

    /**
     * Flushes {@code manager}'s queued writes whenever the page is hidden or left, until detached.
     *
     * @throws NullPointerException if {@code manager} is null
     */
    public static Attachment flushOnHide(PersistenceManager<?> manager) {
        Objects.requireNonNull(manager, "manager");
        return registry().register(manager, manager::flush);
    }

    /**
     * Calls {@code flush} whenever the page is hidden or left, until detached: for anything else
     * that buffers writes. It should throw {@link IllegalStateException} once there is nothing
     * left to flush for good (closed); it is then unregistered.
     *
     * @throws NullPointerException if {@code flush} is null
     */
    public static Attachment flushOnHide(Supplier<? extends Async<?>> flush) {
        Objects.requireNonNull(flush, "flush");
        return registry().register(flush, flush);
    }

    /** Returns the page's one registry of things to flush on hide. */
    static HideFlushes registry() {
        if (registry == null) {
            registry = new HideFlushes(DomPage.get());
        }
        return registry;
    }
}
