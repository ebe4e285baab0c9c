package dev.keepsake.browser.storage;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * A Web Storage object in plain JS that injects faults: it refuses a {@code setItem} that
 * would take the stored characters (keys plus values) above a limit, throwing a
 * {@code DOMException} with the given name, like a full localStorage does.
 */
final class FakeStorage {

    private FakeStorage() {
    }

    /** Returns a fake Storage holding at most {@code limit} characters. */
    @JSBody(params = {"limit", "errorName"}, script = ""
            + "var keys = [], values = {};"
            + "function used() { var n = 0; for (var i = 0; i < keys.length; i++) n += keys[i].length + values[keys[i]].length; return n; }"
            + "var s = {"
            + " key: function (i) { return i < keys.length ? keys[i] : null; },"
            + " getItem: function (k) { return keys.indexOf(k) >= 0 ? values[k] : null; },"
            + " setItem: function (k, v) {"
            + "  k = String(k); v = String(v); var old = keys.indexOf(k) >= 0 ? k.length + values[k].length : 0;"
            + "  if (used() - old + k.length + v.length > limit) throw new DOMException('quota', errorName);"
            + "  if (keys.indexOf(k) < 0) keys.push(k); values[k] = v; },"
            + " removeItem: function (k) { var i = keys.indexOf(k); if (i >= 0) { keys.splice(i, 1); delete values[k]; } }"
            + "};"
            + "Object.defineProperty(s, 'length', { get: function () { return keys.length; } });"
            + "return s;")
    static native JSObject withLimit(int limit, String errorName);

    /** Stores a raw item, bypassing any backend. */
    @JSBody(params = {"storage", "key", "value"}, script = "storage.setItem(key, value);")
    static native void setRaw(JSObject storage, String key, String value);

    /** Reads a raw item, or null. */
    @JSBody(params = {"storage", "key"}, script = "return storage.getItem(key);")
    static native String getRaw(JSObject storage, String key);

    /** Returns every key of a storage object, joined by newlines, sorted. */
    @JSBody(params = "storage", script = "var a = []; for (var i = 0; i < storage.length; i++) a.push(storage.key(i));"
            + " return a.sort().join('\\n');")
    static native String allKeys(JSObject storage);

    /** Returns the page's real localStorage. */
    @JSBody(script = "return localStorage;")
    static native JSObject real();

    /** Returns an Error like the one a blocked localStorage getter throws. */
    @JSBody(script = "return new DOMException('access denied', 'SecurityError');")
    static native JSObject securityError();
}
