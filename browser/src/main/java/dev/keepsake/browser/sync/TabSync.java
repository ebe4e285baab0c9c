package dev.keepsake.browser.sync;

import dev.keepsake.browser.storage.BackendChoice;
import dev.keepsake.browser.storage.LocalStorageBackend;
import dev.keepsake.browser.time.BrowserScheduler;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.machine.PersistedMachine;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.store.PersistentStore;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps stores and machines in step across the tabs of one origin: when another tab writes a
 * store's key, this tab's store {@link PersistentStore#reload() reloads} it and its
 * subscribers hear the new value. A reload never overwrites a change made in this tab that is
 * newer than the read, nor a write still waiting in this tab's batcher.
 *
 * <p>How a change is heard, per backend:
 * <ul>
 *   <li><b>localStorage</b>: the browser's {@code storage} event, which fires in every other
 *       tab of the origin (never in the writing one) after the write. Only the store's own
 *       entry counts: {@code <backend prefix>:<escaped key prefix>:<key>}; a {@code clear()}
 *       of all localStorage counts as a change of every key.</li>
 *   <li><b>IndexedDB</b>: IndexedDB has no change event, so writers announce on a
 *       {@code BroadcastChannel} named after the database and object store, after the write's
 *       transaction completed. Only writes made through a backend wrapped by
 *       {@link #announcing} are announced: build stores on that wrapper in every tab.</li>
 *   <li><b>memory</b> (and any other backend): nothing is shared between tabs, so attaching
 *       returns an attachment that follows nothing.</li>
 * </ul>
 *
 * <p>Guarantees: at most one reload per attachment runs at a time, and a change heard during a
 * reload starts one more after it, so the store ends on a read that began after the last change
 * heard. Nothing is announced for a failed write. Attaching the same store to the same key and
 * backend again returns the live attachment. Detaching removes the listener and closes the
 * channel; a store found closed when a change arrives detaches itself.
 *
 * <p>Non-goals: merging concurrent edits (the last write to reach storage wins, as with any
 * shared key), two stores on one key in the same tab (the same tab hears neither the storage
 * event nor its own announcements), and delivery to tabs that are frozen or closed. Call from
 * the page's thread only.
 */
public final class TabSync {

    private static TabFollowers followers;

    private TabSync() {
    }

    /**
     * Returns {@code backend} wrapped so that its successful writes are announced to other
     * tabs, and its writes still uncommitted when the page is hidden are journaled to
     * localStorage (see {@link PageLifecycle}), if it is an
     * {@link dev.keepsake.browser.storage.IndexedDbBackend}; else the backend itself
     * (localStorage announces by itself; memory is not shared). Idempotent.
     *
     * @throws NullPointerException if {@code backend} is null
     */
    public static StorageBackend announcing(StorageBackend backend) {
        return followers().announcing(backend);
    }

    /**
     * Returns {@code choice} with its backend {@link #announcing(StorageBackend) announcing}.
     *
     * @throws NullPointerException if {@code choice} is null
     */
    public static BackendChoice announcing(BackendChoice choice) {
        Objects.requireNonNull(choice, "choice");
        StorageBackend backend = announcing(choice.backend());
        return backend == choice.backend() ? choice : new BackendChoice(backend, choice.kind(), choice.rejected());
    }

    /**
     * Reloads {@code store} whenever another tab writes its key in {@code backend} (the backend
     * the store was built on, or its announcing wrapper), with {@code config} the configuration
     * it was built with (its key prefix decides the stored key).
     *
     * @throws NullPointerException if an argument is null
     */
    public static Attachment attach(PersistentStore<?> store, StorageBackend backend, PersistenceConfig config) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(config, "config");
        return followers().follow(store, backend, config.storageKey(store.key()), store::reload);
    }

    /**
     * Reloads {@code machine} whenever another tab moves it: writes its {@code key} in
     * {@code backend}, with {@code config} the configuration it was built with. The machine's
     * listeners hear the restored state.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    public static Attachment attach(PersistedMachine<?, ?, ?> machine, String key, StorageBackend backend,
            PersistenceConfig config) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(config, "config");
        return followers().follow(machine, backend, config.storageKey(key), machine::reload);
    }

    /**
     * Calls {@code reload} whenever another tab writes what a manager with {@code config}
     * stores under {@code key} in {@code backend}; for values kept other than in a store.
     * {@code reload} should throw {@link IllegalStateException} once closed for good.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    public static Attachment attach(StorageBackend backend, PersistenceConfig config, String key,
            Supplier<? extends Async<?>> reload) {
        Objects.requireNonNull(config, "config");
        return followers().follow(reload, backend, config.storageKey(key), reload);
    }

    private static TabFollowers followers() {
        if (followers == null) {
            followers = new TabFollowers(DomPage.get(), PageLifecycle.registry(), WebLocks.INSTANCE,
                    LocalStorageBackend.create(JournaledBackend.PREFIX), BrowserScheduler.get());
        }
        return followers;
    }
}
