package dev.keepsake.jvm;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.WriteBatch;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link StorageBackend} seen through {@link CompletableFuture}s: the same operations, the
 * same guarantees and failures (unwrapped {@link dev.keepsake.core.error.PersistenceException}s
 * inside the future), for JVM code that composes with the JDK's futures. Misuse still throws
 * synchronously, as the backend does.
 */
public final class FutureBackend {

    private final StorageBackend backend;

    private FutureBackend(StorageBackend backend) {
        this.backend = backend;
    }

    /**
     * Returns the future view of {@code backend}.
     *
     * @throws NullPointerException if {@code backend} is null
     */
    public static FutureBackend of(StorageBackend backend) {
        return new FutureBackend(Objects.requireNonNull(backend, "backend"));
    }

    /** Returns the backend this view forwards to. */
    public StorageBackend backend() {
        return backend;
    }

    /** See {@link StorageBackend#save}. */
    public CompletableFuture<Void> save(String key, byte[] value) {
        return JvmAsync.toFuture(backend.save(key, value));
    }

    /** See {@link StorageBackend#load}. */
    public CompletableFuture<byte[]> load(String key) {
        return JvmAsync.toFuture(backend.load(key));
    }

    /** See {@link StorageBackend#delete}. */
    public CompletableFuture<Void> delete(String key) {
        return JvmAsync.toFuture(backend.delete(key));
    }

    /** See {@link StorageBackend#exists}. */
    public CompletableFuture<Boolean> exists(String key) {
        return JvmAsync.toFuture(backend.exists(key));
    }

    /** See {@link StorageBackend#listKeys}. */
    public CompletableFuture<List<String>> listKeys() {
        return JvmAsync.toFuture(backend.listKeys());
    }

    /** See {@link StorageBackend#info}. */
    public CompletableFuture<StorageInfo> info() {
        return JvmAsync.toFuture(backend.info());
    }

    /** See {@link StorageBackend#clear}. */
    public CompletableFuture<Void> clear() {
        return JvmAsync.toFuture(backend.clear());
    }

    /** See {@link StorageBackend#write}. */
    public CompletableFuture<Void> write(WriteBatch batch) {
        return JvmAsync.toFuture(backend.write(batch));
    }

    @Override
    public String toString() {
        return "FutureBackend[" + backend.name() + "]";
    }
}
