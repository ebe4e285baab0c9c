package dev.keepsake.core.time;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

@RunWith(TeaVMTestRunner.class)
public class ManualSchedulerTest {

    private final ManualScheduler time = ManualScheduler.startingAt(1000);
    private final List<String> ran = new ArrayList<>();

    @Test
    public void runsDueTasksInOrderWithTheClockAtTheirDueTime() {
        time.schedule(30, () -> ran.add("c@" + time.nowMillis()));
        time.schedule(10, () -> ran.add("a@" + time.nowMillis()));
        time.schedule(10, () -> ran.add("b@" + time.nowMillis()));
        time.advance(20);
        assertEquals(List.of("a@1010", "b@1010"), ran);
        assertEquals(1020, time.nowMillis());
        time.advance(10);
        assertEquals(List.of("a@1010", "b@1010", "c@1030"), ran);
    }

    @Test
    public void tasksScheduledWhileAdvancingRunIfTheyFallDue() {
        time.schedule(5, () -> time.schedule(5, () -> ran.add("nested@" + time.nowMillis())));
        time.advance(20);
        assertEquals(List.of("nested@1010"), ran);
    }

    @Test
    public void cancelledTasksNeverRun() {
        Scheduler.Scheduled s = time.schedule(5, () -> ran.add("x"));
        s.cancel();
        s.cancel();
        time.advance(10);
        assertEquals(List.of(), ran);
        assertEquals(0, time.pendingTasks());
    }

    @Test
    public void steppingTheClockMovesOnlyTheWallClock() {
        time.schedule(100, () -> ran.add("task@" + time.monotonicMillis() + "/" + time.nowMillis()));
        time.stepClock(-5000);
        assertEquals(-4000, time.nowMillis());
        assertEquals(1000, time.monotonicMillis());
        time.advance(99);
        assertEquals(List.of(), ran);
        time.advance(1);
        assertEquals(List.of("task@1100/-3900"), ran);
        time.stepClock(10_000);
        assertEquals(6100, time.nowMillis());
        assertEquals(1100, time.monotonicMillis());
    }

    @Test
    public void reportsPendingDelays() {
        time.schedule(50, () -> { });
        time.schedule(20, () -> { });
        assertEquals(List.of(20L, 50L), time.pendingDelays());
    }

    @Test
    public void rejectsNegativeTimes() {
        assertThrows(IllegalArgumentException.class, () -> time.schedule(-1, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> time.advance(-1));
        assertThrows(NullPointerException.class, () -> time.schedule(1, null));
    }
}
