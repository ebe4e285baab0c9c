package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.error.ConflictException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compare-and-set half of a manager built with a {@link Rebase}: the version each key had
 * when the manager last read or wrote it, and what happens after a batch is written.
 *
 * <p>Its own class, created only by {@link PersistenceManager.Builder#rebase}, so that a build
 * that never asks for a rebase (the browser's key-value build) carries none of this code:
 * TeaVM drops the methods of a class nobody instantiates. Not {@code final}: TeaVM compiles a
 * final class's methods at every call site reached, instance or not (docs/kv-path.md).
 */
class Rebasing<T> {

    final Rebase<T> rebase;
    private final Map<String, Long> versions = new HashMap<>();

    Rebasing(Rebase<T> rebase) {
        this.rebase = rebase;
    }

    /** Remembers that {@code storageKey} was read at {@code version}. */
    synchronized void read(String storageKey, long version) {
        versions.put(storageKey, version);
    }

    /**
     * Adds a put to {@code batch}: conditional on {@code over} unless it is
     * {@link BatchingManager#FRESH}, else on the version known for the key, if any.
     */
    void put(WriteBatch.Builder batch, String storageKey, byte[] value, long over) {
        Long expected = over;
        if (over == BatchingManager.FRESH) {
            synchronized (this) {
                expected = versions.get(storageKey);
            }
        }
        if (expected == null) {
            batch.put(storageKey, value);
        } else {
            batch.putIf(storageKey, value, expected);
        }
    }

    /**
     * Follows the write of {@code built}, made for {@code batch}: on success remembers the new
     * versions and tells the rebase what landed; a conflict is rebased and written again.
     */
    Async<Long> settle(BatchingManager<T> manager, List<WriteBatcher.Entry<BatchingManager.Staged<T>>> batch,
            WriteBatch built, Async<Long> written) {
        return written.map(bytes -> {
            manager.landed(batch, built, this);
            return bytes;
        }).recoverWith(failure -> failure instanceof ConflictException conflict
                ? manager.rebaseAndRetry(batch, conflict, this)
                : Async.failed(failure));
    }
}
