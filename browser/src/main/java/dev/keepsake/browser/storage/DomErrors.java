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
    @JSBody(params = "e", script = "return e != null && typeof e.name === 'string' ? e.name : '';")
    static native String name(JSObject e);

    /** Returns "name: message" for an Error, else the value as a string. */
    @JSBody(params = "e", script = "if (e == null) return 'unknown error';"
            + "var m = typeof e.message === 'string' ? e.message : String(e);"
            + "return typeof e.name === 'string' && e.name ? e.name + ': ' + m : m;")
    static native String describe(JSObject e);

    /**
     * Returns whether {@code e} means the storage is full: {@code QuotaExceededError} (legacy
     * code 22), or Firefox's {@code NS_ERROR_DOM_QUOTA_REACHED} (code 1014).
     */
    @JSBody(params = "e", script = "return e != null && (e.name === 'QuotaExceededError'"
            + " || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22 || e.code === 1014);")
    static native boolean isQuota(JSObject e);
}
