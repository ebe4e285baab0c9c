package dev.keepsake.browser.sync;

import dev.keepsake.core.async.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@link Locks} for tests: runs each body at once and records the lock names asked for. */
final class DirectLocks implements Locks {

    final List<String> requested = new ArrayList<>();

    @Override
    public <T> Async<T> exclusive(String name, Supplier<Async<T>> body) {
        requested.add(name);
        return body.get();
    }
}
