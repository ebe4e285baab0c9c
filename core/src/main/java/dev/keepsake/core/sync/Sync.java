package dev.keepsake.core.sync;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.time.Scheduler;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps a local {@link StorageBackend} and a scope on the sync server in step, offline first:
 * the application reads and writes {@link #backend()} at local speed, every write reaches the
 * server when it can, and other devices' writes arrive without polling.
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li>A write to {@link #backend()} and its outbox entry commit in the same local
 *       {@link dev.keepsake.core.backend.WriteBatch}: a crash leaves both or neither. The
 *       outbox lives in the local backend under reserved keys no user key can reach
 *       ({@code backend().listKeys()} never shows them), so it survives restarts.</li>
 *   <li>The outbox is pushed in order, each entry exactly once on the server (a resend after
 *       a lost answer carries the same {@code (clientId, seq)}); while the server cannot be
 *       reached the sync retries with backoff on the injected scheduler.</li>
 *   <li>Every write ends {@link WriteFate.Outcome#APPLIED applied}, {@code CONFLICT} or
 *       {@code REJECTED}, reported once to {@link #onFate}; a rejected write never blocks the
 *       writes after it.</li>
 *   <li>Changes are pulled from a cursor kept in the local backend: on start, on each watch
 *       notification, on reconnect and on {@link #syncNow}; a {@code 410 reset} pulls again from
 *       0. A remote change is applied locally only with compare-and-set on the local version; a
 *       remote change to a key with unpushed local writes is never applied over them: the
 *       key's {@link SyncFollower} resolves it (a store through its rebase and merge policy)
 *       and the conflict is reported to {@link #onConflict}.</li>
 *   <li>Values travel as the bytes written: a manager's sealed envelopes, so with encryption
 *       on the server only ever holds ciphertext.</li>
 *   <li>A 401 answer asks the {@link TokenProvider} for a new token and connects again.</li>
 * </ul>
 *
 * <p>Nothing is sent until {@link #start}: a page tab that does not hold the sync lock may
 * write through {@link #backend()} (its writes join the shared outbox) while another tab's
 * started {@code Sync} pushes them, in the order all of them committed: outbox entries are
 * numbered from one stored counter, and the started instance reads the stored outbox again at
 * every round ({@link #syncNow} starts one) and before it applies pulled changes.
 *
 * <p>Non-goals: partial sync of a scope.
 */
public interface Sync {

    /**
     * Opens a sync over {@code local}: reads (or creates) this device's client id and cursor
     * from it. Nothing is sent before {@link #start}.
     *
     * @throws NullPointerException if an argument is null
     */
    static Async<Sync> open(StorageBackend local, SyncConfig config, Scheduler scheduler) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(scheduler, "scheduler");
        return Replicator.open(local, config, scheduler).map(r -> r);
    }

    /** Returns the backend to read and write through: the local backend, with every write recorded in the outbox. */
    StorageBackend backend();

    /** Returns whether {@code local} is the backend this sync was opened over. */
    boolean wraps(StorageBackend local);

    /** Starts pushing, pulling and watching; idempotent. */
    void start();

    /**
     * Pretends the network is gone ({@code false}) or back ({@code true}, a reconnect: push,
     * then pull). Writes are recorded either way.
     */
    void setOnline(boolean online);

    /**
     * Runs one push-and-pull round now; completes when the outbox entries present at the call
     * have been answered and the changes pulled, or fails with the reason the server could not
     * be used (the sync keeps retrying on its own).
     */
    Async<Void> syncNow();

    /** Returns where the sync stands. */
    SyncStatus status();

    /** Returns the writes not yet answered by the server, oldest first. */
    List<WriteFate> pending();

    /**
     * Returns a result that completes with the final fate of the latest write to {@code key}
     * made before this call (at once, with an applied fate, when none is pending).
     */
    Async<WriteFate> settled(String key);

    /** Calls {@code listener} with every write's fate: pending when recorded, then its final outcome. */
    Subscription onFate(Consumer<WriteFate> listener);

    /** Calls {@code listener} whenever the status changes. */
    Subscription onStatus(Consumer<SyncStatus> listener);

    /** Calls {@code listener} with every conflict and how it was resolved. */
    Subscription onConflict(Consumer<SyncConflict> listener);

    /** Calls {@code listener} with each backend key a remote change replaced locally. */
    Subscription onRemoteChange(Consumer<String> listener);

    /**
     * Registers {@code follower} for the keys it owns: it hears of their remote changes and
     * resolves their conflicts. Managers and stores built with a {@code sync} option do this.
     */
    Subscription follow(SyncFollower follower);

    /** Stops syncing (pending writes stay in the outbox for the next open); idempotent. */
    Async<Void> close();

    /** Stops a listener; idempotent. */
    @FunctionalInterface
    interface Subscription {
        /** Stops the notifications. */
        void unsubscribe();
    }
}
