package dev.keepsake.jvm.fs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor: the backend's file
 * operations then take effect in the order they were called, whatever executor the caller gave.
 * No lock is held while a task runs or while the delegate is called.
 */
final class SerialExecutor {

    /** A unit of work that can be told it will never run. */
    interface Task extends Runnable {
        /** Called instead of {@link #run()} when the delegate executor refused to run it. */
        void reject(RuntimeException cause);
    }

    private final Executor delegate;
    private final ArrayDeque<Task> queue = new ArrayDeque<>();
    private boolean dispatching;
    private volatile Thread runner;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    /** Queues {@code task} behind every task submitted before it. */
    void execute(Task task) {
        boolean start;
        synchronized (this) {
            queue.add(task);
            start = !dispatching;
            dispatching = true;
        }
        if (start) {
            dispatchNext();
        }
    }

    /** Returns whether the calling thread is running one of this executor's tasks right now. */
    boolean inTask() {
        return runner == Thread.currentThread();
    }

    private void dispatchNext() {
        Task next;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                dispatching = false;
                return;
            }
        }
        try {
            delegate.execute(() -> runThenContinue(next));
        } catch (RuntimeException refused) {
            // A shut-down or saturated delegate: nothing queued here can run, so every waiting
            // caller learns it now instead of waiting forever.
            List<Task> dropped;
            synchronized (this) {
                dropped = new ArrayList<>(queue);
                queue.clear();
                dispatching = false;
            }
            next.reject(refused);
            for (Task task : dropped) {
                task.reject(refused);
            }
        }
    }

    private void runThenContinue(Task task) {
        runner = Thread.currentThread();
        try {
            task.run();
        } finally {
            runner = null;
            dispatchNext();
        }
    }
}
