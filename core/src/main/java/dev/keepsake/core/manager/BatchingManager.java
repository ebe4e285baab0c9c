package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.Keys;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.error.ConflictException;
import dev.keepsake.core.error.CorruptedDataException;
import dev.keepsake.core.error.NotFoundException;
import dev.keepsake.core.format.Envelope;
import dev.keepsake.core.sync.Sync;
import dev.keepsake.core.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@link PersistenceManager}: coordinates the serializer, the value format, the cache and
 * the write batcher; each of those is its own class with its own tests.
 *
 * <p>Reads look at, in order: the batcher's waiting writes (read-your-writes), the cache, the
 * backend. Encoding happens at {@code save} (so errors reach the caller at once); framing,
 * compression and encryption happen when the batch is written, once per surviving value.
 *
 * <p>With a {@link Rebase}, the manager remembers the version of each key it read or wrote
 * and makes its puts conditional on it; a put refused with {@link ConflictException} is
 * resolved by reading the newer value, asking the rebase for what to write, and writing the
 * batch again.
 */
final class BatchingManager<T> implements PersistenceManager<T> {

    /** A value waiting to be written, with its encoding; a rebase replaces both, under the manager's lock. */
    static final class Staged<T> {
        T value;
        byte[] payload;
        /**
         * {@link #FRESH}, or the version this value must be written over: a version known to be
         * stale, because a rebase replaced the write this value was computed after, so that its
         * write is refused and the value rebased in turn (under the manager's lock).
         */
        long over = FRESH;

        Staged(T value, byte[] payload) {
            this.value = value;
            this.payload = payload;
        }
    }

    /** {@link Staged#over} of a value written over the version last read or written. */
    static final long FRESH = Long.MIN_VALUE;

    private final StorageBackend backend;
    private final Serializer<T> serializer;
    private final PersistenceConfig config;
    private final KeyNamespace namespace;
    private final ValueFormat format;
    private final LruCache<String, T> cache;
    private final WriteBatcher<Staged<T>> batcher;
    private final Consumer<FlushReport> flushListener;
    private final Consumer<RecoveryEvent> recoveryListener;
    private final Backups backups;
    private final Clock clock;
    /** With a rebase: the versions and what follows a write; null without one. */
    private final Rebasing<T> rebasing;
    /** Counts writes; written under the lock, read without it by a load that finds nothing in memory. */
    private volatile long writeEpoch;
    private final Sync.Subscription following;
    private volatile boolean closed;

    BatchingManager(PersistenceManager.Builder<T> b) {
        this.backend = b.syncing != null ? b.syncing.backend() : b.backend;
        this.serializer = b.serializer;
        this.config = b.config;
        this.namespace = config.namespace();
        this.format = new ValueFormat(backend.name(), serializer.formatId(), config);
        this.cache = new LruCache<>(config.cacheSize());
        this.flushListener = b.flushListener;
        this.recoveryListener = b.recoveryListener;
        this.clock = b.clock;
        this.rebasing = b.rebasing;
        this.backups = config.backupCount() == 0 ? null
                : new Backups(backend, namespace, config.backupCount(), config.backupIntervalMillis());
        this.batcher = new WriteBatcher<>(b.scheduler, clock, config, b.jitter, this::writeBatch,
                new WriteBatcher.Listener<>() {
                    @Override
                    public void flushed(FlushReport report) {
                        flushListener.accept(report);
                    }

                    @Override
                    public void written(List<WriteBatcher.Entry<Staged<T>>> batch) {
                        remember(batch);
                    }

                    @Override
                    public void dropped(Collection<WriteBatcher.Entry<Staged<T>>> batch, Throwable failure) {
                        forget(batch);
                    }
                });
        this.following = b.syncing == null ? null : b.syncing.attach(this);
    }

