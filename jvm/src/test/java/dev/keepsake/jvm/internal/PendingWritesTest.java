package dev.keepsake.jvm.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingWritesTest {

    @Test
    void aKeyIsBusyUntilEveryWriteOfItEnded() {
        PendingWrites pending = new PendingWrites();
        assertTrue(pending.isIdle("a"));
        pending.begin("a");
        pending.begin("a");
        assertFalse(pending.isIdle("a"));
        assertTrue(pending.isIdle("b"), "other keys stay idle");
        pending.end("a");
        assertFalse(pending.isIdle("a"), "one of two writes is still pending");
        pending.end("a");
        assertTrue(pending.isIdle("a"));
    }

    @Test
    void aWriteOfEveryKeyMakesEveryKeyBusy() {
        PendingWrites pending = new PendingWrites();
        pending.beginEveryKey();
        assertFalse(pending.isIdle("a"));
        assertFalse(pending.isIdle("b"));
        pending.endEveryKey();
        assertTrue(pending.isIdle("a"));
    }

    @Test
    void anEndWithoutABeginLeavesTheCountsAlone() {
        PendingWrites pending = new PendingWrites();
        pending.end("a");
        pending.begin("b");
        assertFalse(pending.isIdle("b"));
        assertTrue(pending.isIdle("a"));
        pending.end("b");
        assertTrue(pending.isIdle("b"));
    }

    @Test
    void countsStayExactUnderConcurrentWriters() throws Exception {
        PendingWrites pending = new PendingWrites();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    pending.begin("k");
                    pending.end("k");
                }
            }));
        }
        pending.begin("k");
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertFalse(pending.isIdle("k"), "the write begun first has not ended");
        pending.end("k");
        assertTrue(pending.isIdle("k"));
    }
}
