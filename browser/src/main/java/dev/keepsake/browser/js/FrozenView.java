package dev.keepsake.browser.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The page's view of a value that changes now and then (a store's value, a machine's context):
 * one deeply frozen JS object, the same one until the value changes, so that
 * {@code store.get() === store.get()} and React's {@code useSyncExternalStore} sees a stable
 * snapshot. A Uint8Array cannot be frozen: it is handed out as the same instance too, and
 * changing it changes only the page's view, never the stored value.
 */
final class FrozenView {

    private JsValue value;
    private JSObject view;

    /** Returns the view of {@code current}: the previous one if the value is equal to the last. */
    JSObject of(JsValue current) {
        if (current != value && (value == null || !value.equals(current))) {
            view = current.isBytes() ? current.toJs() : deepFreeze(current.toJs());
            value = current;
        }
        return view;
    }

    @JSBody(params = "value", script = "return (function freeze(v) {"
            + " if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {"
            + "  Object.freeze(v); var keys = Object.keys(v); for (var i = 0; i < keys.length; "
            + "i++) freeze(v[keys[i]]); }"
            + " return v; })(value);")
    private static native JSObject deepFreeze(JSObject value);
}
