package dev.keepsake.core.sync;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.time.Scheduler;

/** The {@link Sync} implementation (first cut: API only). */
final class Replicator {

    private Replicator() {
    }

    static Async<Sync> open(StorageBackend local, SyncConfig config, Scheduler scheduler) {
        return Async.failed(new UnsupportedOperationException("not yet"));
    }
}