    @Override
    public Async<Void> save(String key, T value) {
        String storageKey = namespace.toStorage(key);
        Objects.requireNonNull(value, "value");
        checkOpen();
        byte[] payload;
        try {
            payload = serializer.serialize(value);
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
        synchronized (this) {
            // The cache holds only durable values; until this one lands, the batcher answers.
            writeEpoch++;
            cache.remove(key);
        }
        return batcher.enqueue(storageKey, new Staged<>(value, payload));
    }

    @Override
    public Async<Void> saveAll(List<String> keys, List<T> values) {
        int n = keys.size();
        if (values.size() != n) {
            throw new IllegalArgumentException("as many values as keys are needed");
        }
        List<String> storageKeys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            storageKeys.add(namespace.toStorage(keys.get(i)));
            Objects.requireNonNull(values.get(i), "value");
        }
        checkOpen();
        List<Staged<T>> staged = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                staged.add(new Staged<>(values.get(i), serializer.serialize(values.get(i))));
            }
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
        synchronized (this) {
            writeEpoch++;
            for (int i = 0; i < n; i++) {
                // Through a String local (docs/kv-path.md): a bare Object would keep every equals and hashCode.
                String key = keys.get(i);
                cache.remove(key);
            }
        }
        return batcher.enqueueAll(storageKeys, staged);
    }

    @Override
    public Async<Void> delete(String key) {
        String storageKey = namespace.toStorage(key);
        checkOpen();
        synchronized (this) {
            writeEpoch++;
            cache.remove(key);
        }
        return batcher.enqueue(storageKey, null);
    }

    @Override
    public Async<Optional<T>> load(String key) {
        String storageKey = namespace.toStorage(key);
        checkOpen();
        long epoch;
        if (cache.capacity() == 0 && batcher.isIdle()) {
            // Nothing in memory to look at: no lock. A write that races this read is ordered
            // after it, as it would be if it took the lock just after; loaded() sees its epoch.
            epoch = writeEpoch;
        } else {
            synchronized (this) {
                Optional<T> known = inMemory(key, storageKey);
                if (known != null) {
                    return Async.of(known);
                }
                epoch = writeEpoch;
            }
        }
        // Without a rebase no version is needed: the value alone, absence as null.
        Async<Versioned> versioned = rebasing == null ? null : backend.loadVersioned(storageKey);
        Async<byte[]> reading = versioned == null ? backend.loadOrNull(storageKey) : versioned.map(Versioned::value);
        Optional<T> decodedNow = decodedNow(storageKey, reading);
        if (decodedNow != null) {
            try {
                return Async.of(loaded(key, storageKey, epoch, decodedNow, versioned));
            } catch (RuntimeException e) {
                return Async.failed(e);
            }
        }
        // Once the read lands, most values open on the spot (two stages per key instead of
        // seven: many keys read in one transaction land together); the rest, and failed reads,
        // take the checked path below.
        return reading.flatMap(read -> {
            Optional<T> now = decodedNow(storageKey, reading);
            return now != null ? Async.of(loaded(key, storageKey, epoch, now, versioned))
                    : checkedLoad(key, storageKey, epoch, reading, versioned);
        }).recoverWith(failure -> reading.isFailed() ? checkedLoad(key, storageKey, epoch, reading, versioned)
                : Async.failed(failure));
    }

    /**
     * Opens and decodes what {@code reading} holds, trying backups if it is corrupt;
     * {@code versioned} is the read with its version when a rebase needs it, else null.
     */
    private Async<Optional<T>> checkedLoad(String key, String storageKey, long epoch, Async<byte[]> reading,
            Async<Versioned> versioned) {
        return reading
                .flatMap(read -> decode(storageKey, read))
                .recoverWith(failure -> failure instanceof CorruptedDataException && backups != null
                        ? fromBackups(key, storageKey, failure)
                        : Async.failed(failure))
                .recover(failure -> {
                    if (failure instanceof NotFoundException) {
                        return Optional.empty();
                    }
                    throw rethrow(failure);
                })
                .map(loaded -> loaded(key, storageKey, epoch, loaded, versioned));
    }

    /**
     * Returns the value {@code reading} holds, opened and decoded on the calling thread, when the
     * backend has already answered and the value opens without the envelope's asynchronous
     * stages; null otherwise, and on any failure, which the asynchronous path then reports as
     * it always does. A backend that reads on the caller's thread answers at once, and the
     * chain of {@code Async} stages would cost more than the decoding.
     */
    private Optional<T> decodedNow(String storageKey, Async<byte[]> reading) {
        if (!reading.isDone() || reading.isFailed()) {
            return null;
        }
        byte[] stored = reading.peek();
        if (stored == null) {
            return Optional.empty();
        }
        if (!format.opensNow(storageKey, stored)) {
            return null;
        }
        try {
            // In place: the payload is not copied out of its envelope.
            return Optional.of(serializer.deserialize(stored, Envelope.PAYLOAD_OFFSET,
                    stored.length - Envelope.FRAME_OVERHEAD_BYTES));
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * Caches what a load read, or returns newer in-memory state if a write came meanwhile;
     * {@code versioned} is the read with its version when a rebase needs it, else null.
     */
    private Optional<T> loaded(String key, String storageKey, long epoch, Optional<T> loaded,
            Async<Versioned> versioned) {
        if (versioned == null && cache.capacity() == 0 && writeEpoch == epoch) {
            return loaded; // nothing to remember, and no write came meanwhile
        }
        synchronized (this) {
            if (writeEpoch != epoch) {
                // Written while we read: the newer in-memory state wins.
                Optional<T> known = inMemory(key, storageKey);
                return known != null ? known : loaded;
            }
            loaded.ifPresent(v -> cache.put(key, v));
            if (versioned != null && versioned.isDone() && !versioned.isFailed()) {
                rebasing.read(storageKey, versioned.peek().version());
            }
            return loaded;
        }
    }

    @Override
    public Async<Optional<T>> reload(String key) {
        Keys.requireValid(key);
        synchronized (this) {
            cache.remove(key);
        }
        return load(key);
    }

    @Override
    public Async<List<String>> listKeys() {
        checkOpen();
        return backend.listKeys().map(stored -> {
            // A waiting write decides whether its key exists; stored keys keep their order.
            Map<String, Boolean> waiting = batcher.waitingKeys();
            Set<String> listed = new HashSet<>();
            List<String> keys = new ArrayList<>();
            for (String storageKey : stored) {
                String key = namespace.fromStorage(storageKey);
                if (key != null && waiting.getOrDefault(storageKey, true) && listed.add(storageKey)) {
                    keys.add(key);
                }
            }
            for (Map.Entry<String, Boolean> w : waiting.entrySet()) {
                if (w.getValue() && listed.add(w.getKey())) {
                    keys.add(namespace.fromStorage(w.getKey()));
                }
            }
            return keys;
        });
    }

    @Override
    public Async<Void> flush() {
        checkOpen();
        return batcher.flush();
    }

    @Override
    public Async<Void> close() {
        synchronized (this) {
            if (closed) {
                return Async.done();
            }
            closed = true;
        }
        if (following != null) {
            following.unsubscribe();
        }
        return batcher.close();
    }

    @Override
    public int failedFlushCount() {
        return batcher.failedFlushes();
    }

    @Override
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(batcher.lastError());
    }

    @Override
    public int pendingWrites() {
        return batcher.pendingCount();
    }

    @Override
    public PersistenceConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "PersistenceManager[" + backend.name() + ", prefix " + namespace + "]";
    }

    /**
     * Returns what memory knows about {@code key}: the value, empty for a known absence, or
     * null when the backend must be asked. Holds the lock.
     */
    private Optional<T> inMemory(String key, String storageKey) {
        WriteBatcher.Entry<Staged<T>> waiting = batcher.lookup(storageKey);
        if (waiting != null) {
            return waiting.isDelete() ? Optional.empty() : Optional.of(waiting.value.value);
        }
        T cached = cache.get(key);
        return cached != null ? Optional.of(cached) : null;
    }

    @Override
    public Async<List<BackupInfo>> listBackups(String key) {
        namespace.toStorage(key);
        checkOpen();
        if (backups == null) {
            return Async.of(List.of());
        }
        return backups.load().map(ignored -> {
            List<BackupInfo> infos = new ArrayList<>();
            for (long stamp : backups.newestFirst(key)) {
                infos.add(new BackupInfo(key, stamp));
            }
            return infos;
        });
    }

    @Override
    public Async<Void> restoreBackup(String key, long timestampMillis) {
        String storageKey = namespace.toStorage(key);
        checkOpen();
        String backupKey = namespace.toBackup(key, timestampMillis);
        return backend.load(backupKey)
                .flatMap(stored -> format.open(storageKey, stored))
                .map(serializer::deserialize)
                .flatMap(value -> save(key, value));
    }

    /** Returns the value {@code stored} holds, opened and decoded; empty when it is null (nothing stored). */
    private Async<Optional<T>> decode(String storageKey, byte[] stored) {
        if (stored == null) {
            return Async.of(Optional.empty());
        }
        return format.open(storageKey, stored).map(payload -> Optional.of(serializer.deserialize(payload)));
    }

    /** Tries {@code key}'s backups, newest first, after its value proved corrupt. */
    private Async<Optional<T>> fromBackups(String key, String storageKey, Throwable corruption) {
        return backups.load().flatMap(ignored -> tryBackup(key, storageKey, backups.newestFirst(key), 0, corruption));
    }

    private Async<Optional<T>> tryBackup(String key, String storageKey, List<Long> stamps, int index,
            Throwable corruption) {
        if (index == stamps.size()) {
            return Async.failed(corruption);
        }
        long stamp = stamps.get(index);
        return backend.load(namespace.toBackup(key, stamp))
                .flatMap(stored -> format.open(storageKey, stored))
                .map(payload -> {
                    Optional<T> value = Optional.of(serializer.deserialize(payload));
                    recoveryListener.accept(new RecoveryEvent(key, "backup " + stamp, corruption));
                    return value;
                })
                .recoverWith(failure -> {
                    corruption.addSuppressed(failure);
                    return tryBackup(key, storageKey, stamps, index + 1, corruption);
                });
    }

    private Async<Long> writeBatch(List<WriteBatcher.Entry<Staged<T>>> batch) {
        List<byte[]> now = backups == null ? sealedNow(batch) : null;
        Async<List<byte[]>> framing;
        if (now != null) {
            framing = Async.of(now);
        } else {
            List<Async<byte[]>> sealed = new ArrayList<>(batch.size());
            for (WriteBatcher.Entry<Staged<T>> e : batch) {
                sealed.add(e.isDelete() ? Async.of(null) : format.seal(e.key, e.value.payload));
            }
            framing = backups == null ? Async.all(sealed) : backups.load().flatMap(ignored -> Async.all(sealed));
        }
        return framing.flatMap(framed -> {
            WriteBatch.Builder wb = WriteBatch.builder();
            List<WriteBatch.Entry> puts = backups == null ? null : new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < batch.size(); i++) {
                byte[] value = framed.get(i);
                String storageKey = batch.get(i).key;
                if (value == null) {
                    wb.delete(storageKey);
                } else {
                    if (rebasing == null) {
                        wb.put(storageKey, value);
                    } else {
                        rebasing.put(wb, storageKey, value, batch.get(i).value.over);
                    }
                    bytes += value.length;
                    if (puts != null) {
                        puts.add(new WriteBatch.Entry(namespace.fromStorage(storageKey), value));
                    }
                }
            }
            Runnable undo = puts == null ? () -> { } : backups.addTo(wb, puts, clock.nowMillis());
            long total = bytes;
            WriteBatch built = wb.build();
            Async<Long> written = backend.write(built)
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            undo.run();
                        }
                    })
                    .map(ignored -> total);
            if (rebasing == null) {
                return written;
            }
            return rebasing.settle(this, batch, built, written);
        });
    }

    /**
     * Returns the batch's values sealed on the calling thread, in one pass without an
     * {@code Async} per value (null for a delete), or null if any needs the asynchronous stages
     * or fails, for {@link ValueFormat#seal} to report.
     */
    private List<byte[]> sealedNow(List<WriteBatcher.Entry<Staged<T>>> batch) {
        List<byte[]> framed = new ArrayList<>(batch.size());
        for (WriteBatcher.Entry<Staged<T>> e : batch) {
            byte[] value = e.isDelete() ? null : format.sealNow(e.key, e.value.payload);
            if (value == null && !e.isDelete()) {
                return null;
            }
            framed.add(value);
        }
        return framed;
    }

    /** Remembers the versions a batch gave its keys and tells the rebase what landed. */
    void landed(List<WriteBatcher.Entry<Staged<T>>> batch, WriteBatch built, Rebasing<T> rebasing) {
        // The batcher's keys come first in the built batch, in order; backups follow.
        for (int i = 0; i < batch.size(); i++) {
            rebasing.read(batch.get(i).key, built.entries().get(i).version());
        }
        for (WriteBatcher.Entry<Staged<T>> e : batch) {
            if (!e.isDelete()) {
                rebasing.rebase.written(namespace.fromStorage(e.key), e.value.value);
            }
        }
    }

    /**
     * Reads the newer value that refused {@code conflict}'s put, puts what the rebase makes of
     * it in the batch, and writes the batch again, conditionally on the newer version.
     */
    Async<Long> rebaseAndRetry(List<WriteBatcher.Entry<Staged<T>>> batch, ConflictException conflict,
            Rebasing<T> rebasing) {
        String storageKey = conflict.key();
        WriteBatcher.Entry<Staged<T>> refused = null;
        for (WriteBatcher.Entry<Staged<T>> e : batch) {
            if (e.key.equals(storageKey) && !e.isDelete()) {
                refused = e;
            }
        }
        if (refused == null) {
            return Async.failed(conflict);
        }
        Staged<T> staged = refused.value;
        String key = namespace.fromStorage(storageKey);
        return backend.loadVersioned(storageKey).flatMap(read -> decode(storageKey, read.value()).flatMap(remote -> {
            WriteBatcher.Entry<Staged<T>> waiting = batcher.waiting(storageKey);
            T resolved = rebasing.rebase.rebase(key, staged.value, remote);
            if (resolved == null) {
                return Async.failed(conflict);
            }
            byte[] payload = serializer.serialize(resolved);
            rebasing.read(storageKey, read.version());
            synchronized (this) {
                staged.value = resolved;
                staged.payload = payload;
                staged.over = FRESH;
                writeEpoch++;
                cache.remove(key);
                if (waiting != null && !waiting.isDelete() && batcher.waiting(storageKey) == waiting) {
                    // A write of the key still waits that was queued before this rebase, so it
                    // was computed without the newer value. Written over the version the
                    // retry lands on, it would undo the rebase; written over the refused one,
                    // it is refused and rebased in turn.
                    waiting.value.over = conflict.expectedVersion();
                }
            }
            return writeBatch(batch);
        }));
    }

    /** Caches values that just became durable, unless a newer write to the key waits. */
    private void remember(List<WriteBatcher.Entry<Staged<T>>> batch) {
        synchronized (this) {
            for (WriteBatcher.Entry<Staged<T>> e : batch) {
                String key = namespace.fromStorage(e.key);
                WriteBatcher.Entry<Staged<T>> newer = batcher.lookup(e.key);
                if (key == null || (newer != null && newer != e)) {
                    continue;
                }
                if (e.isDelete()) {
                    cache.remove(key);
                } else {
                    cache.put(key, e.value.value);
                }
            }
        }
    }

    /** Drops the cached state of writes that failed for good, so reads see the backend again. */
    private void forget(Collection<WriteBatcher.Entry<Staged<T>>> batch) {
        synchronized (this) {
            writeEpoch++;
            for (WriteBatcher.Entry<Staged<T>> e : batch) {
                String key = namespace.fromStorage(e.key);
                if (key != null) {
                    cache.remove(key);
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("persistence manager is closed");
        }
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException) {
            return (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        return new IllegalStateException(failure);
    }

    /** A remote change replaced {@code storageKey}: drop its cached value and tell the rebase. */
    void remoteChanged(String storageKey) {
        String key = namespace.fromStorage(storageKey);
        synchronized (this) {
            cache.remove(key);
        }
        if (rebasing != null) {
            rebasing.rebase.remoteChanged(key);
        }
    }

    /** Returns whether {@code storageKey} is in this manager's namespace. */
    boolean owns(String storageKey) {
        return namespace.fromStorage(storageKey) != null;
    }

    /** Resolves a sync conflict on {@code storageKey} with the rebase's {@link Rebase#resolveRemote}. */
    Async<byte[]> resolveRemote(String storageKey, byte[] local, byte[] remote) {
        if (rebasing == null || local == null) {
            return Async.of(local);
        }
        String key = namespace.fromStorage(storageKey);
        Async<T> mine = format.open(storageKey, local).map(serializer::deserialize);
        Async<Optional<T>> theirs = remote == null ? Async.of(Optional.empty())
                : format.open(storageKey, remote).map(p -> Optional.of(serializer.deserialize(p)));
        return mine.flatMap(l -> theirs.flatMap(r -> {
            T kept = rebasing.rebase.resolveRemote(key, l, r);
            if (kept == null) {
                return Async.of(remote);
            }
            return format.seal(storageKey, serializer.serialize(kept));
        })).recover(e -> local);
    }
}
