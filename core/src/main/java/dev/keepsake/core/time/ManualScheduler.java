package dev.keepsake.core.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A clock and scheduler that move only when told to: the fake for tests of anything that
 * waits (debounce, flush interval, backoff). Shipped in core so that users' tests can use it
 * too.
 *
 * <p>Two times, as on a real machine: the monotonic time delays are measured on
 * ({@link #monotonicMillis()}) and the wall clock ({@link #nowMillis()}). {@link #advance(long)}
 * moves both forward and runs every task that falls due, in order of due time (ties in
 * scheduling order), each with the time set to its due time. Tasks scheduled while advancing
 * run in the same call if they fall due within it. {@link #stepClock(long)} sets the wall clock
 * forward or back, as an administrator or a time server would, and leaves the monotonic time
 * and the tasks alone. Thread-safe, but tasks run on the thread that calls {@code advance}.
 */
public final class ManualScheduler implements Scheduler, Clock {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long wallOffset;
    private long sequence;

    /** Returns a scheduler whose wall clock and monotonic time start at {@code startMillis}. */
    public static ManualScheduler startingAt(long startMillis) {
        ManualScheduler scheduler = new ManualScheduler();
        scheduler.now = startMillis;
        return scheduler;
    }

    /** Returns a scheduler whose wall clock and monotonic time start at 0. */
    public static ManualScheduler create() {
        return new ManualScheduler();
    }

    private ManualScheduler() {
    }

    @Override
    public synchronized long nowMillis() {
        return now + wallOffset;
    }

    @Override
    public synchronized long monotonicMillis() {
        return now;
    }

    /**
     * Sets the wall clock {@code millis} forward (positive) or back (negative) without moving
     * the monotonic time or running any task.
     */
    public synchronized void stepClock(long millis) {
        wallOffset += millis;
    }

    @Override
    public synchronized Scheduled schedule(long delayMillis, Runnable task) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
        }
        Objects.requireNonNull(task, "task");
        Task scheduled = new Task(now + delayMillis, sequence++, task);
        queue.add(scheduled);
        return () -> {
            synchronized (ManualScheduler.this) {
                queue.remove(scheduled);
            }
        };
    }

    /**
     * Moves the monotonic time and the wall clock forward by {@code millis}, running every task
     * that falls due.
     *
     * @throws IllegalArgumentException if {@code millis} is negative
     */
    public void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("cannot go back in time: " + millis);
        }
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due;
            }
            next.task.run();
        }
    }

    /** Runs every task due now without moving time. */
    public void runDue() {
        advance(0);
    }

    /** Returns the number of tasks waiting to run. */
    public synchronized int pendingTasks() {
        return queue.size();
    }

    /** Returns the delays, from now, of the waiting tasks in the order they will run. */
    public synchronized List<Long> pendingDelays() {
        List<Task> tasks = new ArrayList<>(queue);
        tasks.sort(null);
        List<Long> delays = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            delays.add(t.due - now);
        }
        return delays;
    }

    private static final class Task implements Comparable<Task> {
        final long due;
        final long order;
        final Runnable task;

        Task(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Task other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }
}
