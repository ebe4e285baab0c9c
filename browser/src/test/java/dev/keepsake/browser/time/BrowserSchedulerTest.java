package dev.keepsake.browser.time;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.keepsake.browser.storage.Blocking;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.jso.JSBody;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * {@code setTimeout} behind the Scheduler contract: order by delay, cancel, validation, and
 * delays measured on {@code performance.now()}, not on the settable {@code Date.now()}.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class BrowserSchedulerTest {

    private final BrowserScheduler scheduler = BrowserScheduler.get();

    @Test
    public void tasksRunInDelayOrderAndACancelledTaskNever() {
        List<String> ran = new ArrayList<>();
        Async.Completer<Void> last = Async.completer();
        scheduler.schedule(40, () -> ran.add("40"));
        Scheduler.Scheduled cancelled = scheduler.schedule(20, () -> ran.add("cancelled"));
        scheduler.schedule(0, () -> ran.add("0"));
        scheduler.schedule(80, () -> {
            ran.add("80");
            last.complete(null);
        });
        cancelled.cancel();
        cancelled.cancel();
        assertEquals("nothing runs before the current task returns", List.of(), ran);
        Blocking.await(last.async());
        assertEquals(List.of("0", "40", "80"), ran);
    }

    @Test
    public void aThrowingTaskDoesNotStopLaterOnes() {
        Async.Completer<Void> after = Async.completer();
        scheduler.schedule(0, () -> {
            throw new IllegalStateException("task failure, expected by the test");
        });
        scheduler.schedule(10, () -> after.complete(null));
        Blocking.await(after.async());
        assertTrue(after.async().isDone());
    }

    @Test
    public void hugeDelaysAreClampedRatherThanRunNow() {
        List<String> ran = new ArrayList<>();
        Scheduler.Scheduled far = scheduler.schedule(Long.MAX_VALUE, () -> ran.add("far"));
        Async.Completer<Void> soon = Async.completer();
        scheduler.schedule(30, () -> soon.complete(null));
        Blocking.await(soon.async());
        far.cancel();
        assertEquals(List.of(), ran);
    }

    @Test
    public void clockIsTheWallClockAndDoesNotGoBack() {
        long first = scheduler.nowMillis();
        assertTrue("after 2020: " + first, first > 1_577_836_800_000L);
        assertTrue(scheduler.nowMillis() >= first);
    }

    @Test
    public void aBatchIsWrittenOnTimeWhenTheSystemClockIsSetBack() {
        PersistenceManager<String> manager = PersistenceManager
                .builder(MemoryBackend.create(), Serializers.json(Codecs.strings()), scheduler).build();
        long before = scheduler.monotonicMillis();
        long wallBefore = scheduler.nowMillis();
        long[] wallSetBack = {0};
        Async<Void> saved = manager.save("k", "v");
        // The clock is set back and restored in callbacks, never while this test's thread waits:
        // TeaVM's own thread scheduling reads Date.now() too.
        Async.Completer<String> outcome = Async.completer();
        scheduler.schedule(0, () -> {
            setClockBack(3_600_000);
            wallSetBack[0] = scheduler.nowMillis();
        });
        saved.whenComplete((ignored, failure) -> {
            restoreClock();
            outcome.complete(failure == null ? "saved" : "failed: " + failure);
        });
        scheduler.schedule(3000, () -> {
            restoreClock();
            outcome.complete("not saved 3 s later");
        });
        String result = Blocking.await(outcome.async());
        assertTrue("Date.now() was set back", wallSetBack[0] != 0 && wallSetBack[0] < wallBefore - 3_000_000);
        assertEquals("saved", result);
        assertTrue("performance.now() kept going", scheduler.monotonicMillis() >= before + 100);
    }

    /** Makes {@code Date.now()} return {@code millis} less than the real time, as a clock set back would. */
    @JSBody(params = "millis", script = "if (!Date.__keepsakeNow) { Date.__keepsakeNow = Date.now; }"
            + " Date.now = function () { return Date.__keepsakeNow.call(Date) - millis; };")
    private static native void setClockBack(double millis);

    @JSBody(script = "if (Date.__keepsakeNow) { Date.now = Date.__keepsakeNow; delete Date.__keepsakeNow; }")
    private static native void restoreClock();

    @Test
    public void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> scheduler.schedule(-1, () -> { }));
        assertThrows(NullPointerException.class, () -> scheduler.schedule(1, null));
    }
}
