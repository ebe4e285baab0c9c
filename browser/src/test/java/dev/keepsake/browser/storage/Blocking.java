package dev.keepsake.browser.storage;

import dev.keepsake.core.async.Async;

/**
 * Waits for an {@link Async} inside a browser test. TeaVM runs a test method as a green
 * thread (JS) or coroutine (wasm-gc), so {@code Object.wait()} suspends it and lets the event
 * loop deliver the IndexedDB or timer callback that settles the value.
 */
public final class Blocking {

    private Blocking() {
    }

    /** Returns the value of {@code async} once settled, rethrowing its failure. */
    public static <T> T await(Async<T> async) {
        if (!async.isDone()) {
            Object lock = new Object();
            async.whenComplete((value, failure) -> {
                synchronized (lock) {
                    lock.notifyAll();
                }
            });
            synchronized (lock) {
                while (!async.isDone()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("interrupted while waiting for " + async, e);
                    }
                }
            }
        }
        return async.peek();
    }
}
