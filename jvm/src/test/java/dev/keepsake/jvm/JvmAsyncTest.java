package dev.keepsake.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.error.NotFoundException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Conversions between {@link Async} and {@link CompletableFuture}, and the future view of a backend. */
class JvmAsyncTest {

    @Test
    void aPendingAsyncCompletesItsFutureWhenSettled() throws Exception {
        Async.Completer<String> completer = Async.completer();
        CompletableFuture<String> future = JvmAsync.toFuture(completer.async());
        assertFalse(future.isDone());
        completer.complete("value");
        assertEquals("value", future.get());
    }

    @Test
    void aFailureReachesTheFutureUnwrapped() {
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<Object> future = JvmAsync.toFuture(Async.failed(boom));
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        assertSame(boom, e.getCause());
    }

    @Test
    void aFutureBecomesAnAsyncWithTheJdkWrappingRemoved() {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        Async<Integer> async = JvmAsync.fromStage(future);
        assertFalse(async.isDone());
        future.complete(7);
        assertEquals(7, async.peek());

        IllegalArgumentException cause = new IllegalArgumentException("x");
        CompletableFuture<Integer> failing = new CompletableFuture<>();
        // A dependent stage fails with the cause wrapped in a CompletionException.
        Async<Integer> failed = JvmAsync.fromStage(failing.thenApply(i -> i + 1));
        failing.completeExceptionally(cause);
        assertSame(cause, failed.failure());
    }

    @Test
    void theFutureViewForwardsToTheBackend() throws Exception {
        FutureBackend futures = FutureBackend.of(MemoryBackend.create());
        futures.save("k", new byte[] {1}).get();
        assertArrayEquals(new byte[] {1}, futures.load("k").get());
        assertTrue(futures.exists("k").get());
        assertEquals(List.of("k"), futures.listKeys().get());
        assertEquals(1, futures.info().get().entryCount());
        futures.delete("k").get();
        ExecutionException e = assertThrows(ExecutionException.class, () -> futures.load("k").get());
        assertInstanceOf(NotFoundException.class, e.getCause());
        assertThrows(NullPointerException.class, () -> futures.save(null, new byte[0]));
    }
}
