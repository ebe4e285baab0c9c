package dev.keepsake.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.time.Scheduler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadSchedulerTest {

    @Test
    void runsTasksInDueOrderOnItsOwnDaemonThread() throws Exception {
        try (ThreadScheduler scheduler = ThreadScheduler.create()) {
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(2);
            scheduler.schedule(40, () -> {
                ran.add("later on " + Thread.currentThread().getName() + " daemon="
                        + Thread.currentThread().isDaemon());
                done.countDown();
            });
            scheduler.schedule(0, () -> {
                ran.add("first");
                done.countDown();
            });
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("first", "later on keepsake-scheduler daemon=true"), ran);
        }
    }

    @Test
    void aCancelledTaskNeverRunsAndAThrowingTaskDoesNotStopLaterOnes() throws Exception {
        try (ThreadScheduler scheduler = ThreadScheduler.create()) {
            CountDownLatch later = new CountDownLatch(1);
            boolean[] cancelledRan = {false};
            Scheduler.Scheduled cancelled = scheduler.schedule(20, () -> cancelledRan[0] = true);
            cancelled.cancel();
            Thread.UncaughtExceptionHandler quiet = (t, e) -> { };
            scheduler.schedule(0, () -> {
                Thread.currentThread().setUncaughtExceptionHandler(quiet);
                throw new IllegalStateException("task failure");
            });
            scheduler.schedule(50, later::countDown);
            assertTrue(later.await(5, TimeUnit.SECONDS));
            assertFalse(cancelledRan[0]);
        }
    }

    @Test
    void rejectsNegativeDelaysAndNullTasks() {
        try (ThreadScheduler scheduler = ThreadScheduler.create()) {
            assertThrows(IllegalArgumentException.class, () -> scheduler.schedule(-1, () -> { }));
            assertThrows(NullPointerException.class, () -> scheduler.schedule(1, null));
            assertTrue(Math.abs(scheduler.nowMillis() - System.currentTimeMillis()) < 1000);
        }
    }
}
