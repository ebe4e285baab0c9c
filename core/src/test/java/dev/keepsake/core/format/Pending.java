package dev.keepsake.core.format;

import dev.keepsake.core.async.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A queue of work that settles only when the test says so, standing in for the browser's
 * asynchronous CompressionStream and WebCrypto: fakes built with one return pending values.
 */
final class Pending {
    private final List<Runnable> queue = new ArrayList<>();

    /** Returns a pending value that {@link #runAll()} settles with {@code work}'s result or failure. */
    <T> Async<T> later(Supplier<T> work) {
        Async.Completer<T> completer = Async.completer();
        queue.add(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                completer.fail(e);
                return;
            }
            completer.complete(result);
        });
        return completer.async();
    }

    /** Returns the number of queued settlements. */
    int size() {
        return queue.size();
    }

    /** Settles everything queued so far, including what settling queues. */
    void runAll() {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }
}
