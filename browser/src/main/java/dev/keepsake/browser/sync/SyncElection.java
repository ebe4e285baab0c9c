package dev.keepsake.browser.sync;

import dev.keepsake.core.async.Async;
import java.util.Objects;

/**
 * Elects one tab of an origin to do a job for all of them, such as talking to a sync server:
 * the tab that holds the Web Lock {@code name}. The lock is held until the tab resigns or goes
 * away (the browser releases a closed or crashed tab's locks), and then the next tab waiting
 * for it is elected. Where the browser has no Web Locks API, every tab is elected at once
 * ({@link WebLocks}): each does the job, which a sync tolerates (the server applies each write
 * once).
 */
public final class SyncElection {

    private SyncElection() {
    }

    /**
     * Calls {@code elected} once this tab holds the lock {@code name}; returns what resigns
     * (releases the lock, or withdraws the request if not yet elected). Idempotent resign.
     *
     * @throws NullPointerException if an argument is null
     */
    public static Runnable whenLeader(String name, Runnable elected) {
        return whenLeader(WebLocks.INSTANCE, name, elected);
    }

    static Runnable whenLeader(Locks locks, String name, Runnable elected) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elected, "elected");
        Async.Completer<Void> resigned = Async.completer();
        boolean[] done = {false};
        locks.exclusive(name, () -> {
            if (done[0]) {
                return Async.of(null); // resigned while waiting: release at once
            }
            elected.run();
            return resigned.async();
        });
        return () -> {
            if (!done[0]) {
                done[0] = true;
                resigned.complete(null);
            }
        };
    }
}
