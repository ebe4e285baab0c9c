package dev.keepsake.core.machine;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.store.Conflict;
import dev.keepsake.core.store.Hydration;
import dev.keepsake.core.store.PersistentStore;
import dev.keepsake.core.time.Clock;
import dev.keepsake.core.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A {@link StateMachine} whose snapshot (state, context, timestamp, version) is saved on every
 * transition, through the debounced batcher, and restored when it starts.
 *
 * <p>Restoring: the machine starts in its initial state and restores the stored snapshot when
 * it has been read ({@link #whenRestored()}). As with {@link PersistentStore}, an event that
 * fires a transition before then wins and the stored snapshot is discarded. A snapshot that
 * cannot be used — corrupt, undecodable, or naming a state this definition no longer has — is
 * reported to the error listener (a {@link SerializationException} names the state) and the
 * machine stays in its initial state: it always starts.
 *
 * <p>Concurrent writers: when the machine's save meets a newer snapshot that another tab or
 * process saved, it rebases: it sends its unsaved events again, in order, to the newer
 * snapshot, each firing whatever transition the definition allows from there, moves to the
 * result and saves it. Events that no transition accepts from the newer snapshot are dropped;
 * the conflict listener hears of every rebase with the events it dropped.
 */
public final class PersistedMachine<S, E, C> implements RunningMachine<S, E, C> {

    private final MemoryMachine<S, E, C> machine;
    private final PersistentStore<MachineSnapshot<S, C>> store;
    private final Clock clock;
    private final int version;
    private final Consumer<? super PersistenceException> onError;
    private final BiConsumer<? super Conflict<MachineSnapshot<S, C>>, ? super List<E>> onConflict;
    private final Async<PersistedMachine<S, E, C>> restored;
    private MachineSnapshot<S, C> lastWritten;
    /** Events a rebase in progress could not send again. */
    private List<E> dropped = new ArrayList<>();

    private PersistedMachine(Builder<S, E, C> b) {
        StateMachine<S, E, C> definition = b.definition;
        this.machine = new MemoryMachine<>(definition, definition.initialState(), definition.initialContext());
        this.clock = b.clock != null ? b.clock : b.scheduler instanceof Clock c ? c : Clock.system();
        this.version = b.version;
        this.onError = b.onError;
        this.onConflict = b.onConflict;
        MachineSnapshot<S, C> initial = new MachineSnapshot<>(definition.initialState(), definition.initialContext(),
                0, b.version);
        PersistentStore.Builder<MachineSnapshot<S, C>, MachineSnapshot<S, C>> sb = PersistentStore
                .builder(b.backend, b.scheduler, b.key, MachineSnapshot.codec(b.states, b.contexts), initial)
                .config(b.config)
                .onError(onError)
                .onConflict(this::rebased);
        if (b.clock != null) {
            sb.clock(b.clock);
        }
        this.store = sb.build();
        this.restored = store.whenHydrated().map(snapshot -> {
            restore(snapshot);
            return this;
        });
        store.subscribe(this::restoreIfForeign);
    }

    /**
     * Returns a builder for {@code definition} saved under {@code key} in {@code backend};
     * {@code states} and {@code contexts} describe how its states and context are stored.
     *
     * @throws NullPointerException if an argument is null
     */
    public static <S, E, C> Builder<S, E, C> builder(StateMachine<S, E, C> definition, StorageBackend backend,
            Scheduler scheduler, String key, Codec<S> states, Codec<C> contexts) {
        return new Builder<>(definition, backend, scheduler, key, states, contexts);
    }

    /** Returns a value that completes with this machine once the stored snapshot was read (or failed to be). */
    public Async<PersistedMachine<S, E, C>> whenRestored() {
        return restored;
    }

    /** Returns whether restoring has finished, well or not. */
    public boolean isRestored() {
        return store.hydration() != Hydration.HYDRATING;
    }

    /** Returns the last snapshot saved or restored. */
    public MachineSnapshot<S, C> snapshot() {
        return store.get();
    }

    @Override
    public StateMachine<S, E, C> definition() {
        return machine.definition();
    }

    @Override
    public S state() {
        return machine.state();
    }

    @Override
    public C context() {
        return machine.context();
    }

    @Override
    public boolean send(E event) {
        synchronized (this) {
            MachineSnapshot<S, C> before = store.get();
            if (!machine.send(event)) {
                return false;
            }
            MachineSnapshot<S, C> after = new MachineSnapshot<>(machine.state(), machine.context(),
                    clock.nowMillis(), version);
            lastWritten = after;
            // Applied to the snapshot the machine moved from, this gives what it computed; a
            // rebase applies it to a newer snapshot, and the event is sent again from there.
            store.update(current -> current == before ? after : resend(current, event, after.timestampMillis()));
        }
        return true;
    }

    private MachineSnapshot<S, C> resend(MachineSnapshot<S, C> current, E event, long timestamp) {
        StateMachine.Transition<S, E, C> t = machine.definition().find(current.state(), current.context(), event);
        if (t == null) {
            synchronized (this) {
                dropped.add(event);
            }
            return current;
        }
        C context = Objects.requireNonNull(t.update().apply(current.context(), event),
                "transition update returned null");
        return new MachineSnapshot<>(t.to(), context, timestamp, version);
    }

    private void rebased(Conflict<MachineSnapshot<S, C>> conflict) {
        List<E> lost;
        synchronized (this) {
            lost = dropped;
            dropped = new ArrayList<>();
        }
        onConflict.accept(conflict, lost);
    }

    @Override
    public boolean can(E event) {
        return machine.can(event);
    }

    @Override
    public Subscription subscribe(Listener<S, C> listener) {
        return machine.subscribe(listener);
    }

    /** Writes pending snapshots now. */
    public Async<Void> flush() {
        return store.flush();
    }

    /** Flushes and releases the machine's storage. */
    public Async<Void> close() {
        return store.close();
    }

    /** Reads the snapshot again (another tab moved the machine) and restores it. */
    public Async<PersistedMachine<S, E, C>> reload() {
        return store.reload().map(ignored -> this);
    }

    private void restoreIfForeign(MachineSnapshot<S, C> snapshot) {
        synchronized (this) {
            if (snapshot == lastWritten) {
                return;
            }
        }
        restore(snapshot);
    }

    private void restore(MachineSnapshot<S, C> snapshot) {
        synchronized (this) {
            if (snapshot == lastWritten) {
                return;
            }
            if (!machine.definition().hasState(snapshot.state())) {
                onError.accept(new SerializationException(null, store.key(), "stored snapshot names state "
                        + snapshot.state() + ", which the machine no longer has; starting from "
                        + machine.definition().initialState(), null));
                return;
            }
            if (snapshot.state().equals(machine.state()) && snapshot.context().equals(machine.context())) {
                return;
            }
        }
        machine.restore(snapshot.state(), snapshot.context());
    }

    @Override
    public String toString() {
        return "PersistedMachine[" + store.key() + ", " + machine.state() + "]";
    }

    /** Assembles a persisted machine; not thread-safe. */
    public static final class Builder<S, E, C> {
        final StateMachine<S, E, C> definition;
        final StorageBackend backend;
        final Scheduler scheduler;
        final String key;
        final Codec<S> states;
        final Codec<C> contexts;
        PersistenceConfig config = PersistenceConfig.defaults();
        Clock clock;
        int version = 1;
        Consumer<? super PersistenceException> onError = e -> { };
        BiConsumer<? super Conflict<MachineSnapshot<S, C>>, ? super List<E>> onConflict = (c, dropped) -> { };

        private Builder(StateMachine<S, E, C> definition, StorageBackend backend, Scheduler scheduler, String key,
                Codec<S> states, Codec<C> contexts) {
            this.definition = Objects.requireNonNull(definition, "definition");
            this.backend = Objects.requireNonNull(backend, "backend");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.key = Objects.requireNonNull(key, "key");
            this.states = Objects.requireNonNull(states, "states");
            this.contexts = Objects.requireNonNull(contexts, "contexts");
        }

        /** Sets the manager configuration. */
        public Builder<S, E, C> config(PersistenceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Sets the clock that stamps snapshots. */
        public Builder<S, E, C> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the definition's version, stored in each snapshot.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder<S, E, C> version(int version) {
            if (version < 1) {
                throw new IllegalArgumentException("version must be at least 1: " + version);
            }
            this.version = version;
            return this;
        }

        /** Sets the listener told about restore and write failures. */
        public Builder<S, E, C> onError(Consumer<? super PersistenceException> listener) {
            this.onError = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets the listener told about every rebase onto a snapshot another writer saved, with
         * the events that no transition accepted from there (empty when all were sent again).
         */
        public Builder<S, E, C> onConflict(
                BiConsumer<? super Conflict<MachineSnapshot<S, C>>, ? super List<E>> listener) {
            this.onConflict = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Returns the machine, already restoring. */
        public PersistedMachine<S, E, C> build() {
            return new PersistedMachine<>(this);
        }
    }
}
