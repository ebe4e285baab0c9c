package dev.keepsake.core.manager;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.time.Clock;
import dev.keepsake.core.time.Scheduler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Collects writes and hands them to a {@link Sink} in batches: the timing and error handling
 * half of the manager, with no knowledge of values, framing or backends.
 *
 * <p>Rules:
 * <ul>
 *   <li>Writes to one key coalesce: the last one wins, deletes included, and every caller that
 *       wrote the key is answered when the winning write lands.</li>
 *   <li>A batch is written {@code debounce} after the last write, but no later than
 *       {@code interval} after the oldest waiting write, and at once when {@code maxBatch} keys
 *       wait (or for every write when batching is off). These delays are measured on the
 *       scheduler's monotonic time, so setting the wall clock back or forward never moves
 *       them; the clock only stamps {@link FlushReport#startedAtMillis()}.</li>
 *   <li>One batch is written at a time, so writes to a key reach the sink in order; each
 *       batch is one call to the sink with at most {@code maxBatch} entries.</li>
 *   <li>A failed batch is handled by the {@link ErrorStrategy}; see there. Under
 *       {@link ErrorStrategy#logAndContinue()}, a batch of several writes that failed for any
 *       reason but {@link BackendUnavailableException} is written again at once in halves,
 *       and those halves in halves, down to single writes: one write the backend refuses
 *       (a value over the quota, a key it cannot index) fails alone, named by its key, and is
 *       kept for the next flush, while every other write lands.</li>
 *   <li>{@link #close()} settles every write: when its flush fails, the writes still waiting
 *       fail with that error.</li>
 * </ul>
 *
 * <p>Thread-safe: state is guarded by this object's monitor; callers' callbacks, the sink and
 * the listeners run outside it.
 *
 * @param <V> what is written per key; null stands for a delete
 */
final class WriteBatcher<V> {

    /** Writes one batch; the result is the number of bytes written. */
    interface Sink<V> {
        Async<Long> write(List<Entry<V>> batch);
    }

    /** Hears about each attempt, each batch written and each batch given up on. */
    interface Listener<V> {
        void flushed(FlushReport report);

        /** The writes in {@code batch} are durable; called before their callers are told. */
        void written(List<Entry<V>> batch);

        /** The writes in {@code batch} failed for good and did not take effect. */
        void dropped(Collection<Entry<V>> batch, Throwable failure);
    }

    /** One waiting write. */
    static final class Entry<V> {
        final String key;
        final V value;
        final long seq;
        final Async.Completer<Void> done;

        Entry(String key, V value, long seq, Async.Completer<Void> done) {
            this.key = key;
            this.value = value;
            this.seq = seq;
            this.done = done;
        }

        boolean isDelete() {
            return value == null;
        }
    }

    private static final class Waiter {
        final long upToSeq;
        final Async.Completer<Void> done;

        Waiter(long upToSeq, Async.Completer<Void> done) {
            this.upToSeq = upToSeq;
            this.done = done;
        }
    }

    private final Scheduler scheduler;
    private final Clock clock;
    private final boolean batching;
    private final long debounce;
    private final long interval;
    private final int maxBatch;
    private final ErrorStrategy strategy;
    private final boolean keep;
    private final DoubleSupplier jitter;
    private final Sink<V> sink;
    private final Listener<V> listener;

    // Waiting writes by key, and their keys in the order of each key's first waiting write (a
    // coalesced write keeps its key's place), from pendingOrder.get(orderStart) on: taking a
    // batch moves orderStart, and the list is compacted once it is half taken. Not a
    // LinkedHashMap or an ArrayDeque: those classes cost the browser build 0.65 and 0.3 KB
    // brotli, and nothing else there needs them.
    private Map<String, Entry<V>> pending = new HashMap<>();
    private List<String> pendingOrder = new ArrayList<>();
    private int orderStart;
    private Map<String, Entry<V>> inFlight = new HashMap<>();
    // Whether pending and inFlight are both empty: written under the lock whenever they change,
    // read without it by a load that has nothing to look up when no write waits.
    private volatile boolean idle = true;
    // The halves of failed batches still to write in this round, the next one last.
    private final List<List<Entry<V>>> parts = new ArrayList<>();
    // The failure that left writes of this round unwritten, or null.
    private Throwable roundFailure;
    private final List<Waiter> waiters = new ArrayList<>();
    private boolean writing;
    private long nextSeq = 1;
    private long oldestPendingAt;
    private long lastWriteAt;
    private long notBefore;
    private Scheduler.Scheduled timer;
    private long timerDue;
    private int failedFlushes;
    private Throwable lastError;
    private boolean closed;

    WriteBatcher(Scheduler scheduler, Clock clock, PersistenceConfig config, DoubleSupplier jitter, Sink<V> sink,
            Listener<V> listener) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.batching = config.batchWrites();
        this.debounce = config.saveDebounceMillis();
        this.interval = config.flushIntervalMillis();
        this.maxBatch = config.maxBatchSize();
        this.strategy = config.errorStrategy();
        this.keep = strategy instanceof ErrorStrategy.LogAndContinue;
        this.jitter = jitter;
        this.sink = sink;
        this.listener = listener;
    }

    /**
     * Queues a write of {@code value} (null: delete) under {@code key}; the result completes
     * when this or a later write to the key is durable.
     *
     * @throws IllegalStateException if the batcher is closed
     */
    Async<Void> enqueue(String key, V value) {
        Entry<V> entry;
        boolean writeNow;
        synchronized (this) {
            long now = open();
            entry = put(key, value, now);
            writeNow = dueNow(now);
        }
        if (writeNow) {
            startBatch(false);
        }
        return entry.done.async();
    }

    /**
     * Returns whether no write waits, pending or being written, without taking the lock: true
     * only after the last write answered (or was dropped); a write queued before this call on
     * the same thread, or one ordered before it, makes it false.
     */
    boolean isIdle() {
        return idle;
    }

    /**
     * Queues a write of {@code values.get(i)} under {@code keys.get(i)} for every i, in order,
     * under one lock and with one timer (as many {@link #enqueue}s would, without their cost per
     * write); the result completes when every one of them (or a later write to its key) is
     * durable, and fails with the first failure.
     *
     * @throws IllegalStateException if the batcher is closed
     */
    Async<Void> enqueueAll(List<String> keys, List<V> values) {
        int n = keys.size();
        List<Async<Void>> done = new ArrayList<>(n);
        boolean writeNow;
        synchronized (this) {
            long now = open();
            for (int i = 0; i < n; i++) {
                done.add(put(keys.get(i), values.get(i), now).done.async());
            }
            writeNow = dueNow(now);
        }
        if (writeNow) {
            startBatch(false);
        }
        return Async.all(done).discard();
    }

    /** Returns the monotonic time, refusing writes once closed. Holds the lock. */
    private long open() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        return scheduler.monotonicMillis();
    }

    /** Queues one write and returns its entry. Holds the lock. */
    private Entry<V> put(String key, V value, long now) {
        Entry<V> previous = pending.get(key);
        // A coalesced write keeps the oldest sequence number of its key, so that a flush()
        // issued in between still waits for the key.
        long seq;
        Async.Completer<Void> done;
        if (previous != null) {
            seq = previous.seq;
            done = previous.done;
        } else {
            seq = nextSeq++;
            done = Async.completer();
        }
        Entry<V> entry = new Entry<>(key, value, seq, done);
        if (pending.isEmpty()) {
            oldestPendingAt = now;
        }
        if (previous == null) {
            pendingOrder.add(key);
        }
        pending.put(key, entry);
        idle = false;
        lastWriteAt = now;
        return entry;
    }

    /** Returns whether the waiting writes must be written at once, else arms the timer. Holds the lock. */
    private boolean dueNow(long now) {
        boolean writeNow = !batching || pending.size() >= maxBatch;
        if (!writeNow) {
            armTimer(now);
        }
        return writeNow;
    }

    /**
     * Returns the newest write waiting for {@code key}, pending or being written, or null.
     * A non-null entry with a null value is a pending delete.
     */
    synchronized Entry<V> lookup(String key) {
        Entry<V> entry = pending.get(key);
        return entry != null ? entry : inFlight.get(key);
    }

    /** Returns the write waiting for {@code key} that is not being written yet, or null. */
    synchronized Entry<V> waiting(String key) {
        return pending.get(key);
    }

    /** Returns the keys with writes waiting, pending or being written, newest state per key. */
    synchronized Map<String, Boolean> waitingKeys() {
        Map<String, Boolean> keys = new HashMap<>();
        for (Entry<V> e : inFlight.values()) {
            keys.put(e.key, !e.isDelete());
        }
        for (Entry<V> e : pending.values()) {
            keys.put(e.key, !e.isDelete());
        }
        return keys;
    }

    /**
     * Writes everything queued so far without waiting for timers; the result completes when
     * all of it is durable, or fails with the first batch failure.
     */
    Async<Void> flush() {
        Async.Completer<Void> done = Async.completer();
        synchronized (this) {
            if (pending.isEmpty() && inFlight.isEmpty()) {
                done.complete(null);
                return done.async();
            }
            waiters.add(new Waiter(nextSeq - 1, done));
        }
        startBatch(true);
        return done.async();
    }

    /**
     * Refuses further writes, then flushes what is queued; if that fails, the writes still
     * waiting fail with the same error, so that every caller is answered.
     */
    Async<Void> close() {
        synchronized (this) {
            closed = true;
        }
        return flush().whenComplete((ignored, failure) -> {
            synchronized (this) {
                if (timer != null) {
                    timer.cancel();
                    timer = null;
                }
            }
        });
    }

    synchronized int failedFlushes() {
        return failedFlushes;
    }

    synchronized Throwable lastError() {
        return lastError;
    }

    synchronized int pendingCount() {
        return pending.size() + inFlight.size();
    }

    // ---- timing ----------------------------------------------------------------------------

    /** Makes sure a timer fires no later than the next automatic batch is due. Holds the lock. */
    private void armTimer(long now) {
        if (pending.isEmpty()) {
            return;
        }
        long due = dueAt();
        if (timer != null && timerDue <= due) {
            return; // it will fire first and re-arm for the rest
        }
        if (timer != null) {
            timer.cancel();
        }
        timerDue = due;
        timer = scheduler.schedule(Math.max(0, due - now), this::onTimer);
    }

    /** Returns when the waiting writes are due on the monotonic time. Holds the lock. */
    private long dueAt() {
        return Math.max(notBefore, Math.min(lastWriteAt + debounce, oldestPendingAt + interval));
    }

    private void onTimer() {
        boolean due;
        synchronized (this) {
            timer = null;
            long now = scheduler.monotonicMillis();
            due = !pending.isEmpty() && now >= dueAt();
            if (!due) {
                armTimer(now);
            }
        }
        if (due) {
            startBatch(false);
        }
    }

    // ---- writing ---------------------------------------------------------------------------

    private void startBatch(boolean explicit) {
        List<Entry<V>> batch;
        synchronized (this) {
            if (writing || pending.isEmpty()) {
                return;
            }
            int size = Math.min(pending.size(), maxBatch);
            batch = new ArrayList<>(size);
            while (batch.size() < size) {
                // Through a String local: javac then checks the cast, and TeaVM knows remove()
                // gets a String (else it keeps every class's equals and hashCode: +1.3 KB).
                String key = pendingOrder.get(orderStart++);
                batch.add(pending.remove(key));
            }
            if (orderStart * 2 >= pendingOrder.size()) {
                pendingOrder = waitingOrder(new ArrayList<>());
            }
            Map<String, Entry<V>> flying = new HashMap<>();
            for (Entry<V> e : batch) {
                flying.put(e.key, e);
            }
            inFlight = flying;
            writing = true;
            if (pending.isEmpty() && timer != null) {
                timer.cancel();
                timer = null;
            }
        }
        attempt(batch, 1);
    }

    private void attempt(List<Entry<V>> batch, int attempt) {
        long started = clock.nowMillis();
        long ticks = scheduler.monotonicMillis();
        Async<Long> written;
        try {
            written = sink.write(batch);
        } catch (Throwable t) {
            written = Async.failed(t);
        }
        written.whenComplete((bytes, failure) -> {
            long duration = scheduler.monotonicMillis() - ticks;
            if (failure == null) {
                succeeded(batch, new FlushReport(batch.size(), bytes == null ? 0 : bytes, started, duration, attempt,
                        null));
            } else {
                failed(batch, attempt, new FlushReport(batch.size(), 0, started, duration, attempt, failure));
            }
        });
    }

    private void succeeded(List<Entry<V>> batch, FlushReport report) {
        notifyListener(report);
        try {
            listener.written(batch);
        } catch (RuntimeException ignored) {
            // The writes are durable whatever the listener does; its callers must hear so.
        }
        for (Entry<V> e : batch) {
            e.done.complete(null);
        }
        next();
    }

    private void failed(List<Entry<V>> batch, int attempt, FlushReport report) {
        Throwable failure = report.failure();
        notifyListener(report);
        if (strategy instanceof ErrorStrategy.RetryOnce && attempt == 1) {
            attempt(batch, 2);
            return;
        }
        if (strategy instanceof ErrorStrategy.RetryWithBackoff backoff && attempt < backoff.maxAttempts()) {
            long base = backoff.baseDelayBefore(attempt + 1);
            long delay = base - (long) (base * 0.5 * jitter.getAsDouble());
            scheduler.schedule(Math.max(0, delay), () -> attempt(batch, attempt + 1));
            return;
        }
        int size = batch.size();
        if (keep && size > 1 && !(failure instanceof BackendUnavailableException)) {
            // Perhaps one write the backend will never take: write each half on its own.
            // (Copied, not subList: that would add a list class to the browser build.)
            List<Entry<V>> first = new ArrayList<>();
            List<Entry<V>> second = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                (i < size / 2 ? first : second).add(batch.get(i));
            }
            synchronized (this) {
                parts.add(second);
                parts.add(first);
            }
            next();
            return;
        }
        List<Entry<V>> superseded = new ArrayList<>();
        synchronized (this) {
            failedFlushes++;
            lastError = failure;
            roundFailure = failure;
            if (keep) {
                requeue(batch, superseded);
            }
        }
        if (keep) {
            for (Entry<V> old : superseded) {
                Entry<V> newer = lookup(old.key);
                old.done.follow(newer != null ? newer.done.async() : Async.done());
            }
        } else {
            give(batch, failure);
        }
        next();
    }

    /** Tells the listener and the callers that the writes in {@code batch} failed for good. */
    private void give(Collection<Entry<V>> batch, Throwable failure) {
        try {
            listener.dropped(batch, failure);
        } catch (RuntimeException listenerFailure) {
            failure.addSuppressed(listenerFailure);
        }
        for (Entry<V> e : batch) {
            e.done.fail(failure);
        }
    }

    /**
     * Writes the next part of a split batch, or ends the round: answers the flushes it
     * satisfied (or fails them all if a write failed) and starts the next batch if one is due.
     */
    private void next() {
        List<Entry<V>> part = null;
        List<Waiter> answered = null;
        Map<String, Entry<V>> unwritten = null;
        Throwable failure;
        boolean more = false;
        synchronized (this) {
            failure = roundFailure;
            if (!parts.isEmpty()) {
                part = parts.remove(parts.size() - 1);
            } else {
                roundFailure = null;
                writing = false;
                inFlight = new HashMap<>();
                if (closed && failure != null) {
                    // close() is answered with this failure: so is every write still waiting.
                    // (No write comes after these, and pendingOrder is never read again.)
                    unwritten = pending;
                    pending = new HashMap<>();
                }
                idle = pending.isEmpty();
                long now = scheduler.monotonicMillis();
                notBefore = failure != null && keep ? now + interval : 0;
                answered = takeAnsweredWaiters(failure != null);
                more = !pending.isEmpty() && notBefore == 0
                        && (pending.size() >= maxBatch || !batching || !waiters.isEmpty() || now >= dueAt());
                if (!more) {
                    armTimer(now);
                }
            }
        }
        if (part != null) {
            attempt(part, 1);
            return;
        }
        if (unwritten != null) {
            give(unwritten.values(), failure);
        }
        for (Waiter w : answered) {
            if (failure == null) {
                w.done.complete(null);
            } else {
                w.done.fail(failure);
            }
        }
        if (more) {
            startBatch(false);
        }
    }

    /**
     * Puts a failed batch back in front of the queue, except keys written again since, whose
     * newer write wins; those old entries are returned in {@code superseded}. Holds the lock.
     */
    private void requeue(List<Entry<V>> batch, List<Entry<V>> superseded) {
        List<String> front = new ArrayList<>();
        for (Entry<V> e : batch) {
            if (pending.containsKey(e.key)) {
                superseded.add(e);
            } else {
                pending.put(e.key, e);
                front.add(e.key);
            }
        }
        pendingOrder = waitingOrder(front);
        long now = scheduler.monotonicMillis();
        oldestPendingAt = now;
        lastWriteAt = Math.max(lastWriteAt, now - debounce);
    }

    /**
     * Appends the keys still waiting in {@code pendingOrder} to {@code keys}, which becomes the
     * new order from index 0. Holds the lock.
     */
    private List<String> waitingOrder(List<String> keys) {
        for (int i = orderStart; i < pendingOrder.size(); i++) {
            keys.add(pendingOrder.get(i));
        }
        orderStart = 0;
        return keys;
    }

    /**
     * Removes and returns the waiters to answer: all of them when {@code all} (a write failed),
     * else those whose writes have all landed. Holds the lock.
     */
    private List<Waiter> takeAnsweredWaiters(boolean all) {
        List<Waiter> answered = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        for (Entry<V> e : pending.values()) {
            oldest = Math.min(oldest, e.seq);
        }
        for (Entry<V> e : inFlight.values()) {
            oldest = Math.min(oldest, e.seq);
        }
        Iterator<Waiter> it = waiters.iterator();
        while (it.hasNext()) {
            Waiter w = it.next();
            if (all || w.upToSeq < oldest) {
                answered.add(w);
                it.remove();
            }
        }
        return answered;
    }

    private void notifyListener(FlushReport report) {
        try {
            listener.flushed(report);
        } catch (RuntimeException ignored) {
            // A listener's bug must not stall the batcher; the report is informational.
        }
    }

    /** A listener that passes flush reports to {@code onFlush} and ignores the rest; for tests. */
    static <V> Listener<V> silent(Consumer<FlushReport> onFlush) {
        return new Listener<>() {
            @Override
            public void flushed(FlushReport report) {
                onFlush.accept(report);
            }

            @Override
            public void written(List<Entry<V>> batch) {
            }

            @Override
            public void dropped(Collection<Entry<V>> batch, Throwable failure) {
            }
        };
    }
}
