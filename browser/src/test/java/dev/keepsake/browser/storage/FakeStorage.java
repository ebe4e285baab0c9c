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
            + "var names = [], items = {};"
            + "function used() { var total = 0; for (var index = 0; index < names.length; index++)"
            + "  total += names[index].length + items[names[index]].length; return total; }"
            + "var fake = {"
            + " key: function (index) { return index < names.length ? names[index] : null; },"
            + " getItem: function (name) { return names.indexOf(name) >= 0 ? items[name] : null; },"
            + " setItem: function (name, item) {"
            + "  name = String(name); item = String(item);"
            + "  var old = names.indexOf(name) >= 0 ? name.length + items[name].length : 0;"
            + "  if (used() - old + name.length + item.length > limit) throw new DOMException('quota', errorName);"
            + "  if (names.indexOf(name) < 0) names.push(name); items[name] = item; },"
            + " removeItem: function (name) { var index = names.indexOf(name);"
            + "  if (index >= 0) { names.splice(index, 1); delete items[name]; } }"
            + "};"
            + "Object.defineProperty(fake, 'length', { get: function () { return names.length; } });"
            + "return fake;")
    static native JSObject withLimit(int limit, String errorName);

    /** Stores a raw item, bypassing any backend. */
    @JSBody(params = {"storage", "key", "value"}, script = "storage.setItem(key, value);")
    static native void setRaw(JSObject storage, String key, String value);

    /** Reads a raw item, or null. */
    @JSBody(params = {"storage", "key"}, script = "return storage.getItem(key);")
    static native String getRaw(JSObject storage, String key);

    /** Returns every key of a storage object, joined by newlines, sorted. */
    @JSBody(params = "storage",
            script = "var found = []; for (var index = 0; index < storage.length; "
            + "index++) found.push(storage.key(index));"
            + " return found.sort().join('\\n');")
    static native String allKeys(JSObject storage);

    /** Returns the page's real localStorage. */
    @JSBody(script = "return localStorage;")
    static native JSObject real();

    /** Returns an Error like the one a blocked localStorage getter throws. */
    @JSBody(script = "return new DOMException('access denied', 'SecurityError');")
    static native JSObject securityError();
}
