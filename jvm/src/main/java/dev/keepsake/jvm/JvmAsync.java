package dev.keepsake.jvm;

import dev.keepsake.core.async.Async;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Converts between core's {@link Async} and the JDK's {@link CompletableFuture}, for JVM code
 * that composes with futures. Conversions add no threads: the target settles on whichever
 * thread settles the source.
 */
public final class JvmAsync {

    private JvmAsync() {
    }

    /**
     * Returns a future that completes like {@code async}, with the same value or the same
     * failure (not wrapped). Completing or cancelling the returned future does not affect
     * {@code async}.
     *
     * @throws NullPointerException if {@code async} is null
     */
    public static <T> CompletableFuture<T> toFuture(Async<T> async) {
        Objects.requireNonNull(async, "async");
        CompletableFuture<T> future = new CompletableFuture<>();
        async.whenComplete((value, failure) -> {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(value);
            }
        });
        return future;
    }

    /**
     * Returns an {@code Async} that settles like {@code stage}; a failure arrives unwrapped from
     * the {@link CompletionException} or {@link ExecutionException} the JDK adds.
     *
     * @throws NullPointerException if {@code stage} is null
     */
    public static <T> Async<T> fromStage(CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "stage");
        Async.Completer<T> completer = Async.completer();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                completer.fail(unwrap(failure));
            } else {
                completer.complete(value);
            }
        });
        return completer.async();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
