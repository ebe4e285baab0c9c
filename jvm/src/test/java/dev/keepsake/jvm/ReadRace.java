package dev.keepsake.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.backend.Versioned;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads racing writes of the same key on one JVM backend, for the backends that answer some
 * reads on the caller's thread: every read must see a whole value (never torn), never one
 * older than the last acknowledged write, and a read called after a write on the same thread
 * must see that write even before it is acknowledged.
 */
public final class ReadRace {

    private static final String KEY = "race";
    /** Large enough that a torn value (half old, half new) would show. */
    private static final int WORDS = 512;

    private ReadRace() {
    }

    /** A value whose every 8-byte word is {@code n}. */
    public static byte[] value(long n) {
        ByteBuffer b = ByteBuffer.allocate(WORDS * 8);
        for (int i = 0; i < WORDS; i++) {
            b.putLong(n);
        }
        return b.array();
    }

    /** Returns the number every word of {@code v} holds, failing if they differ (a torn value). */
    public static long numberIn(byte[] v) {
        assertEquals(WORDS * 8, v.length, "value length");
        ByteBuffer b = ByteBuffer.wrap(v);
        long first = b.getLong(0);
        for (int i = 1; i < WORDS; i++) {
            long word = b.getLong(i * 8);
            if (word != first) {
                throw new AssertionError("torn value: word 0 is " + first + ", word " + i + " is " + word);
            }
        }
        return first;
    }

    /**
     * Runs one writer thread (each write followed at once by a read on the same thread, then
     * waited for) and {@code readers} reader threads alternating {@code load},
     * {@code loadVersioned} and {@code exists}, for {@code writes} writes; fails with the first
     * problem any thread saw. Returns how many reads the reader threads made.
     */
    public static long run(StorageBackend backend, int writes, int readers) throws Exception {
        await(backend.save(KEY, value(0)));
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            try {
                start.await();
                for (long n = 1; n <= writes && problems.isEmpty(); n++) {
                    Async<Void> saved = backend.save(KEY, value(n));
                    long seen = numberIn(await(backend.load(KEY)));
                    if (seen != n) {
                        throw new AssertionError("read-your-writes: wrote " + n + ", the next read saw " + seen);
                    }
                    await(saved);
                    acknowledged.set(n);
                }
            } catch (Throwable t) {
                problems.add(t);
            } finally {
                done.set(true);
            }
        }, "race-writer"));
        for (int r = 0; r < readers; r++) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; !done.get(); i++) {
                        long floor = acknowledged.get();
                        long seen;
                        if (i % 3 == 0) {
                            seen = numberIn(await(backend.load(KEY)));
                        } else if (i % 3 == 1) {
                            Versioned read = await(backend.loadVersioned(KEY));
                            seen = numberIn(read.value());
                        } else {
                            if (!await(backend.exists(KEY))) {
                                throw new AssertionError("the key vanished");
                            }
                            seen = floor;
                        }
                        if (seen < floor) {
                            throw new AssertionError("read " + seen + " after " + floor + " was acknowledged");
                        }
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    problems.add(t);
                }
            }, "race-reader-" + r));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(2));
            assertTrue(!t.isAlive(), t.getName() + " did not finish");
        }
        if (!problems.isEmpty()) {
            AssertionError failure = new AssertionError("a racing read went wrong", problems.peek());
            problems.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        assertEquals(writes, acknowledged.get(), "every write acknowledged");
        return reads.get();
    }

    /**
     * Reads {@code key} (holding {@code expected}) on {@code readers} threads while {@code close}
     * runs: every read must return the value or be refused with {@link IllegalStateException},
     * and every read after {@code close} returned is refused.
     */
    public static void closeWhileReading(StorageBackend backend, String key, byte[] expected, int readers,
            Runnable close) throws Exception {
        ConcurrentLinkedQueue<Throwable> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        CountDownLatch reading = new CountDownLatch(readers);
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            threads.add(new Thread(() -> {
                boolean counted = false;
                try {
                    while (true) {
                        boolean closedBefore = closed.get();
                        byte[] got;
                        try {
                            got = await(backend.load(key));
                        } catch (IllegalStateException refused) {
                            return;
                        }
                        if (closedBefore) {
                            throw new AssertionError("a read after close() returned was answered");
                        }
                        if (!java.util.Arrays.equals(expected, got)) {
                            throw new AssertionError("a read racing close() returned other bytes");
                        }
                        reads.incrementAndGet();
                        if (!counted) {
                            counted = true;
                            reading.countDown();
                        }
                    }
                } catch (Throwable t) {
                    problems.add(t);
                } finally {
                    if (!counted) {
                        reading.countDown();
                    }
                }
            }, "close-reader-" + r));
        }
        threads.forEach(Thread::start);
        assertTrue(reading.await(1, TimeUnit.MINUTES), "readers started");
        close.run();
        closed.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(1));
            assertTrue(!t.isAlive(), t.getName() + " did not stop after close");
        }
        if (!problems.isEmpty()) {
            AssertionError failure = new AssertionError("a read racing close went wrong", problems.peek());
            problems.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        assertTrue(reads.get() > 0, "reads before close");
    }

    private static <T> T await(Async<T> async) throws InterruptedException {
        try {
            return JvmAsync.toFuture(async).get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within a minute", e);
        }
    }
}
