package dev.keepsake.browser.js;

import dev.keepsake.core.error.PersistenceException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Turns Java failures into the JS Errors the exported API rejects with, and back.
 *
 * <p>A {@link PersistenceException} becomes an {@code Error} named {@code "KeepsakeError"} whose
 * {@code code} is its {@link PersistenceException#code()} (such as {@code "NOT_FOUND"} or
 * {@code "QUOTA_EXCEEDED"}), with {@code key} and {@code backend} properties (null when none).
 * Misuse ({@code NullPointerException}, {@code IllegalArgumentException}) becomes a
 * {@code TypeError} (named {@code "TypeError"}, as the platform's own) with code
 * {@code "INVALID_ARGUMENT"}; use of a closed object a {@code KeepsakeError} with code
 * {@code "INVALID_STATE"}; an error thrown by the page's own callback is passed back unchanged;
 * anything else code {@code "INTERNAL"}.
 */
final class JsErrors {

    /** The code of errors that came from JS and were not Keepsake's. */
    static final String JS_ERROR = "JS_ERROR";

    private JsErrors() {
    }

    /** Returns the JS Error for {@code failure}. */
    static JSObject toJs(Throwable failure) {
        Throwable t = failure;
        // Look through wrappers (Async's checked-exception wrapper, for instance).
        while (!(t instanceof PersistenceException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof PersistenceException p) {
            return error("Error", p.code(), p.getMessage(), p.key(), p.backend());
        }
        if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException) {
            return error("TypeError", "INVALID_ARGUMENT", String.valueOf(failure.getMessage()), null, null);
        }
        if (failure instanceof JsFailure js) {
            return js.error;
        }
        if (failure instanceof IllegalStateException) {
            return error("Error", "INVALID_STATE", String.valueOf(failure.getMessage()), null, null);
        }
        return error("Error", "INTERNAL", String.valueOf(failure), null, null);
    }

    /**
     * Runs {@code action}, throwing what it throws to the page as the JS Error {@link #toJs}
     * makes of it: for the synchronous methods ({@code set}, {@code send}, ...).
     */
    static void rethrowSync(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            throwJs(toJs(e));
        }
    }

    /** Throws a TypeError with code {@code INVALID_ARGUMENT} to the page. */
    static void throwTypeError(String message) {
        throwJs(error("TypeError", "INVALID_ARGUMENT", message, null, null));
    }

    @JSBody(params = "error", script = "throw error;")
    static native void throwJs(JSObject error);

    /** Returns a Java exception carrying the JS value {@code reason}. */
    static RuntimeException fromJs(JSObject reason) {
        return new JsFailure(reason);
    }

    @JSBody(params = {"type", "code", "message", "key", "backend"},
            script = "var error = type === 'TypeError' ? new TypeError(message) : new Error(message);"
                    + " if (type !== 'TypeError') error.name = 'KeepsakeError'; error.code = code; error.key = key; "
                    + "error.backend = backend; return error;")
    private static native JSObject error(String type, String code, String message, String key, String backend);

    @JSBody(params = "error",
            script = "return error != null && error.message !== undefined ? String(error.message) : String(error);")
    private static native String messageOf(JSObject error);

    /** A rejection from JS code, kept as is so it can be handed back to JS unchanged. */
    static final class JsFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient JSObject error;

        JsFailure(JSObject error) {
            super(messageOf(error));
            this.error = error;
        }
    }
}
