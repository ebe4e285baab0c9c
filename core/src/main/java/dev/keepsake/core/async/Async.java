package dev.keepsake.core.async;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A value that becomes available later: Keepsake's own small promise, usable on the JVM and,
 * compiled by TeaVM, in the browser (JS and wasm-gc).
 *
 * <p>Model: an {@code Async} is pending until it is <em>settled</em> exactly once, either
 * completed with a value (possibly {@code null}) or failed with a {@link Throwable}. Settling
 * is done through the {@link Completer} that created it; later attempts are ignored and
 * reported by their {@code false} result.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Every callback registered through {@link #map}, {@link #flatMap}, {@link #recover} or
 *       {@link #whenComplete} runs exactly once, after settlement, on the thread that settled
 *       the value (or on the registering thread when it was already settled).</li>
 *   <li>An exception thrown by a callback fails the derived {@code Async}; it never vanishes.</li>
 *   <li>Settling is safe from any thread on the JVM; callbacks run outside any lock.</li>
 * </ul>
 *
 * <p>Non-goals: there are no threads, executors, timeouts or blocking waits in here. Platform
 * modules convert to their own idiom ({@code CompletableFuture} on the JVM, {@code Promise} in
 * the browser) and tests use {@link #peek()} on values that settle synchronously.
 *
 * @param <T> the type of the value
 */
public final class Async<T> {

    private static final Object PENDING = new Object();

    private Object value = PENDING;
    private Throwable failure;
    private List<Runnable> listeners;

    private Async() {
    }

    /** Returns an {@code Async} already completed with {@code value}. */
    public static <T> Async<T> of(T value) {
        Async<T> async = new Async<>();
        async.value = value;
        return async;
    }

    /** Returns an {@code Async} already completed with {@code null}. */
    public static Async<Void> done() {
        return of(null);
    }

    /**
     * Returns an {@code Async} already failed with {@code failure}.
     *
     * @throws NullPointerException if {@code failure} is null
     */
    public static <T> Async<T> failed(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        Async<T> async = new Async<>();
        async.value = null;
        async.failure = failure;
        return async;
    }

    /** Returns a new completer whose {@link Completer#async()} is pending until settled. */
    public static <T> Completer<T> completer() {
        return new Completer<>(new Async<>());
    }

    /**
     * Runs {@code body} and returns its result, or a failed {@code Async} if it throws: the
     * bridge from code that may throw synchronously to code that composes.
     */
    public static <T> Async<T> attempt(Attempt<T> body) {
        try {
            return Objects.requireNonNull(body.run(), "attempt returned null");
        } catch (Throwable t) {
            return failed(t);
        }
    }

    /**
     * Returns an {@code Async} that completes with the values of all {@code parts}, in order,
     * once every part has completed; it fails with the first failure observed (the others are
     * still awaited by nobody and may settle later). The list is the caller's own, fixed-size
     * ({@link Arrays#asList}); values may be null.
     */
    public static <T> Async<List<T>> all(List<Async<T>> parts) {
        Objects.requireNonNull(parts, "parts");
        int n = parts.size();
        Object[] values = new Object[n];
        // A plain view, not Collections.unmodifiableList: java.util.Collections, created for
        // that alone, costs the browser build 0.3 KB brotli.
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(values);
        if (n == 0) {
            return of(list);
        }
        Completer<List<T>> result = completer();
        int[] remaining = {n};
        for (int i = 0; i < n; i++) {
            int index = i;
            Async<T> async = parts.get(i);
            if (async == null) {
                // Named here, not with requireNonNull's message, which would build a string per part.
                throw new NullPointerException("parts[" + i + "]");
            }
            async.listen(part -> {
                if (part.failure != null) {
                    result.fail(part.failure);
                    return;
                }
                boolean last;
                synchronized (values) {
                    values[index] = part.value;
                    last = --remaining[0] == 0;
                }
                if (last) {
                    result.complete(list);
                }
            });
        }
        return result.async();
    }

    /** Returns whether this value has settled (completed or failed). */
    public synchronized boolean isDone() {
        return value != PENDING;
    }

    /** Returns whether this value has failed. */
    public synchronized boolean isFailed() {
        return failure != null;
    }

    /**
     * Returns the completed value of an already settled {@code Async}.
     *
     * @throws IllegalStateException if it is still pending
     * @throws RuntimeException the failure, as is when unchecked, else wrapped in
     *     {@link AsyncFailureException}
     */
    public synchronized T peek() {
        if (value == PENDING) {
            throw new IllegalStateException("Async is still pending");
        }
        if (failure != null) {
            throw unchecked(failure);
        }
        @SuppressWarnings("unchecked")
        T result = (T) value;
        return result;
    }

    /** Returns the failure of a failed {@code Async}, or {@code null} if pending or completed. */
    public synchronized Throwable failure() {
        return failure;
    }

    /** Returns an {@code Async} of {@code fn} applied to this value; failures pass through. */
    public <R> Async<R> map(Function<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        Completer<R> next = completer();
        listen(self -> {
            if (self.failure != null) {
                next.fail(self.failure);
                return;
            }
            R mapped;
            try {
                mapped = fn.apply(self.valueUnchecked());
            } catch (Throwable t) {
                next.fail(t);
                return;
            }
            next.complete(mapped);
        });
        return next.async();
    }

    /** Returns an {@code Async} that follows the one {@code fn} returns for this value. */
    public <R> Async<R> flatMap(Function<? super T, ? extends Async<? extends R>> fn) {
        Objects.requireNonNull(fn, "fn");
        Completer<R> next = completer();
        listen(self -> {
            if (self.failure != null) {
                next.fail(self.failure);
                return;
            }
            Async<? extends R> inner;
            try {
                inner = Objects.requireNonNull(fn.apply(self.valueUnchecked()), "flatMap function returned null");
            } catch (Throwable t) {
                next.fail(t);
                return;
            }
            next.follow(inner);
        });
        return next.async();
    }

    /**
     * Returns an {@code Async} that completes with this value, or with {@code fn} applied to
     * the failure when this one fails.
     */
    public Async<T> recover(Function<? super Throwable, ? extends T> fn) {
        Objects.requireNonNull(fn, "fn");
        Completer<T> next = completer();
        listen(self -> {
            if (self.failure == null) {
                next.complete(self.valueUnchecked());
                return;
            }
            T recovered;
            try {
                recovered = fn.apply(self.failure);
            } catch (Throwable t) {
                if (t != self.failure) {
                    t.addSuppressed(self.failure);
                }
                next.fail(t);
                return;
            }
            next.complete(recovered);
        });
        return next.async();
    }

    /**
     * Returns an {@code Async} that follows the one {@code fn} returns for the failure when this
     * one fails, and completes with this value otherwise.
     */
    public Async<T> recoverWith(Function<? super Throwable, ? extends Async<? extends T>> fn) {
        Objects.requireNonNull(fn, "fn");
        Completer<T> next = completer();
        listen(self -> {
            if (self.failure == null) {
                next.complete(self.valueUnchecked());
                return;
            }
            Async<? extends T> inner;
            try {
                inner = Objects.requireNonNull(fn.apply(self.failure), "recoverWith function returned null");
            } catch (Throwable t) {
                if (t != self.failure) {
                    t.addSuppressed(self.failure);
                }
                next.fail(t);
                return;
            }
            next.follow(inner);
        });
        return next.async();
    }

    /**
     * Runs {@code action} with the value (or {@code null}) and the failure (or {@code null})
     * once settled, and returns an {@code Async} that settles like this one after the action,
     * or fails with what the action threw.
     */
    public Async<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
        Objects.requireNonNull(action, "action");
        Completer<T> next = completer();
        listen(self -> {
            try {
                action.accept(self.failure == null ? self.valueUnchecked() : null, self.failure);
            } catch (Throwable t) {
                if (self.failure != null && t != self.failure) {
                    t.addSuppressed(self.failure);
                }
                next.fail(t);
                return;
            }
            next.settleLike(self);
        });
        return next.async();
    }

    /** Returns an {@code Async<Void>} that settles when this one does, dropping the value. */
    public Async<Void> discard() {
        return map(ignored -> null);
    }

    @Override
    public synchronized String toString() {
        if (value == PENDING) {
            return "Async[pending]";
        }
        return failure != null ? "Async[failed: " + failure + "]" : "Async[done]";
    }

    private T valueUnchecked() {
        @SuppressWarnings("unchecked")
        T result = (T) value;
        return result;
    }

    /** Calls {@code listener} with this settled value once, now if already settled. */
    private void listen(java.util.function.Consumer<Async<T>> listener) {
        Runnable run = () -> listener.accept(this);
        synchronized (this) {
            if (value == PENDING) {
                if (listeners == null) {
                    listeners = new ArrayList<>(2);
                }
                listeners.add(run);
                return;
            }
        }
        run.run();
    }

    private boolean settle(Object newValue, Throwable newFailure) {
        List<Runnable> toRun;
        synchronized (this) {
            if (value != PENDING) {
                return false;
            }
            value = newValue;
            failure = newFailure;
            toRun = listeners;
            listeners = null;
        }
        if (toRun != null) {
            for (Runnable listener : toRun) {
                listener.run();
            }
        }
        return true;
    }

    private static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException) {
            return (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        return new AsyncFailureException(failure);
    }

    /** A body for {@link #attempt}: may throw, returns an {@code Async}. */
    @FunctionalInterface
    public interface Attempt<T> {
        /** Runs the body. */
        Async<T> run() throws Exception;
    }

    /**
     * The settling side of a pending {@link Async}: hand {@link #async()} to consumers and keep
     * the completer. Safe to call from any thread; only the first settlement counts.
     */
    public static final class Completer<T> {
        private final Async<T> async;

        private Completer(Async<T> async) {
            this.async = async;
        }

        /** Returns the value this completer settles. */
        public Async<T> async() {
            return async;
        }

        /** Completes with {@code value}; returns false if already settled. */
        public boolean complete(T value) {
            return async.settle(value, null);
        }

        /**
         * Fails with {@code failure}; returns false if already settled.
         *
         * @throws NullPointerException if {@code failure} is null
         */
        public boolean fail(Throwable failure) {
            Objects.requireNonNull(failure, "failure");
            return async.settle(null, failure);
        }

        /** Settles like {@code other} once it settles. */
        public void follow(Async<? extends T> other) {
            Objects.requireNonNull(other, "other");
            @SuppressWarnings("unchecked")
            Async<T> source = (Async<T>) other;
            source.listen(this::settleLike);
        }

        private void settleLike(Async<T> settled) {
            async.settleLike(settled);
        }
    }

    private void settleLike(Async<T> settled) {
        if (settled.failure != null) {
            settle(null, settled.failure);
        } else {
            settle(settled.value, null);
        }
    }

    /** Wraps a checked failure that {@link #peek()} must rethrow unchecked. */
    public static final class AsyncFailureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AsyncFailureException(Throwable cause) {
            super(cause);
        }
    }
}
