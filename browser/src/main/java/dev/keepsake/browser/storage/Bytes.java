package dev.keepsake.browser.storage;

import org.teavm.interop.PlatformMarker;
import org.teavm.interop.Platforms;
import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * Between Java {@code byte[]} and JS typed arrays. {@link #toUint8Array} and
 * {@link #fromUint8Array} copy; {@link #view} and {@link #adopt} share memory in the JS build,
 * where a Java {@code byte[]} is an {@code Int8Array}, and copy in wasm-gc, which cannot share.
 */
final class Bytes {

    private Bytes() {
    }

    /** True in the JS build, false in wasm-gc (TeaVM folds the call to a constant) and on the JVM. */
    @PlatformMarker(Platforms.JAVASCRIPT)
    private static boolean javaScript() {
        return false;
    }

    /** Returns an {@code Int8Array} of {@code bytes} for JavaScript to read, not keep or change. */
    static Int8Array view(byte[] bytes) {
        return javaScript() ? Int8Array.fromJavaArray(bytes) : Int8Array.copyFromJavaArray(bytes);
    }

    /** Returns the bytes of {@code array}, which the caller made and no one else holds. */
    static byte[] adopt(Int8Array array) {
        return javaScript() ? array.toJavaArray() : array.copyToJavaArray();
    }

    /**
     * Returns a new {@code Uint8Array} with its own buffer of exactly {@code bytes.length}
     * bytes, so that structured cloning (IndexedDB) stores no more than the value.
     */
    static Uint8Array toUint8Array(byte[] bytes) {
        return unsigned(Int8Array.copyFromJavaArray(bytes));
    }

    // One copy: a view of the copy's own buffer (not a second copy of it), unless that buffer is
    // larger than the bytes (then the view would clone and store all of it). One call into
    // JavaScript, not five: each costs more than the check itself, most of all from wasm-gc.
    @JSBody(params = "copy", script = "return copy.byteOffset === 0 && copy.buffer.byteLength === copy.length"
            + " ? new Uint8Array(copy.buffer) : new Uint8Array(copy);")
    private static native Uint8Array unsigned(Int8Array copy);

    /** Returns a copy of the bytes {@code array} views. */
    static byte[] fromUint8Array(Uint8Array array) {
        return signed(array).copyToJavaArray();
    }

    @JSBody(params = "array", script = "return new Int8Array(array.buffer, array.byteOffset, array.length);")
    private static native Int8Array signed(Uint8Array array);
}
