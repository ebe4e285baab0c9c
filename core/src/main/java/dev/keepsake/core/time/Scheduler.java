package dev.keepsake.core.time;

/**
 * Runs a task later: the timers behind debounced saves and periodic flushes. Implemented by
 * {@code setTimeout} in the browser, by a single daemon thread on the JVM, and by
 * {@link ManualScheduler} in tests.
 *
 * <p>Contract: a task runs at most once, not before its delay has passed, and never after it
 * was cancelled. Delays are measured on {@link #monotonicMillis()}, never on the wall clock. Tasks run one at a time on
 * the scheduler's own thread (the browser's event
 * loop, the JVM scheduler thread); they must not block. A task that throws does not stop the
 * scheduler.
 */
public interface Scheduler {

    /**
     * Schedules {@code task} to run once after {@code delayMillis}.
     *
     * @throws IllegalArgumentException if {@code delayMillis} is negative
     * @throws NullPointerException if {@code task} is null
     */
    Scheduled schedule(long delayMillis, Runnable task);

    /**
     * Returns the time in milliseconds on the timeline that delays are measured on: it never
     * goes back, whatever happens to the wall clock, and only differences between readings mean
     * anything. The default reads {@link System#nanoTime()}.
     */
    default long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** A scheduled task that may still be cancelled. */
    @FunctionalInterface
    interface Scheduled {
        /** Prevents the task from running if it has not started; idempotent. */
        void cancel();
    }
}
