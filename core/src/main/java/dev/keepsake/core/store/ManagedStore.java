package dev.keepsake.core.store;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.manager.FlushReport;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.manager.Rebase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The {@link PersistentStore}: a value, its listeners, and a manager of its own whose writes
 * are compare-and-set; this class is the manager's {@link Rebase}. It keeps the changes not yet
 * known to be saved ({@code unsaved}, oldest first): a saved snapshot drops those it includes,
 * and a rebase replays them onto the newer stored value.
 */
final class ManagedStore<T, P> implements PersistentStore<T>, Rebase<Snapshot<P>> {

    /** One change: an update function, or a set value when {@code fn} is null. */
    private static final class Change<T> {
        final long seq;
        final UnaryOperator<T> fn;
        final T set;
        /** The value right after this change (recomputed by a rebase). */
        T after;

        Change(long seq, UnaryOperator<T> fn, T set, T after) {
            this.seq = seq;
            this.fn = fn;
            this.set = set;
            this.after = after;
        }
    }

    private final String key;
    private final int version;
    private final Function<? super T, ? extends P> project;
    private final BiFunction<? super T, ? super P, ? extends T> merge;
    private final boolean autoSave;
    private final VersionedSerializer<P> serializer;
    private final PersistenceManager<Snapshot<P>> manager;
    private final Consumer<? super PersistenceException> onError;
    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();
    private final Async.Completer<T> hydrated = Async.completer();
    private final T initial;
    private final Merge<T> onSetConflict;
    private final Consumer<? super Conflict<T>> onConflict;
    private final List<Change<T>> unsaved = new ArrayList<>();

    private T value;
    /** The value as last read from or saved to storage: the base of the unsaved changes. */
    private T base;
    private long changes;
    private Hydration hydration = Hydration.HYDRATING;
    private PersistenceException hydrationError;
    private boolean writesSuspended;
    private boolean closed;

    ManagedStore(PersistentStore.Builder<T, P> b) {
        this.key = b.key;
        this.version = b.version;
        this.project = b.project;
        this.merge = b.merge;
        this.autoSave = b.config.autoSave();
        this.onError = b.onError;
        this.value = b.initial;
        this.initial = b.initial;
        this.base = b.initial;
        this.onSetConflict = b.onSetConflict;
        this.onConflict = b.onConflict;
        this.serializer = new VersionedSerializer<>(b.codec, b.version, b.migrations);
        Consumer<FlushReport> onFlush = b.onFlush;
        PersistenceManager.Builder<Snapshot<P>> mb = PersistenceManager.builder(b.backend, serializer, b.scheduler)
                .config(b.config)
                .rebase(this)
                .onFlush(report -> {
                    onFlush.accept(report);
                    if (report.failure() instanceof PersistenceException e) {
                        onError.accept(e);
                    }
                });
        if (b.clock != null) {
            mb.clock(b.clock);
        }
        if (b.sync != null) {
            mb.sync(b.sync);
        }
        this.manager = mb.build();
        read(true);
    }

    @Override
    public synchronized T get() {
        return value;
    }

    @Override
    public void set(T newValue) {
        Objects.requireNonNull(newValue, "value");
        change(null, newValue);
    }

    @Override
    public void update(UnaryOperator<T> fn) {
        Objects.requireNonNull(fn, "fn");
        change(fn, null);
    }

