package dev.keepsake.browser.js;

import org.teavm.interop.PlatformMarker;
import org.teavm.interop.Platforms;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.typedarrays.Uint8Array;

/** Copies between Java {@code byte[]} and JS {@code Uint8Array} at the API boundary. */
final class JsBytes {

    private JsBytes() {
    }

    /** True in the JS build, false in wasm-gc (TeaVM folds the call to a constant) and on the JVM. */
    @PlatformMarker(Platforms.JAVASCRIPT)
    private static boolean javaScript() {
        return false;
    }

    /**
     * Returns an {@code Int8Array} of {@code bytes} for JavaScript to read, not keep or change:
     * the Java array's own memory in the JS build, a copy in wasm-gc (which cannot share).
     */
    static Int8Array view(byte[] bytes) {
        return javaScript() ? Int8Array.fromJavaArray(bytes) : Int8Array.copyFromJavaArray(bytes);
    }

    /** Returns the bytes of {@code array}, which the caller made and no one else holds: no copy in JS. */
    static byte[] adopt(Int8Array array) {
        return javaScript() ? array.toJavaArray() : array.copyToJavaArray();
    }

    /**
     * Returns a new {@code Uint8Array} holding a copy of {@code bytes}: one copy in the JS build
     * (from a view of the Java array's own memory), two in wasm-gc.
     */
    static Uint8Array toJs(byte[] bytes) {
        return Uint8Array.create(view(bytes));
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
