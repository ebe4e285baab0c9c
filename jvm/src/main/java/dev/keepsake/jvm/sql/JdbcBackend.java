package dev.keepsake.jvm.sql;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.jvm.internal.JdkCrc32c;
import java.util.List;

/**
 * The storage operations both SQL backends share: each is one {@link JdbcStore} call on its
 * worker, a write one transaction. Subclasses add their builders and dialects.
 */
abstract class JdbcBackend implements StorageBackend, AutoCloseable {

    static {
        JdkCrc32c.install();
    }

    final JdbcStore store;

    JdbcBackend(JdbcStore store) {
        this.store = store;
    }

    @Override
    public final String name() {
        return store.name();
    }

    /** Stores {@code value} under {@code key} in one transaction. */
    @Override
    public final Async<Void> save(String key, byte[] value) {
        return store.write(WriteBatch.builder().put(key, value).build());
    }

    @Override
    public final Async<byte[]> load(String key) {
        return store.load(key);
    }

    /** Reads the value column alone, without the version, and reports absence as null. */
    @Override
    public final Async<byte[]> loadOrNull(String key) {
        return store.loadOrNull(key);
    }

    @Override
    public final Async<Versioned> loadVersioned(String key) {
        return store.loadVersioned(key);
    }

    /** Removes {@code key} in one transaction; the previous value stays if it fails. */
    @Override
    public final Async<Void> delete(String key) {
        return store.write(WriteBatch.builder().delete(key).build());
    }

    @Override
    public final Async<Boolean> exists(String key) {
        return store.exists(key);
    }

    @Override
    public final Async<List<String>> listKeys() {
        return store.listKeys();
    }

    /** Returns the key plus value bytes stored and the entry count (the table is scanned). */
    @Override
    public final Async<StorageInfo> info() {
        return store.info();
    }

    /** Deletes every entry in one transaction; all or nothing. */
    @Override
    public final Async<Void> clear() {
        return store.clear();
    }

    /** Applies {@code batch} as one transaction: after a failure or crash, all or nothing. */
    @Override
    public final Async<Void> write(WriteBatch batch) {
        return store.write(batch);
    }

    /**
     * Waits for queued operations (on the owned worker), then closes the connection; later
     * calls throw {@link IllegalStateException}. Idempotent.
     */
    @Override
    public final void close() {
        store.close();
    }
}
