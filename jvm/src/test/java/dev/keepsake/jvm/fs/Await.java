package dev.keepsake.jvm.fs;

import dev.keepsake.core.async.Async;
import dev.keepsake.jvm.JvmAsync;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking waits for tests: the value of an {@link Async}, or its failure rethrown. */
final class Await {

    /** Generous: a stuck operation is a bug, a slow disk under a loaded CI machine is not. */
    private static final long TIMEOUT_SECONDS = 60;

    private Await() {
    }

    static <T> T await(Async<T> async) {
        try {
            return JvmAsync.toFuture(async).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new AssertionError(cause);
        } catch (TimeoutException e) {
            throw new AssertionError("operation did not complete within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
