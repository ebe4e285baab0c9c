package dev.keepsake.core.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;

/** JVM only: settling races with registering callbacks and with other settlers. */
class AsyncConcurrencyTest {

    @RepeatedTest(50)
    void everyListenerRunsExactlyOnceWhenSettledFromAnotherThread() throws Exception {
        Async.Completer<Integer> completer = Async.completer();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger wins = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int value = t;
            threads.add(new Thread(() -> {
                await(start);
                if (completer.complete(value)) {
                    wins.incrementAndGet();
                }
            }));
        }
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                await(start);
                for (int i = 0; i < 250; i++) {
                    completer.async().whenComplete((v, f) -> calls.incrementAndGet());
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, wins.get());
        assertEquals(1000, calls.get());
        assertTrue(completer.async().isDone());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
