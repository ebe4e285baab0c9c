package dev.keepsake.testing;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.StorageInfo;
import dev.keepsake.core.backend.Versioned;
import dev.keepsake.core.backend.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * A backend for tests that wraps another and injects faults: it can fail the next writes with a
 * chosen exception, hold writes until the test releases them, flip a bit in the values loads
 * return, and it records every batch it was given. Other reads pass straight through.
 */
public final class FaultyBackend implements StorageBackend {

    private final StorageBackend inner;
    private final Deque<Supplier<? extends RuntimeException>> failures = new ArrayDeque<>();
    private final List<WriteBatch> batches = new ArrayList<>();
    private final Deque<Runnable> held = new ArrayDeque<>();
    private boolean holding;
    private final Deque<Runnable> heldLoads = new ArrayDeque<>();
    private boolean holdingLoads;
    private int corruptedLoads;

    public FaultyBackend(StorageBackend inner) {
        this.inner = inner;
    }

    /** Makes the next {@code times} writes fail with what {@code failure} supplies. */
    public synchronized FaultyBackend failNextWrites(int times, Supplier<? extends RuntimeException> failure) {
        for (int i = 0; i < times; i++) {
            failures.add(failure);
        }
        return this;
    }

    /** Holds every write from now on until {@link #release()} is called. */
    public synchronized void hold() {
        holding = true;
    }

    /** Lets held writes through, in order, and stops holding. */
    public void release() {
        List<Runnable> toRun;
        synchronized (this) {
            holding = false;
            toRun = new ArrayList<>(held);
            held.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /**
     * Makes the next {@code times} successful loads return the stored value with one bit
     * flipped, as a bad disk or a torn transfer would; an empty value comes back as one byte.
     */
    public synchronized FaultyBackend corruptNextLoads(int times) {
        corruptedLoads += times;
        return this;
    }

    /** Holds every load from now on until {@link #releaseLoads()} is called. */
    public synchronized void holdLoads() {
        holdingLoads = true;
    }

    /** Lets held loads through, in order, and stops holding them. */
    public void releaseLoads() {
        List<Runnable> toRun;
        synchronized (this) {
            holdingLoads = false;
            toRun = new ArrayList<>(heldLoads);
            heldLoads.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** Returns the number of writes waiting for {@link #release()}. */
    public synchronized int heldWrites() {
        return held.size();
    }

    /** Returns every batch given to {@link #write} or {@link #save}, in order, failed ones included. */
    public synchronized List<WriteBatch> batches() {
        return new ArrayList<>(batches);
    }

    @Override
    public String name() {
        return "faulty(" + inner.name() + ")";
    }

    @Override
    public Async<Void> save(String key, byte[] value) {
        return write(WriteBatch.builder().put(key, value).build());
    }

    @Override
    public Async<byte[]> load(String key) {
        synchronized (this) {
            if (holdingLoads) {
                Async.Completer<byte[]> later = Async.completer();
                heldLoads.add(() -> later.follow(corrupting(inner.load(key))));
                return later.async();
            }
        }
        return corrupting(inner.load(key));
    }

    private Async<byte[]> corrupting(Async<byte[]> load) {
        return load.map(this::corrupt);
    }

    private Async<Versioned> corruptingVersioned(Async<Versioned> load) {
        return load.map(read -> read.value() == null ? read : new Versioned(corrupt(read.value()), read.version()));
    }

    /** Returns {@code value} with one bit flipped while loads are to be corrupted, else as it is. */
    private byte[] corrupt(byte[] value) {
        synchronized (this) {
            if (corruptedLoads == 0) {
                return value;
            }
            corruptedLoads--;
        }
        if (value.length == 0) {
            return new byte[] {0};
        }
        byte[] flipped = value.clone();
        flipped[flipped.length / 2] ^= 0x10;
        return flipped;
    }

    @Override
    public Async<Versioned> loadVersioned(String key) {
        synchronized (this) {
            if (holdingLoads) {
                Async.Completer<Versioned> later = Async.completer();
                heldLoads.add(() -> later.follow(corruptingVersioned(inner.loadVersioned(key))));
                return later.async();
            }
        }
        return corruptingVersioned(inner.loadVersioned(key));
    }

    @Override
    public Async<Void> delete(String key) {
        return write(WriteBatch.builder().delete(key).build());
    }

    @Override
    public Async<Boolean> exists(String key) {
        return inner.exists(key);
    }

    @Override
    public Async<List<String>> listKeys() {
        return inner.listKeys();
    }

    @Override
    public Async<StorageInfo> info() {
        return inner.info();
    }

    @Override
    public Async<Void> clear() {
        return inner.clear();
    }

    @Override
    public Async<Void> write(WriteBatch batch) {
        Supplier<? extends RuntimeException> failure;
        Async.Completer<Void> later = null;
        synchronized (this) {
            batches.add(batch);
            failure = failures.poll();
            if (holding) {
                later = Async.completer();
                Async.Completer<Void> done = later;
                Supplier<? extends RuntimeException> f = failure;
                held.add(() -> done.follow(apply(batch, f)));
            }
        }
        return later != null ? later.async() : apply(batch, failure);
    }

    private Async<Void> apply(WriteBatch batch, Supplier<? extends RuntimeException> failure) {
        if (failure != null) {
            return Async.failed(failure.get());
        }
        return inner.write(batch);
    }
}
