package dev.keepsake.browser.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** Calls the page's functions (listeners, guards, updates, migrations) from Java. */
final class JsCalls {

    private JsCalls() {
    }

    /** Calls {@code fn(argument)}; what it throws becomes a {@link JsErrors.JsFailure}. */
    static JSObject call1(JSObject fn, JSObject argument) {
        return unwrap(tryCall(fn, argument, null, null, 1));
    }

    /** Calls {@code fn(first, second)}; what it throws becomes a {@link JsErrors.JsFailure}. */
    static JSObject call2(JSObject fn, JSObject first, JSObject second) {
        return unwrap(tryCall(fn, first, second, null, 2));
    }

    /** Calls {@code fn(first, second)} and returns whether the result is truthy. */
    static boolean test2(JSObject fn, JSObject first, JSObject second) {
        return truthy(call2(fn, first, second));
    }

    /**
     * Calls {@code fn(argument)} for a value.
     *
     * @throws IllegalArgumentException if it returns undefined (a forgotten {@code return})
     */
    static JSObject callForValue(JSObject fn, JSObject argument, String what) {
        JSObject outcome = tryCall(fn, argument, null, null, 1);
        JSObject value = unwrap(outcome);
        if (returnedUndefined(outcome)) {
            throw new IllegalArgumentException(what + " returned undefined; return the new value");
        }
        return value;
    }

    /**
     * Calls {@code fn(first, second)} for a value.
     *
     * @throws IllegalArgumentException if it returns undefined (a forgotten {@code return})
     */
    static JSObject callForValue2(JSObject fn, JSObject first, JSObject second, String what) {
        JSObject outcome = tryCall(fn, first, second, null, 2);
        JSObject value = unwrap(outcome);
        if (returnedUndefined(outcome)) {
            throw new IllegalArgumentException(what + " returned undefined; return the new value");
        }
        return value;
    }

    /** Calls {@code fn(first, second)}, returning null when it returns undefined or null. */
    static JSObject call2OrNull(JSObject fn, JSObject first, JSObject second) {
        return unwrap(tryCall(fn, first, second, null, 2));
    }

    private static JSObject unwrap(JSObject outcome) {
        if (failed(outcome)) {
            throw JsErrors.fromJs(field(outcome, "error"));
        }
        return field(outcome, "value");
    }

    @JSBody(params = "outcome", script = "return outcome.undefined === true;")
    private static native boolean returnedUndefined(JSObject outcome);

    // JS exceptions are caught in JS: a foreign exception crossing Java frames behaves
    // differently in the JS and wasm-gc builds, a returned record does not.
    @JSBody(params = {"fn", "first", "second", "third", "count"}, script = "try {"
            + " var value = count === 1 ? fn(first) : count === 2 ? fn(first, second) : fn(first, second, third);"
            + " return {failed: false, value: value === undefined ? null : value, undefined: value === undefined};"
            + " } catch (error) { return {failed: true, error: error}; }")
    private static native JSObject tryCall(JSObject fn, JSObject first, JSObject second, JSObject third, int count);

    @JSBody(params = "outcome", script = "return outcome.failed;")
    private static native boolean failed(JSObject outcome);

    @JSBody(params = {"outcome", "name"},
            script = "var value = outcome[name]; return value === undefined ? null : value;")
    private static native JSObject field(JSObject outcome, String name);

    @JSBody(params = "value", script = "return !!value;")
    private static native boolean truthy(JSObject value);

    /** Calls {@code fn(argument)}, isolating the caller from what it throws (reported to the console). */
    @JSBody(params = {"fn", "argument"}, script = "try { fn(argument); } catch (error) {"
            + " if (typeof console !== 'undefined') console.error('keepsake: a listener threw', error); }")
    static native void notify1(JSObject fn, JSObject argument);

    @JSBody(params = {"fn", "first", "second", "third"}, script = "try { fn(first, second, third); } catch (error) {"
            + " if (typeof console !== 'undefined') console.error('keepsake: a listener threw', error); }")
    static native void notify3(JSObject fn, JSObject first, JSObject second, JSObject third);

    /** Returns a JS function of no arguments that runs {@code action}: what subscribe returns. */
    static JSObject function(Runnable action) {
        return wrap(new Unsubscribe() {
            @Override
            public void unsubscribe() {
                action.run();
            }
        });
    }

    @JSBody(params = "handle", script = "return function () { handle.unsubscribe(); };")
    private static native JSObject wrap(Unsubscribe handle);
}
