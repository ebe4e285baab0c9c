package dev.keepsake.browser.sync;

import dev.keepsake.core.async.Async;
import java.util.function.Supplier;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * {@link Locks} on {@code navigator.locks}. Where the browser has no Web Locks API, the body
 * runs at once; where it refuses a request (an opaque origin), the body runs when it refuses:
 * without a lock, never blocked.
 */
final class WebLocks implements Locks {

    static final WebLocks INSTANCE = new WebLocks();

    private WebLocks() {
    }

    @Override
    public <T> Async<T> exclusive(String name, Supplier<Async<T>> body) {
        Async.Completer<T> result = Async.completer();
        boolean requested = request(name, release -> {
            Async<T> ran;
            try {
                ran = body.get();
            } catch (RuntimeException e) {
                ran = Async.failed(e);
            }
            ran.whenComplete((value, failure) -> {
                call(release);
                if (failure != null) {
                    result.fail(failure);
                } else {
                    result.complete(value);
                }
            });
        });
        return requested ? result.async() : body.get();
    }

    /** The body run under the lock; it calls {@code release} when done. */
    @JSFunctor
    interface Holder extends JSObject {
        void hold(JSObject release);
    }

    @JSBody(params = {"lockName", "holder"}, script = ""
            + "try {"
            + " if (typeof navigator === 'undefined' || !navigator.locks) return false;"
            + " var lockGranted = false;"
            + " navigator.locks.request(lockName, function() { lockGranted = true;"
            + "  return new Promise(function(releaseLock) { holder(releaseLock); });"
            + " }).catch(function() { if (!lockGranted) holder(function() {}); });"
            + " return true;"
            + "} catch (lockError) { return false; }")
    private static native boolean request(String lockName, Holder holder);

    @JSBody(params = "release", script = "release();")
    private static native void call(JSObject release);
}
