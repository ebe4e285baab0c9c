package dev.keepsake.core.backend;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.ConflictException;
import dev.keepsake.core.error.NotFoundException;
import dev.keepsake.core.error.QuotaExceededException;
import dev.keepsake.core.internal.Utf8;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A complete backend that keeps everything in this process's memory: for tests, server-side
 * rendering, and as the last fallback when the platform offers no storage.
 *
 * <p>It is strict, so that code tested against it behaves the same on a real backend: it
 * validates keys like every backend, copies bytes on the way in and out, and, when given a
 * quota, rejects a write that would exceed it with {@link QuotaExceededException} and leaves
 * the previous values intact. A batch is applied all or nothing. Every operation completes
 * before it returns.
 *
 * <p>Durability: none; the data lives as long as this object. Thread-safe.
 */
public final class MemoryBackend implements StorageBackend {

    private final String name;
    private final long quotaBytes;
    private final Map<String, Versioned> entries = new HashMap<>();
    private long usedBytes;

    private MemoryBackend(String name, long quotaBytes) {
        this.name = name;
        this.quotaBytes = quotaBytes;
    }

    /** Returns an empty memory backend without a size limit. */
    public static MemoryBackend create() {
        return new MemoryBackend("memory", -1);
    }

    /**
     * Returns an empty memory backend that holds at most {@code quotaBytes}, counted as the
     * UTF-8 length of each key plus the length of its value.
     *
     * @throws IllegalArgumentException if {@code quotaBytes} is negative
     */
    public static MemoryBackend withQuota(long quotaBytes) {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quota must not be negative: " + quotaBytes);
        }
        return new MemoryBackend("memory", quotaBytes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Async<Void> save(String key, byte[] value) {
        return write(WriteBatch.builder().put(key, value).build());
    }

    @Override
    public synchronized Async<byte[]> load(String key) {
        Keys.requireValid(key);
        Versioned stored = entries.get(key);
        if (stored == null) {
            return Async.failed(new NotFoundException(name, key, "no value stored", null));
        }
        return Async.of(stored.value().clone());
    }

    @Override
    public synchronized Async<Versioned> loadVersioned(String key) {
        Keys.requireValid(key);
        Versioned stored = entries.get(key);
        return Async.of(stored == null ? new Versioned(null, Versioned.ABSENT)
                : new Versioned(stored.value().clone(), stored.version()));
    }

    @Override
    public Async<Void> delete(String key) {
        return write(WriteBatch.builder().delete(key).build());
    }

    @Override
    public synchronized Async<Boolean> exists(String key) {
        Keys.requireValid(key);
        return Async.of(entries.containsKey(key));
    }

    @Override
    public synchronized Async<List<String>> listKeys() {
        return Async.of(new ArrayList<>(entries.keySet()));
    }

    @Override
    public synchronized Async<StorageInfo> info() {
        OptionalLong available = quotaBytes < 0 ? OptionalLong.empty() : OptionalLong.of(quotaBytes - usedBytes);
        return Async.of(new StorageInfo(usedBytes, available, entries.size()));
    }

    @Override
    public synchronized Async<Void> clear() {
        entries.clear();
        usedBytes = 0;
        return Async.done();
    }

    @Override
    public synchronized Async<Void> write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        long after = usedBytes;
        for (WriteBatch.Entry entry : batch.entries()) {
            Versioned old = entries.get(entry.key());
            long found = old == null ? Versioned.ABSENT : old.version();
            if (entry.isConditional() && found != entry.expected()) {
                return Async.failed(new ConflictException(name, entry.key(), entry.expected(), found));
            }
            if (old != null) {
                after -= sizeOf(entry.key(), old.value());
            }
            if (!entry.isDelete()) {
                after += sizeOf(entry.key(), entry.value());
            }
        }
        if (quotaBytes >= 0 && after > quotaBytes && after > usedBytes) {
            String key = batch.size() == 1 ? batch.entries().get(0).key() : null;
            return Async.failed(new QuotaExceededException(name, key,
                    "quota of " + quotaBytes + " bytes exceeded (" + after + " needed)", null));
        }
        for (WriteBatch.Entry entry : batch.entries()) {
            if (entry.isDelete()) {
                entries.remove(entry.key());
            } else {
                // The batch already holds a private copy; copy again so the batch stays reusable.
                entries.put(entry.key(), new Versioned(entry.value().clone(), entry.version()));
            }
        }
        usedBytes = after;
        return Async.done();
    }

    private static long sizeOf(String key, byte[] value) {
        return Utf8.encodedLength(key) + (long) value.length;
    }

    @Override
    public synchronized String toString() {
        return "MemoryBackend[" + entries.size() + " entries]";
    }
}
