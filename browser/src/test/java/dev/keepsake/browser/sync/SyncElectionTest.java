package dev.keepsake.browser.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.core.async.Async;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** One tab at a time is elected, the next one when it resigns or goes away. */
class SyncElectionTest {

    /** Web Locks as the browser grants them: one holder per name, the others queued in order. */
    private static final class QueuedLocks implements Locks {
        private final Map<String, ArrayDeque<Runnable>> waiting = new HashMap<>();
        private final Map<String, Boolean> held = new HashMap<>();

        @Override
        public <T> Async<T> exclusive(String name, Supplier<Async<T>> body) {
            Async.Completer<T> result = Async.completer();
            Runnable grant = () -> {
                held.put(name, true);
                body.get().whenComplete((value, failure) -> {
                    held.put(name, false);
                    ArrayDeque<Runnable> queue = waiting.get(name);
                    if (queue != null && !queue.isEmpty()) {
                        queue.poll().run();
                    }
                    if (failure != null) {
                        result.fail(failure);
                    } else {
                        result.complete(value);
                    }
                });
            };
            if (Boolean.TRUE.equals(held.get(name))) {
                waiting.computeIfAbsent(name, n -> new ArrayDeque<>()).add(grant);
            } else {
                grant.run();
            }
            return result.async();
        }
    }

    @Test
    void theFirstTabIsElectedAndTheNextOnlyWhenItResigns() {
        QueuedLocks locks = new QueuedLocks();
        List<String> elected = new ArrayList<>();
        Runnable first = SyncElection.whenLeader(locks, "sync", () -> elected.add("first"));
        Runnable second = SyncElection.whenLeader(locks, "sync", () -> elected.add("second"));
        assertEquals(List.of("first"), elected);
        first.run();
        assertEquals(List.of("first", "second"), elected);
        first.run(); // idempotent: does not release the second tab's lock
        Runnable third = SyncElection.whenLeader(locks, "sync", () -> elected.add("third"));
        assertEquals(List.of("first", "second"), elected);
        second.run();
        third.run();
        assertEquals(List.of("first", "second", "third"), elected);
    }

    @Test
    void aTabThatResignsBeforeItsTurnIsNeverElectedAndPassesTheLockOn() {
        QueuedLocks locks = new QueuedLocks();
        List<String> elected = new ArrayList<>();
        Runnable first = SyncElection.whenLeader(locks, "sync", () -> elected.add("first"));
        Runnable second = SyncElection.whenLeader(locks, "sync", () -> elected.add("second"));
        SyncElection.whenLeader(locks, "sync", () -> elected.add("third"));
        second.run();
        first.run();
        assertEquals(List.of("first", "third"), elected);
    }

    @Test
    void differentNamesElectIndependently() {
        QueuedLocks locks = new QueuedLocks();
        List<String> elected = new ArrayList<>();
        SyncElection.whenLeader(locks, "a", () -> elected.add("a"));
        SyncElection.whenLeader(locks, "b", () -> elected.add("b"));
        assertEquals(List.of("a", "b"), elected);
    }
}
