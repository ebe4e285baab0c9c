package dev.keepsake.browser.storage;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * Binding of the Web Storage API's {@code Storage} interface ({@code window.localStorage}).
 * Only the members Keepsake uses; no logic. The calls that can throw are reached through the
 * static {@code try*} helpers, which return the thrown value instead of throwing, so that the
 * JS and the wasm-gc builds see failures the same way. Transparent: casts are not checked
 * against the JS {@code Storage} class, so a test's fake object is accepted.
 */
@JSClass(transparent = true)
abstract class Storage implements JSObject {

    @JSProperty
    public abstract int getLength();

    public abstract String key(int index);

    public abstract String getItem(String key);

    public abstract void removeItem(String key);

    /**
     * Returns {@code window.localStorage}, or a JS {@code Error} (never null) when it is missing
     * or its getter throws (blocked cookies, sandboxed frames, opaque origins).
     */
    @JSBody(script = "try {"
            + " if (typeof localStorage === 'undefined' || localStorage === null)"
            + "  return new Error('localStorage is not defined in this context');"
            + " var storage = localStorage; storage.length; return storage;"
            + "} catch (error) { return error instanceof Error ? error : new Error(String(error)); }")
    static native JSObject localStorageOrError();

    /** Returns whether {@code value} is a Web Storage object rather than an error. */
    @JSBody(params = "value", script = "return value != null && !(value instanceof Error)"
            + " && typeof value.getItem === 'function' && typeof value.setItem === 'function';")
    static native boolean isStorage(JSObject value);

    /** Calls {@code setItem} and returns null, or what it threw (a quota error, usually). */
    // The key in two parts, joined in JavaScript: a Java string concatenation builds a char array
    // and converts it, which cost more than localStorage's own call.

    @JSBody(params = {"storage", "namespace", "key"}, script = "return storage.getItem(namespace + key);")
    static native String getItem(Storage storage, String namespace, String key);

    @JSBody(params = {"storage", "namespace", "key"}, script = "storage.removeItem(namespace + key);")
    static native void removeItem(Storage storage, String namespace, String key);

    @JSBody(params = {"storage", "namespace", "key", "value"},
            script = "try { storage.setItem(namespace + key, value); return null; }"
                    + " catch (error) { return error == null ? new Error('setItem failed') : error; }")
    static native JSObject trySetItem(Storage storage, String namespace, String key, String value);
}
