package dev.keepsake.browser.storage;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSMethod;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** Binding of IndexedDB's {@code IDBCursorWithValue}, plus size readers for {@code info()}. */
abstract class IDBCursorWithValue implements JSObject {

    @JSProperty
    public abstract JSObject getKey();

    @JSProperty
    public abstract JSObject getValue();

    @JSMethod("continue")
    public abstract void continueCursor();

    /** Returns the UTF-16 length of a string key, or 0 for any other key. */
    @JSBody(params = "key", script = "return typeof key === 'string' ? key.length : 0;")
    static native int keyLength(JSObject key);

    /**
     * Returns the {@code byteLength} of a typed array or buffer, or of a versioned record's
     * data, or 0 for any other value.
     */
    @JSBody(params = "value", script = "if (value != null && value.d != null) value = value.d;"
            + " return value != null && typeof value.byteLength === 'number' ? value.byteLength : 0;")
    static native int byteLength(JSObject value);
}
