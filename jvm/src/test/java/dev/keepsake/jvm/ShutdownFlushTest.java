package dev.keepsake.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.async.Async;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShutdownFlushTest {

    @Test
    void theHookRunsTheFlushAndWaitsForIt() {
        AtomicInteger flushes = new AtomicInteger();
        Async.Completer<Void> durable = Async.completer();
        new Thread(() -> {
            sleep(50);
            durable.complete(null);
        }).start();
        assertTrue(ShutdownFlush.run(() -> {
            flushes.incrementAndGet();
            return durable.async();
        }, Duration.ofSeconds(5)));
        assertEquals(1, flushes.get());
    }

    @Test
    void aFlushThatNeverCompletesDoesNotHoldTheJvmBeyondTheTimeout() {
        assertFalse(ShutdownFlush.run(() -> Async.<Void>completer().async(), Duration.ofMillis(50)));
    }

    @Test
    void aFailingFlushIsReportedNotThrown() {
        assertTrue(ShutdownFlush.run(() -> Async.failed(new IllegalStateException("disk gone")),
                Duration.ofSeconds(1)));
        assertFalse(ShutdownFlush.run(() -> {
            throw new IllegalStateException("broken");
        }, Duration.ofSeconds(1)));
    }

    @Test
    void registeredHooksCanBeRemoved() {
        ShutdownFlush hook = ShutdownFlush.register(Async::done, Duration.ofSeconds(1));
        hook.close();
        hook.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
