package dev.keepsake.browser.sync;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A backend that, after each successful change, announces the changed keys on a channel so
 * that other tabs reload them: what the {@code storage} event does for localStorage, for
 * backends (IndexedDB) that have no such event. Reads pass straight through; a failed write
 * announces nothing, since nothing changed.
 */
final class AnnouncingBackend implements StorageBackend {

    private final StorageBackend delegate;
    private final Page page;
    private final String channel;

    AnnouncingBackend(StorageBackend delegate, Page page, String channel) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.page = Objects.requireNonNull(page, "page");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    StorageBackend delegate() {
        return delegate;
    }

    String channel() {
        return channel;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** {@inheritDoc} Failure atomicity is the delegate's; the key is announced only on success. */
    @Override
    public Async<Void> save(String key, byte[] value) {
        return announceAfter(delegate.save(key, value), Arrays.asList(key));
    }

    @Override
    public Async<byte[]> load(String key) {
        return delegate.load(key);
    }

    @Override
    public Async<Versioned> loadVersioned(String key) {
        return delegate.loadVersioned(key);
    }

    @Override
    public Async<byte[]> loadOrNull(String key) {
        return delegate.loadOrNull(key);
    }

    /** {@inheritDoc} Failure atomicity is the delegate's; the key is announced only on success. */
    @Override
    public Async<Void> delete(String key) {
        return announceAfter(delegate.delete(key), Arrays.asList(key));
    }

    @Override
    public Async<Boolean> exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public Async<List<String>> listKeys() {
        return delegate.listKeys();
    }

    @Override
    public Async<StorageInfo> info() {
        return delegate.info();
    }

    /** {@inheritDoc} Failure atomicity is the delegate's; "everything" is announced only on success. */
    @Override
    public Async<Void> clear() {
        return announceAfter(delegate.clear(), null);
    }

    /** {@inheritDoc} Failure atomicity is the delegate's; the batch's keys are announced only on success. */
    @Override
    public Async<Void> write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        List<String> keys = new ArrayList<>(batch.size());
        for (WriteBatch.Entry entry : batch.entries()) {
            keys.add(entry.key());
        }
        return announceAfter(delegate.write(batch), keys);
    }

    private Async<Void> announceAfter(Async<Void> change, List<String> keys) {
        return change.map(done -> {
            if (keys == null || !keys.isEmpty()) {
                try {
                    page.announce(channel, keys);
                } catch (RuntimeException e) {
                    // The write is durable; failing it now would make the caller retry a
                    // write that succeeded. Other tabs just miss this notification.
                }
            }
            return done;
        });
    }

    @Override
    public String toString() {
        return "Announcing[" + delegate + "]";
    }
}
