package dev.keepsake.jvm.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writes a backend has been asked for and not yet finished, by key: a backend may answer a
 * read on the caller's thread, beside its worker, only while no write to that key (and no
 * write to every key, such as {@code clear}) is waiting or running; otherwise the read must
 * queue behind the write to see it.
 *
 * <p>Protocol: a write calls {@link #begin} on the calling thread before it is queued, and
 * {@link #end} with the same keys once its effect is stored (or it failed or was refused), in
 * every case. A read that finds its key {@link #isIdle idle} cannot miss a write called before it
 * on its own thread, nor one whose completion it has seen: both began before the check, and one
 * that ended has been stored. Thread-safe; counts nest, so two writes of one key keep it busy
 * until both end.
 */
public final class PendingWrites {

    private final ConcurrentHashMap<String, AtomicInteger> byKey = new ConcurrentHashMap<>();
    private final AtomicInteger everyKey = new AtomicInteger();
    /**
     * Writes begun and not ended, of one key or of every key: counted up before a write is
     * registered and down after it is removed, so that 0 means none, and a read of any key can
     * skip the map (the common case of a read with nothing being written).
     */
    private final AtomicInteger writes = new AtomicInteger();

    /** Marks a write of {@code key} as waiting. */
    public void begin(String key) {
        writes.incrementAndGet();
        byKey.compute(key, (k, count) -> {
            if (count == null) {
                return new AtomicInteger(1);
            }
            count.incrementAndGet();
            return count;
        });
    }

    /** Marks a write of {@code key} begun earlier as finished. */
    public void end(String key) {
        boolean[] ended = {false};
        byKey.computeIfPresent(key, (k, count) -> {
            ended[0] = true;
            return count.decrementAndGet() == 0 ? null : count;
        });
        if (ended[0]) {
            writes.decrementAndGet();
        }
    }

    /** Marks a write of every key (a clear) as waiting. */
    public void beginEveryKey() {
        writes.incrementAndGet();
        everyKey.incrementAndGet();
    }

    /** Marks a write of every key begun earlier as finished. */
    public void endEveryKey() {
        everyKey.decrementAndGet();
        writes.decrementAndGet();
    }

    /** Returns whether no write of {@code key}, nor of every key, is waiting or running. */
    public boolean isIdle(String key) {
        return writes.get() == 0 || everyKey.get() == 0 && !byKey.containsKey(key);
    }
}
