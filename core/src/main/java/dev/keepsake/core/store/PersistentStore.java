package dev.keepsake.core.store;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Keys;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.JsonValue;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.manager.FlushReport;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.time.Clock;
import dev.keepsake.core.time.Scheduler;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A reactive value that is saved automatically and comes back after a reload, a restart or a
 * crash: get, set, update and subscribe, over a {@link dev.keepsake.core.manager.PersistenceManager}
 * of its own.
 *
 * <p><b>Hydration.</b> A new store starts with its initial value in state
 * {@link Hydration#HYDRATING} and reads the stored value. When the read completes the stored
 * value replaces the initial one (subscribers hear of it) and the state becomes
 * {@link Hydration#READY}. <b>A change made while hydrating wins</b>: if {@link #set} or
 * {@link #update} is called before the read completes, the stored value is discarded and the
 * user's value is kept ({@code update} sees the initial value). It is saved once the read
 * completes, never before (so is a {@link #save()} asked for meanwhile): if the stored value
 * turns out to have a newer schema version than the code, the change is not saved at all.
 * Likewise a later {@link #reload()} never overwrites a change made after it started.
 *
 * <p><b>Saving.</b> With auto-save (the default) every change is queued through the
 * manager's debounced batcher; {@link #flush()} writes it now. The stored snapshot carries
 * the schema version; older snapshots are migrated on load, step by step, on their JSON tree,
 * and the migrated value is saved back. A snapshot with a newer version than the code knows is
 * never overwritten: the store runs on its initial value, reports the error and keeps its
 * changes in memory only.
 *
 * <p><b>Concurrent writers.</b> A store remembers the version of the value it read (and of
 * each value it saved) and saves only if that version is still the stored one. When another
 * tab or process stored a newer value in between, the store rebases instead of overwriting:
 * it reads the newer value, runs its unsaved {@link #update} functions again on it, resolves
 * each unsaved {@link #set} with its {@link Merge} (by default the set value wins, last writer
 * wins), adopts and saves the result, and reports a {@link Conflict} to the conflict listener
 * (subscribers hear the new value too). A change made while hydrating is saved without this
 * check, as it wins by the rule above.
 *
 * <p><b>Failures.</b> Stored state that is corrupt or does not decode leaves the store on its
 * initial value in state {@link Hydration#FAILED}; the error goes to the error listener. The
 * application always starts. Write failures follow the configured error strategy and also go
 * to the error listener.
 *
 * <p>Thread-safe. Subscribers run on the thread that made the change (or completed the read),
 * after the change, outside any lock.
 *
 * @param <T> the type of the value
 */
public interface PersistentStore<T> {

    /**
     * Returns a builder for a store of {@code codec}-described values under {@code key} in
     * {@code backend}, starting from {@code initial}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code key} is empty or malformed
     */
    static <T> Builder<T, T> builder(StorageBackend backend, Scheduler scheduler, String key, Codec<T> codec,
            T initial) {
        return new Builder<>(backend, scheduler, key, initial, codec, Function.identity(), (base, stored) -> stored);
    }

    /** Returns the current value. */
    T get();

    /**
     * Replaces the value and, with auto-save, queues it for saving.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalStateException if the store is closed
     */
    void set(T value);

    /**
     * Replaces the value with {@code fn} applied to it, atomically with respect to other changes.
     *
     * @throws NullPointerException if {@code fn} returns null
     * @throws IllegalStateException if the store is closed
     */
    void update(UnaryOperator<T> fn);

    /** Calls {@code listener} with the new value after every change; returns a handle that stops it. */
    Subscription subscribe(Consumer<? super T> listener);

    /** Returns where hydration stands. */
    Hydration hydration();

    /** Returns a value that completes with the store's value once hydration has finished, well or not. */
    Async<T> whenHydrated();

    /** Returns why hydration failed, if it did. */
    Optional<PersistenceException> hydrationError();

    /** Queues the current value for saving, whether or not auto-save is on. */
    Async<Void> save();

    /** Writes queued changes now; completes when they are durable. */
    Async<Void> flush();

    /**
     * Reads the stored value again (after another tab or process changed it) and adopts it
     * unless the value changed here since the read began.
     */
    Async<T> reload();

    /** Flushes and releases the store; later changes throw {@link IllegalStateException}. */
    Async<Void> close();

    /** Returns the key the store is saved under. */
    String key();

    /**
     * Resolves a {@link #set} that meets a newer stored value.
     *
     * @param <T> the type of the value
     */
    @FunctionalInterface
    interface Merge<T> {
        /**
         * Returns the value to keep, given the value the store had read ({@code base}), the
         * value it set ({@code local}) and the newer stored value with the store's earlier
         * unsaved changes re-applied ({@code remote}).
         */
        T merge(T base, T local, T remote);

        /** Returns the policy under which the set value wins: last writer wins. */
        static <T> Merge<T> lastWriterWins() {
            return (base, local, remote) -> local;
        }
    }

    /** Stops a subscription; idempotent. */
    @FunctionalInterface
    interface Subscription {
        /** Stops the notifications. */
        void unsubscribe();
    }

    /**
     * Assembles a store; not thread-safe.
     *
     * @param <T> the value type
     * @param <P> the persisted type: the value itself, or a projection of it
     */
    final class Builder<T, P> {
        final StorageBackend backend;
        final Scheduler scheduler;
        final String key;
        final T initial;
        final Codec<P> codec;
        final Function<? super T, ? extends P> project;
        final BiFunction<? super T, ? super P, ? extends T> merge;
        PersistenceConfig config = PersistenceConfig.defaults();
        Clock clock;
        int version = 1;
        final Map<Integer, UnaryOperator<JsonValue>> migrations = new TreeMap<>();
        Consumer<? super PersistenceException> onError = e -> { };
        Consumer<FlushReport> onFlush = r -> { };
        Merge<T> onSetConflict = Merge.lastWriterWins();
        Consumer<? super Conflict<T>> onConflict = c -> { };
        dev.keepsake.core.sync.Sync sync;

        Builder(StorageBackend backend, Scheduler scheduler, String key, T initial, Codec<P> codec,
                Function<? super T, ? extends P> project, BiFunction<? super T, ? super P, ? extends T> merge) {
            this.backend = Objects.requireNonNull(backend, "backend");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.key = Keys.requireValid(key);
            this.initial = Objects.requireNonNull(initial, "initial");
            this.codec = Objects.requireNonNull(codec, "codec");
            this.project = project;
            this.merge = merge;
        }

        /** Sets the manager configuration (prefix, debounce, batching, error strategy, ...). */
        public Builder<T, P> config(PersistenceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Sets the clock (default: the scheduler if it is one, else the system clock). */
        public Builder<T, P> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the schema version the code writes (default 1).
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder<T, P> version(int version) {
            if (version < 1) {
                throw new IllegalArgumentException("schema version must be at least 1: " + version);
            }
            this.version = version;
            return this;
        }

        /**
         * Adds the migration from schema version {@code fromVersion} to {@code fromVersion + 1},
         * applied to the JSON tree of the stored state.
         *
         * @throws IllegalArgumentException if {@code fromVersion} is below 1 or already has one
         */
        public Builder<T, P> migration(int fromVersion, UnaryOperator<JsonValue> step) {
            Objects.requireNonNull(step, "step");
            if (fromVersion < 1) {
                throw new IllegalArgumentException("migrations start at version 1: " + fromVersion);
            }
            if (migrations.putIfAbsent(fromVersion, step) != null) {
                throw new IllegalArgumentException("a migration from version " + fromVersion + " is already set");
            }
            return this;
        }

        /**
         * Persists only a projection of the value: {@code project} picks what is saved, and
         * {@code merge} puts a loaded projection back into the initial value.
         */
        public <Q> Builder<T, Q> persisting(Codec<Q> codec, Function<? super T, ? extends Q> project,
                BiFunction<? super T, ? super Q, ? extends T> merge) {
            Builder<T, Q> b = new Builder<>(backend, scheduler, key, initial, codec,
                    Objects.requireNonNull(project, "project"), Objects.requireNonNull(merge, "merge"));
            b.config = config;
            b.clock = clock;
            b.version = version;
            b.migrations.putAll(migrations);
            b.onError = onError;
            b.onFlush = onFlush;
            b.onSetConflict = onSetConflict;
            b.onConflict = onConflict;
            b.sync = sync;
            return b;
        }

        /** Sets the listener told about hydration and write failures. */
        public Builder<T, P> onError(Consumer<? super PersistenceException> listener) {
            this.onError = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets how a {@link #set} that meets a newer stored value is resolved (default:
         * {@link Merge#lastWriterWins()}).
         */
        public Builder<T, P> onSetConflict(Merge<T> merge) {
            this.onSetConflict = Objects.requireNonNull(merge, "merge");
            return this;
        }

        /** Sets the listener told about every rebase onto a value another writer stored. */
        public Builder<T, P> onConflict(Consumer<? super Conflict<T>> listener) {
            this.onConflict = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Syncs the store through {@code sync} (opened over this builder's backend): the store
         * adopts remote changes to its key as they arrive, and a conflict with the server goes
         * through the same rebase as a conflict with another tab ({@link #onSetConflict}, then
         * {@link #onConflict}). Write fates and sync status are on {@code sync}.
         *
         * @throws IllegalArgumentException if {@code sync} does not wrap this builder's backend
         */
        public Builder<T, P> sync(dev.keepsake.core.sync.Sync sync) {
            Objects.requireNonNull(sync, "sync");
            if (sync.backend() != backend && !sync.wraps(backend)) {
                throw new IllegalArgumentException("the sync must be opened over this builder's backend");
            }
            this.sync = sync;
            return this;
        }

        /** Sets the listener told about every batch write attempt. */
        public Builder<T, P> onFlush(Consumer<FlushReport> listener) {
            this.onFlush = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Returns the store, already hydrating.
         *
         * @throws IllegalArgumentException if a migration is missing between 1 and the version,
         *     or one is set at or above it
         */
        public PersistentStore<T> build() {
            for (int from : migrations.keySet()) {
                if (from >= version) {
                    throw new IllegalArgumentException("migration from version " + from
                            + " is at or above the current version " + version);
                }
            }
            for (int v = 1; v < version; v++) {
                if (!migrations.containsKey(v)) {
                    throw new IllegalArgumentException("migrations must lead from version 1 to version " + version
                            + ": none from version " + v);
                }
            }
            return new ManagedStore<>(this);
        }
    }
}
