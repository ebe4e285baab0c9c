package dev.keepsake.jvm;

import dev.keepsake.core.time.Clock;
import dev.keepsake.core.time.Scheduler;
import dev.keepsake.jvm.internal.JdkCrc32c;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Core's {@link Scheduler} on the JVM: one daemon thread runs every task in turn, so that a
 * manager's timers never race each other. A task that throws is reported to the thread's
 * uncaught-exception handler and does not stop later tasks. Delays and
 * {@link #monotonicMillis()} follow {@link System#nanoTime()}, so setting the system clock
 * moves neither; {@link #nowMillis()} is the wall clock, for timestamps.
 *
 * <p>Close it when the managers that use it are closed; closing cancels pending tasks.
 */
public final class ThreadScheduler implements Scheduler, Clock, AutoCloseable {

    static {
        JdkCrc32c.install();
    }

    private final ScheduledThreadPoolExecutor executor;

    private ThreadScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // The thread now, so that the first timer a manager arms does not wait for it to start.
        executor.prestartCoreThread();
    }

    /** Returns a scheduler with its own daemon thread named {@code "keepsake-scheduler"}. */
    public static ThreadScheduler create() {
        return new ThreadScheduler("keepsake-scheduler");
    }

    @Override
    public Scheduled schedule(long delayMillis, Runnable task) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
        }
        Objects.requireNonNull(task, "task");
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                Thread current = Thread.currentThread();
                current.getUncaughtExceptionHandler().uncaughtException(current, e);
            }
        };
        ScheduledFuture<?> future = executor.schedule(guarded, delayMillis, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }

    /** Cancels pending tasks and stops the thread once the running task, if any, returns. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