    private void change(UnaryOperator<T> fn, T set) {
        T next;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("store " + key + " is closed");
            }
            next = fn == null ? set : Objects.requireNonNull(fn.apply(value), "update returned null");
            value = next;
            changes++;
            unsaved.add(new Change<>(changes, fn, set, next));
            // Held while hydrating: the stored value may turn out to be from newer code.
            if (autoSave && !writesSuspended && hydration != Hydration.HYDRATING) {
                // Under the lock, so that snapshots reach the batcher in the order of the changes.
                persist(next);
            }
        }
        notifyListeners(next);
    }

    /**
     * A sync met another device's value over this store's saved one: resolve the two with the
     * store's set merge (its base is the value last read), report the conflict, keep the result.
     */
    @Override
    public Snapshot<P> resolveRemote(String key, Snapshot<P> local, Optional<Snapshot<P>> remote) {
        T mine;
        T theirs;
        T resolved;
        synchronized (this) {
            mine = Objects.requireNonNull(merge.apply(initial, local.state()), "merge returned null");
            theirs = remote.isPresent()
                    ? Objects.requireNonNull(merge.apply(initial, remote.get().state()), "merge returned null")
                    : initial;
            resolved = Objects.requireNonNull(onSetConflict.merge(base, mine, theirs), "merge returned null");
        }
        onConflict.accept(new Conflict<>(key, mine, theirs, resolved));
        return new Snapshot<>(version, project.apply(resolved), false, changes);
    }

    /** A sync replaced the stored value with another device's: adopt it. */
    @Override
    public void remoteChanged(String key) {
        reload();
    }

    @Override
    public Snapshot<P> rebase(String key, Snapshot<P> local, Optional<Snapshot<P>> remote) {
        T before;
        T theirs;
        T resolved;
        Snapshot<P> snapshot;
        boolean replayed;
        synchronized (this) {
            before = value;
            // Empty when a later write already landed every change of the refused one: then
            // the newer value is adopted and nothing of this store's was in conflict.
            replayed = !unsaved.isEmpty();
            theirs = remote.isPresent()
                    ? Objects.requireNonNull(merge.apply(value, remote.get().state()), "merge returned null")
                    : initial;
            T current = theirs;
            for (Change<T> c : unsaved) {
                current = Objects.requireNonNull(c.fn != null ? c.fn.apply(current)
                        : onSetConflict.merge(base, c.set, current), "rebase produced null");
                c.after = current;
            }
            resolved = current;
            value = resolved;
            base = theirs;
            snapshot = new Snapshot<>(version, project.apply(resolved), false, changes);
            if (!unsaved.isEmpty() && unsaved.get(unsaved.size() - 1).seq > local.seq()) {
                // A change after the refused snapshot waits in the batcher, computed on the
                // old base: replace it. Closed, the store cannot; it gives up, so that this
                // write and the waiting one both fail with the conflict instead of overwriting.
                try {
                    manager.save(key, snapshot);
                } catch (IllegalStateException closing) {
                    return null;
                }
            }
        }
        notifyListeners(resolved);
        if (replayed) {
            onConflict.accept(new Conflict<>(key, before, theirs, resolved));
        }
        return snapshot;
    }

    @Override
    public synchronized void written(String key, Snapshot<P> saved) {
        while (!unsaved.isEmpty() && unsaved.get(0).seq <= saved.seq()) {
            base = unsaved.remove(0).after;
        }
    }

    @Override
    public Async<Void> save() {
        T current;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("store " + key + " is closed");
            }
            if (writesSuspended) {
                return Async.failed(hydrationError);
            }
            if (hydration == Hydration.HYDRATING) {
                return hydrated.async().flatMap(ignored -> save());
            }
            return persist(value);
        }
    }

    /** Queues {@code current}, which includes every change so far. Holds the lock. */
    private Async<Void> persist(T current) {
        P state;
        try {
            state = project.apply(current);
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
        Async<Void> saved = manager.save(key, new Snapshot<>(version, state, false, changes));
        if (saved.isFailed() && saved.failure() instanceof PersistenceException e) {
            onError.accept(e); // an encoding error: no flush will ever report it
        }
        return saved;
    }

    @Override
    public Subscription subscribe(Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized Hydration hydration() {
        return hydration;
    }

    @Override
    public Async<T> whenHydrated() {
        return hydrated.async();
    }

    @Override
    public synchronized Optional<PersistenceException> hydrationError() {
        return Optional.ofNullable(hydrationError);
    }

    @Override
    public Async<Void> flush() {
        return manager.flush();
    }

    @Override
    public Async<T> reload() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("store " + key + " is closed");
            }
        }
        return read(false);
    }

    @Override
    public Async<Void> close() {
        synchronized (this) {
            if (closed) {
                return Async.done();
            }
            closed = true;
        }
        return manager.close();
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public synchronized String toString() {
        return "PersistentStore[" + key + ", " + hydration + "]";
    }

    /** Reads the stored snapshot and adopts it unless the value changed here meanwhile. */
    private Async<T> read(boolean initial) {
        long changesAtStart;
        synchronized (this) {
            changesAtStart = changes;
        }
        Async<Optional<Snapshot<P>>> loading = initial ? manager.load(key) : manager.reload(key);
        return loading
                .map(stored -> adopt(stored, changesAtStart, initial))
                .recover(failure -> failed(failure, changesAtStart, initial));
    }

    private T adopt(Optional<Snapshot<P>> stored, long changesAtStart, boolean initial) {
        T adopted = null;
        T result;
        boolean migrated = false;
        boolean held;
        synchronized (this) {
            held = initial && changes != changesAtStart && autoSave;
            if (changes == changesAtStart && stored.isPresent()) {
                value = Objects.requireNonNull(merge.apply(value, stored.get().state()), "merge returned null");
                base = value;
                adopted = value;
                migrated = stored.get().migrated();
            }
            if (initial) {
                hydration = Hydration.READY;
            }
            result = value;
        }
        if (held || migrated && autoSave) {
            synchronized (this) {
                persist(held ? result : adopted);
            }
        }
        if (adopted != null) {
            notifyListeners(adopted);
        }
        if (initial) {
            hydrated.complete(result);
        }
        return result;
    }

    private T failed(Throwable failure, long changesAtStart, boolean initial) {
        PersistenceException error = failure instanceof PersistenceException e ? e : null;
        T result;
        boolean held;
        synchronized (this) {
            if (initial) {
                hydration = Hydration.FAILED;
            }
            if (error != null) {
                hydrationError = error;
                if (serializer.sawNewerVersion()) {
                    writesSuspended = true;
                }
            }
            // A change held while hydrating is saved now, unless newer code wrote the stored
            // value: then it stays in memory only, as later changes do, and the error says why.
            held = initial && changes != changesAtStart && autoSave && !writesSuspended;
            result = value;
            if (held) {
                persist(result);
            }
        }
        if (error == null) {
            if (initial) {
                hydrated.complete(result);
            }
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        }
        onError.accept(error);
        if (initial) {
            hydrated.complete(result);
        }
        return result;
    }

    private void notifyListeners(T newValue) {
        for (Consumer<? super T> listener : listeners) {
            listener.accept(newValue);
        }
    }
}
