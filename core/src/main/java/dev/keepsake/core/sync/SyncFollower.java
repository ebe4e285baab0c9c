package dev.keepsake.core.sync;

import dev.keepsake.core.async.Async;

/**
 * A user of a {@link Sync}'s backend that must hear of remote changes and resolve conflicts on
 * the keys it owns: a manager or store built with a {@code sync} option registers one. Its
 * methods run on whatever thread completed the sync's I/O and must not block.
 */
public interface SyncFollower {

    /** Returns whether {@code key} (a backend key) belongs to this follower. */
    boolean owns(String key);

    /** Called after a remote value (or a remote delete) replaced the local one under {@code key}. */
    void changed(String key);

    /**
     * Returns the bytes to keep for {@code key} now that the server holds {@code remote} (null:
     * no entry) where this device wrote {@code local} (null: a delete). Return {@code remote}
     * to adopt the server's value, other bytes to write them on top of it, or null to delete.
     * The default keeps the local write (last writer wins), reported as a conflict all the same.
     */
    default Async<byte[]> resolve(String key, byte[] local, byte[] remote) {
        return Async.of(local);
    }
}
