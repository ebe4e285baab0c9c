package dev.keepsake.browser.js;

import dev.keepsake.core.async.Async;
import java.util.function.Function;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;

/** Converts between core's {@link Async} and the browser's {@code Promise}. */
final class Promises {

    private Promises() {
    }

    /**
     * Returns a Promise that settles like {@code async}: resolved with {@code toJs} of the
     * value, or rejected with the JS Error {@link JsErrors#toJs} makes of the failure (or of
     * what {@code toJs} threw).
     */
    static <T> JSPromise<JSObject> toPromise(Async<T> async, Function<? super T, ? extends JSObject> toJs) {
        if (async.isDone() && !async.isFailed()) {
            // Already there (a cached read): no executor and no callbacks to allocate.
            JSObject converted;
            try {
                converted = toJs.apply(async.peek());
            } catch (RuntimeException e) {
                return JSPromise.reject(JsErrors.toJs(e));
            }
            return JSPromise.resolve(converted);
        }
        return new JSPromise<>((resolve, reject) -> async.whenComplete((value, failure) -> {
            if (failure != null) {
                reject.accept(JsErrors.toJs(failure));
                return;
            }
            JSObject converted;
            try {
                converted = toJs.apply(value);
            } catch (RuntimeException e) {
                reject.accept(JsErrors.toJs(e));
                return;
            }
            resolve.accept(converted);
        }));
    }

    /** Returns a Promise of {@code body}'s result; a synchronous throw becomes a rejection. */
    static <T> JSPromise<JSObject> call(Async.Attempt<T> body, Function<? super T, ? extends JSObject> toJs) {
        return toPromise(Async.attempt(body), toJs);
    }

    /** Returns a Promise of {@code body}'s completion that resolves with {@code undefined}. */
    static JSPromise<JSObject> call(Async.Attempt<Void> body) {
        return call(body, ignored -> JSObjects.undefined());
    }
}
