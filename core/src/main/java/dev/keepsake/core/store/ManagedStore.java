package dev.keepsake.core.store;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.manager.FlushReport;
import dev.keepsake.core.manager.PersistenceManager;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** The {@link PersistentStore}: a value, its listeners, and a manager of its own. */
final class ManagedStore<T, P> implements PersistentStore<T> {

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

    private T value;
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
        this.serializer = new VersionedSerializer<>(b.codec, b.version, b.migrations);
        Consumer<FlushReport> onFlush = b.onFlush;
        PersistenceManager.Builder<Snapshot<P>> mb = PersistenceManager.builder(b.backend, serializer, b.scheduler)
                .config(b.config)
                .onFlush(report -> {
                    onFlush.accept(report);
                    if (report.failure() instanceof PersistenceException e) {
                        onError.accept(e);
                    }
                });
        if (b.clock != null) {
            mb.clock(b.clock);
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
        change(current -> newValue);
    }

    @Override
    public void update(UnaryOperator<T> fn) {
        Objects.requireNonNull(fn, "fn");
        change(fn);
    }

    private void change(UnaryOperator<T> fn) {
        T next;
        boolean persist;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("store " + key + " is closed");
            }
            next = Objects.requireNonNull(fn.apply(value), "update returned null");
            value = next;
            changes++;
            // Held while hydrating: the stored value may turn out to be from newer code.
            persist = autoSave && !writesSuspended && hydration != Hydration.HYDRATING;
        }
        if (persist) {
            persist(next);
        }
        notifyListeners(next);
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
            current = value;
        }
        return persist(current);
    }

    private Async<Void> persist(T current) {
        P state;
        try {
            state = project.apply(current);
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
        Async<Void> saved = manager.save(key, new Snapshot<>(version, state, false));
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
                adopted = value;
                migrated = stored.get().migrated();
            }
            if (initial) {
                hydration = Hydration.READY;
            }
            result = value;
        }
        if (held) {
            persist(result);
        } else if (migrated && autoSave) {
            persist(adopted);
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
        }
        if (held) {
            persist(result);
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
