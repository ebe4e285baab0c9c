package dev.keepsake.jvm;

import dev.keepsake.core.async.Async;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Flushes stores, machines or managers when the JVM shuts down normally (end of {@code main},
 * {@code System.exit}, SIGTERM, Ctrl-C), so that debounced writes are not lost on exit.
 *
 * <pre>{@code
 * PersistentStore<Settings> settings = ...;
 * ShutdownFlush hook = ShutdownFlush.register(settings::flush, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>The hook waits at most the given timeout for the flush to become durable, then lets the
 * JVM exit; a flush failure is printed to standard error. Nothing can run on SIGKILL or power
 * loss: only writes already acknowledged are guaranteed then.
 */
public final class ShutdownFlush implements AutoCloseable {

    private final Thread hook;

    private ShutdownFlush(Thread hook) {
        this.hook = hook;
    }

    /**
     * Registers {@code flush} (for example {@code store::flush}) to run at shutdown.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static ShutdownFlush register(Supplier<Async<Void>> flush, Duration timeout) {
        Objects.requireNonNull(flush, "flush");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        Thread hook = new Thread(() -> run(flush, timeout), "keepsake-shutdown-flush");
        Runtime.getRuntime().addShutdownHook(hook);
        return new ShutdownFlush(hook);
    }

    /** Runs {@code flush} and waits up to {@code timeout}; returns whether it completed in time. */
    static boolean run(Supplier<Async<Void>> flush, Duration timeout) {
        CountDownLatch done = new CountDownLatch(1);
        try {
            flush.get().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    System.err.println("keepsake: flush at shutdown failed: " + failure);
                }
                done.countDown();
            });
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            System.err.println("keepsake: flush at shutdown failed: " + e);
            return false;
        }
    }

    /** Removes the hook (for example after closing the store yourself); idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrRemoved) {
            // Nothing to undo.
        }
    }
}
