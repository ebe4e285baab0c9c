package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.time.Clock;
import dev.keepsake.core.time.Scheduler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Saves and loads typed values under string keys over one {@link StorageBackend}: the
 * serializer, the checked storage format, an LRU cache and a write batcher, coordinated.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Read-your-writes: {@link #load} sees every {@link #save} and {@link #delete} made
 *       before it, whether or not it has reached the backend yet.</li>
 *   <li>Writes to one key coalesce (the last wins) and reach the backend in order, in batches
 *       as {@link PersistenceConfig} says; each batch is one {@link StorageBackend#write}.</li>
 *   <li>{@link #save} and {@link #delete} complete when the write is durable; {@link #flush}
 *       completes when everything written before it is durable. A failed write is never
 *       dropped silently: see {@link ErrorStrategy}.</li>
 *   <li>Every stored value is framed and checked: corrupted bytes are reported as
 *       {@link dev.keepsake.core.error.CorruptedDataException}, never returned.</li>
 *   <li>Keys live in the configured prefix's namespace: two managers with different prefixes
 *       never see each other's keys, even on one backend.</li>
 * </ul>
 *
 * <p>Misuse is reported synchronously: a null key or value throws
 * {@link NullPointerException}, an empty or malformed key {@link IllegalArgumentException},
 * any use after {@link #close} {@link IllegalStateException}. Values should be immutable: the
 * manager caches and batches the instances it is given.
 *
 * @param <T> the type of the stored values
 */
public interface PersistenceManager<T> {

    /**
     * Returns a builder for a manager over {@code backend} that encodes values with
     * {@code serializer} and runs its timers on {@code scheduler}.
     *
     * @throws NullPointerException if an argument is null
     */
    static <T> Builder<T> builder(StorageBackend backend, Serializer<T> serializer, Scheduler scheduler) {
        return new Builder<>(backend, serializer, scheduler);
    }

    /**
     * Queues {@code value} under {@code key}; the result completes when it (or a later value
     * for the key) is durable. Encoding errors fail the result at once.
     */
    Async<Void> save(String key, T value);

    /**
     * Queues {@code values.get(i)} under {@code keys.get(i)} for every i, as that many
     * {@link #save}s in order would (a key given twice keeps its last value), at the cost of one
     * result for the lot; it completes when every one of them (or a later value for its key) is
     * durable, and fails with the first failure. Nothing is queued if a key or value is invalid
     * (thrown at once) or a value fails to encode (the result fails).
     *
     * @throws IllegalArgumentException if the lists differ in size, or a key is empty or malformed
     */
    Async<Void> saveAll(List<String> keys, List<T> values);

    /** Returns the value under {@code key}, or empty if there is none. */
    Async<Optional<T>> load(String key);

    /**
     * Returns the value under {@code key} read again from the backend, bypassing the cache
     * (waiting writes still win): for values another process or tab may have changed.
     */
    Async<Optional<T>> reload(String key);

    /** Queues removal of {@code key}; the result completes when the removal is durable. */
    Async<Void> delete(String key);

    /** Returns this manager's keys, pending writes included. */
    Async<List<String>> listKeys();

    /** Returns the kept versions of {@code key}, newest first; empty when backups are off. */
    Async<List<BackupInfo>> listBackups(String key);

    /**
     * Makes the backup of {@code key} taken at {@code timestampMillis} its current value again
     * (through the batcher, like a save); fails if that backup is missing or unreadable.
     */
    Async<Void> restoreBackup(String key, long timestampMillis);

    /** Writes everything queued so far; completes when it is durable or fails with the error. */
    Async<Void> flush();

    /**
     * Flushes, then refuses further use; completes when the flush does. If the flush fails,
     * every write still waiting fails with its error: no {@code save} result is left pending.
     */
    Async<Void> close();

    /** Returns how many batches failed for good (after the strategy's retries). */
    int failedFlushCount();

    /** Returns the last failure of a batch, if any. */
    Optional<Throwable> lastError();

    /** Returns the number of keys whose writes are not yet durable. */
    int pendingWrites();

    /** Returns the configuration. */
    PersistenceConfig config();

    /** Assembles a manager; not thread-safe. */
    final class Builder<T> {
        final StorageBackend backend;
        final Serializer<T> serializer;
        final Scheduler scheduler;
        PersistenceConfig config = PersistenceConfig.defaults();
        Clock clock;
        Consumer<FlushReport> flushListener = report -> { };
        Consumer<RecoveryEvent> recoveryListener = event -> { };
        DoubleSupplier jitter = Math::random;
        Rebasing<T> rebasing;
        Syncing<T> syncing;

        private Builder(StorageBackend backend, Serializer<T> serializer, Scheduler scheduler) {
            this.backend = Objects.requireNonNull(backend, "backend");
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        /** Sets the configuration (default: {@link PersistenceConfig#defaults()}). */
        public Builder<T> config(PersistenceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets the clock (default: the scheduler if it is also a clock, else the system clock).
         */
        public Builder<T> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets a listener told about every attempt to write a batch, successful or not. It runs
         * on whatever thread completed the write and must not block.
         */
        public Builder<T> onFlush(Consumer<FlushReport> listener) {
            this.flushListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets a listener told whenever a read returns a value recovered from a backup because
         * the stored value was corrupt.
         */
        public Builder<T> onRecovery(Consumer<RecoveryEvent> listener) {
            this.recoveryListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Makes every put of a key the manager has read conditional on the version it read or
         * last wrote, and resolves a put that meets a newer version with {@code rebase} instead
         * of overwriting it (default: puts overwrite whatever is stored).
         */
        public Builder<T> rebase(Rebase<T> rebase) {
            this.rebasing = new Rebasing<>(Objects.requireNonNull(rebase, "rebase"));
            return this;
        }

        /**
         * Syncs this manager's keys through {@code sync}: the manager stores through
         * {@link dev.keepsake.core.sync.Sync#backend()} (which must wrap this builder's backend),
         * drops a cached value when a remote change replaces it, and resolves a conflict with
         * the server through its {@link #rebase} (without one, the local write is kept and the
         * conflict reported). Values travel as this manager's sealed envelopes, so with
         * encryption on the server holds only ciphertext.
         *
         * @throws IllegalArgumentException if {@code sync} does not wrap this builder's backend
         */
        public Builder<T> sync(dev.keepsake.core.sync.Sync sync) {
            Objects.requireNonNull(sync, "sync");
            if (sync.backend() != backend && !sync.wraps(backend)) {
                throw new IllegalArgumentException("the sync must be opened over this builder's backend");
            }
            this.syncing = new Syncing<>(sync);
            return this;
        }

        /** Sets the source of backoff jitter in [0, 1); for tests. */
        Builder<T> jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** Returns the manager. */
        public PersistenceManager<T> build() {
            if (clock == null) {
                clock = scheduler instanceof Clock ? (Clock) scheduler : Clock.system();
            }
            return new BatchingManager<>(this);
        }
    }
}
