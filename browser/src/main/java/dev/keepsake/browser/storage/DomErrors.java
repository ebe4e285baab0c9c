package dev.keepsake.browser.storage;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Reads what the browser threw ({@code DOMException} or any JS value) without trusting its
 * shape: every accessor copes with {@code null}, {@code undefined} and non-Error values.
 */
final class DomErrors {

    private DomErrors() {
    }

    /** Returns the {@code name} of a DOMException or Error, or {@code ""} when it has none. */
    @JSBody(params = "error", script = "return error != null && typeof error.name === 'string' ? error.name : '';")
    static native String name(JSObject error);

    /**
     * Returns {@code what} followed by "(name: message)" of an Error, or by the value as a string
     * in brackets. Joined in JavaScript: each Java string concatenation costs the build a
     * StringBuilder chain.
     */
    @JSBody(params = {"what", "error"}, script = "var message = error == null ? 'unknown error'"
            + " : typeof error.message === 'string' ? error.message : String(error);"
            + "return what + ' (' + (error != null && typeof error.name === 'string' && error.name"
            + " ? error.name + ': ' + message : message) + ')';")
    static native String explain(String what, JSObject error);

    /**
     * Returns whether {@code e} means the storage is full: {@code QuotaExceededError} (legacy
     * code 22), or Firefox's {@code NS_ERROR_DOM_QUOTA_REACHED} (code 1014).
     */
    @JSBody(params = "error", script = "return error != null && (error.name === 'QuotaExceededError'"
            + " || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22 || error.code === 1014);")
    static native boolean isQuota(JSObject error);
}
