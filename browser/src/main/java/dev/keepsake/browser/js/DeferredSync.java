package dev.keepsake.browser.js;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.sync.Sync;
import dev.keepsake.core.sync.SyncConflict;
import dev.keepsake.core.sync.SyncFollower;
import dev.keepsake.core.sync.SyncStatus;
import dev.keepsake.core.sync.WriteFate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link Sync} usable at once although opening it is asynchronous (it reads its cursor and
 * outbox from a backend that is itself still being chosen): what {@code openStore} needs to
 * return a synced store synchronously, as {@link DeferredBackend} does for the backend. Every
 * call waits for the opened sync; listeners and followers registered before it opened are
 * registered on it then (and an unsubscribe before that withdraws them).
 */
final class DeferredSync implements Sync {

    private final StorageBackend local;
    private final Async<Sync> sync;
    private final Backend backend = new Backend();

    DeferredSync(StorageBackend local, Async<Sync> sync) {
        this.local = local;
        this.sync = sync;
    }

    /** Completes with the opened sync. */
    Async<Sync> opened() {
        return sync;
    }

    private Sync now() {
        return sync.isDone() && !sync.isFailed() ? sync.peek() : null;
    }

    @Override
    public StorageBackend backend() {
        return backend;
    }

    @Override
    public boolean wraps(StorageBackend candidate) {
        return candidate == local;
    }

    @Override
    public void start() {
        sync.whenComplete((s, failure) -> {
            if (s != null) {
                s.start();
            }
        });
    }

    @Override
    public void setOnline(boolean online) {
        sync.whenComplete((s, failure) -> {
            if (s != null) {
                s.setOnline(online);
            }
        });
    }

    @Override
    public Async<Void> syncNow() {
        return sync.flatMap(Sync::syncNow);
    }

    @Override
    public SyncStatus status() {
        Sync s = now();
        if (s != null) {
            return s.status();
        }
        Throwable failure = sync.isDone() && sync.isFailed() ? sync.failure() : null;
        return new SyncStatus(SyncStatus.State.STOPPED, 0, 0, 0, failure);
    }

    @Override
    public List<WriteFate> pending() {
        Sync s = now();
        return s != null ? s.pending() : new ArrayList<>();
    }

    @Override
    public Async<WriteFate> settled(String key) {
        return sync.flatMap(s -> s.settled(key));
    }

    @Override
    public Subscription onFate(Consumer<WriteFate> listener) {
        return later(s -> s.onFate(listener));
    }

    @Override
    public Subscription onStatus(Consumer<SyncStatus> listener) {
        return later(s -> s.onStatus(listener));
    }

    @Override
    public Subscription onConflict(Consumer<SyncConflict> listener) {
        return later(s -> s.onConflict(listener));
    }

    @Override
    public Subscription onRemoteChange(Consumer<String> listener) {
        return later(s -> s.onRemoteChange(listener));
    }

    @Override
    public Subscription follow(SyncFollower follower) {
        return later(s -> s.follow(follower));
    }

    @Override
    public Async<Void> close() {
        return sync.flatMap(Sync::close);
    }

    private Subscription later(Function<Sync, Subscription> subscribe) {
        Subscription[] made = {null};
        boolean[] cancelled = {false};
        sync.whenComplete((s, failure) -> {
            if (s != null && !cancelled[0]) {
                made[0] = subscribe.apply(s);
            }
        });
        return () -> {
            cancelled[0] = true;
            if (made[0] != null) {
                made[0].unsubscribe();
            }
        };
    }

    /** The opened sync's backend, waited for. */
    private final class Backend implements StorageBackend {

        @Override
        public String name() {
            Sync s = now();
            return s != null ? s.backend().name() : local.name();
        }

        @Override
        public Async<Void> save(String key, byte[] value) {
            return sync.flatMap(s -> s.backend().save(key, value));
        }

        @Override
        public Async<byte[]> load(String key) {
            return sync.flatMap(s -> s.backend().load(key));
        }

        @Override
        public Async<Versioned> loadVersioned(String key) {
            return sync.flatMap(s -> s.backend().loadVersioned(key));
        }

        @Override
        public Async<Void> delete(String key) {
            return sync.flatMap(s -> s.backend().delete(key));
        }

        @Override
        public Async<Boolean> exists(String key) {
            return sync.flatMap(s -> s.backend().exists(key));
        }

        @Override
        public Async<List<String>> listKeys() {
            return sync.flatMap(s -> s.backend().listKeys());
        }

        @Override
        public Async<StorageInfo> info() {
            return sync.flatMap(s -> s.backend().info());
        }

        @Override
        public Async<Void> clear() {
            return sync.flatMap(s -> s.backend().clear());
        }

        @Override
        public Async<Void> write(WriteBatch batch) {
            return sync.flatMap(s -> s.backend().write(batch));
        }
    }
}
