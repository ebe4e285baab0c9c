package dev.keepsake.browser.sync;

import dev.keepsake.core.async.Async;
import java.util.function.Supplier;

/**
 * Mutual exclusion between the tabs of an origin, for a read-modify-write of shared storage:
 * the Web Locks API in the browser ({@link WebLocks}), or none where it is missing, and a fake
 * in tests.
 */
interface Locks {

    /**
     * Runs {@code body} while holding the exclusive lock {@code name}, released when the
     * {@code Async} it returns settles; the result settles like it.
     */
    <T> Async<T> exclusive(String name, Supplier<Async<T>> body);
}
