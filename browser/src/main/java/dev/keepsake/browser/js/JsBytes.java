package dev.keepsake.browser.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.typedarrays.Uint8Array;

/** Copies between Java {@code byte[]} and JS {@code Uint8Array} at the API boundary. */
final class JsBytes {

    private JsBytes() {
    }

    /** Returns a new {@code Uint8Array} holding a copy of {@code bytes}. */
    static Uint8Array toJs(byte[] bytes) {
        return Uint8Array.create(Int8Array.copyFromJavaArray(bytes));
    }

    /**
     * Returns a copy of the bytes of a {@code Uint8Array}.
     *
     * @throws IllegalArgumentException if {@code value} is not a {@code Uint8Array}
     */
    static byte[] fromJs(JSObject value, String what) {
        if (!isUint8Array(value)) {
            throw new IllegalArgumentException(what + " must be a Uint8Array");
        }
        Uint8Array array = value.cast();
        return Int8Array.create(array.getBuffer(), array.getByteOffset(), array.getLength()).copyToJavaArray();
    }

    @JSBody(params = "value", script = "return value instanceof Uint8Array;")
    static native boolean isUint8Array(JSObject value);
}
