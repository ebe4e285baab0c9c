package dev.keepsake.core.manager;

import java.util.Optional;

/**
 * Turns a manager's puts into compare-and-set writes ({@link PersistenceManager.Builder#rebase}):
 * each put of a key expects the version the manager last read or wrote for it, and when another
 * writer (a tab, a process) stored a newer version in between, the manager reads that newer
 * value, asks {@link #rebase} what to write instead, and writes that, conditionally on the newer
 * version, until a write lands. Keys the manager has not read yet, and deletes, are written
 * unconditionally.
 *
 * <p>Both methods run on whatever thread completed the backend's operation, before the
 * write's callers are told; they must not block.
 *
 * @param <T> the type of the stored values
 */
public interface Rebase<T> {

    /**
     * Returns the value to write instead of {@code local} now that {@code remote} is stored under
     * {@code key} (empty: nothing is stored), or null to give up, which fails the write with the
     * {@link dev.keepsake.core.error.ConflictException}.
     */
    T rebase(String key, T local, Optional<T> remote);

    /** Called when {@code value}, a value given to {@code save} or returned by {@link #rebase}, is durable. */
    default void written(String key, T value) {
    }

    /**
     * Returns the value to keep when a sync finds that another device stored {@code remote}
     * (empty: deleted) on the server over the value {@code local} this device stored and has not
     * pushed yet; null adopts {@code remote}. The default is {@link #rebase}.
     */
    default T resolveRemote(String key, T local, Optional<T> remote) {
        return rebase(key, local, remote);
    }

    /** Called after a sync replaced the stored value of {@code key} with another device's. */
    default void remoteChanged(String key) {
    }
}
