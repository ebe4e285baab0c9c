package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.sync.Sync;
import dev.keepsake.core.sync.SyncFollower;

/**
 * The sync half of a manager built with {@link PersistenceManager.Builder#sync}: which backend
 * it writes through and how it follows the sync.
 *
 * <p>Its own class, created only by {@code Builder.sync}, so that a build that never syncs (the
 * browser's key-value build) carries none of this code, as with {@link Rebasing}.
 */
final class Syncing<T> {

    private final Sync sync;

    Syncing(Sync sync) {
        this.sync = sync;
    }

    StorageBackend backend() {
        return sync.backend();
    }

    /** Registers {@code manager} as the follower of its keys. */
    Sync.Subscription attach(BatchingManager<T> manager) {
        return sync.follow(new SyncFollower() {
            @Override
            public boolean owns(String key) {
                return manager.owns(key);
            }

            @Override
            public void changed(String key) {
                manager.remoteChanged(key);
            }

            @Override
            public Async<byte[]> resolve(String key, byte[] local, byte[] remote) {
                return manager.resolveRemote(key, local, remote);
            }
        });
    }
}
