package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The backups of one manager's keys: which exist, when the next is due, and the extra puts and
 * deletes a batch needs to take one and keep only the newest {@code keep}.
 *
 * <p>A backup is a copy of the sealed bytes of a written value, stored under
 * {@link KeyNamespace#toBackup} (a namespace {@code listKeys} never shows). The index of
 * existing backups is read once, from the backend's key list, before first use. Thread-safe:
 * every method, and the callbacks and undo actions it returns, hold this object's lock.
 */
final class Backups {

    private final StorageBackend backend;
    private final KeyNamespace namespace;
    private final int keep;
    private final long interval;
    /** Stamps of each key's backups, oldest first. */
    private final Map<String, List<Long>> stamps = new HashMap<>();
    private Async<Void> loaded;

    Backups(StorageBackend backend, KeyNamespace namespace, int keep, long interval) {
        this.backend = backend;
        this.namespace = namespace;
        this.keep = keep;
        this.interval = interval;
    }

    /** Reads the index of existing backups once; later calls return the same result. */
    synchronized Async<Void> load() {
        if (loaded == null || loaded.isFailed()) {
            loaded = backend.listKeys().map(keys -> {
                synchronized (this) {
                    for (String storageKey : keys) {
                        KeyNamespace.Backup b = namespace.fromBackup(storageKey);
                        if (b != null) {
                            insert(stamps.computeIfAbsent(b.key(), k -> new ArrayList<>()), b.stampMillis());
                        }
                    }
                }
                return null;
            });
        }
        return loaded;
    }

    /**
     * Adds to {@code batch} a backup of each value in {@code puts} (key and sealed bytes) that is
     * due at {@code now}, and deletes of backups beyond the kept number; records them in the
     * index and returns what undoes that if the batch fails.
     */
    synchronized Runnable addTo(WriteBatch.Builder batch, List<WriteBatch.Entry> puts, long now) {
        List<Runnable> undo = new ArrayList<>();
        for (WriteBatch.Entry put : puts) {
            String key = put.key();
            List<Long> list = stamps.computeIfAbsent(key, k -> new ArrayList<>());
            long newest = list.isEmpty() ? Long.MIN_VALUE : list.get(list.size() - 1);
            if (!list.isEmpty() && now - newest < interval) {
                continue;
            }
            long stamp = Math.max(now, newest + 1);
            batch.put(namespace.toBackup(key, stamp), put.value());
            List<Long> before = new ArrayList<>(list);
            list.add(stamp);
            while (list.size() > keep) {
                batch.delete(namespace.toBackup(key, list.remove(0)));
            }
            undo.add(() -> {
                list.clear();
                list.addAll(before);
            });
        }
        return () -> {
            synchronized (this) {
                undo.forEach(Runnable::run);
            }
        };
    }

    /** Returns the stamps of {@code key}'s backups, newest first. */
    synchronized List<Long> newestFirst(String key) {
        List<Long> list = stamps.get(key);
        List<Long> result = new ArrayList<>();
        if (list != null) {
            for (int i = list.size() - 1; i >= 0; i--) {
                result.add(list.get(i));
            }
        }
        return result;
    }

    private static void insert(List<Long> sorted, long stamp) {
        int at = sorted.size();
        while (at > 0 && sorted.get(at - 1) > stamp) {
            at--;
        }
        if (at > 0 && sorted.get(at - 1) == stamp) {
            return;
        }
        sorted.add(at, stamp);
    }
}
