package dev.keepsake.browser.storage;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.typedarrays.Uint8Array;

/** Copies between Java {@code byte[]} and JS {@code Uint8Array}; both directions copy. */
final class Bytes {

    private Bytes() {
    }

    /**
     * Returns a new {@code Uint8Array} with its own buffer of exactly {@code bytes.length}
     * bytes, so that structured cloning (IndexedDB) stores no more than the value.
     */
    static Uint8Array toUint8Array(byte[] bytes) {
        // One copy: a view of the copy's own buffer (not a second copy of it), unless that buffer
        // is larger than the bytes (then the view would clone and store all of it).
        Int8Array copy = Int8Array.copyFromJavaArray(bytes);
        if (copy.getByteOffset() == 0 && copy.getBuffer().getByteLength() == bytes.length) {
            return Uint8Array.create(copy.getBuffer());
        }
        return Uint8Array.create(copy);
    }

    /** Returns a copy of the bytes {@code array} views. */
    static byte[] fromUint8Array(Uint8Array array) {
        return Int8Array.create(array.getBuffer(), array.getByteOffset(), array.getLength()).copyToJavaArray();
    }

    /** Returns whether {@code value} is a {@code Uint8Array}. */
    @JSBody(params = "value", script = "return value instanceof Uint8Array;")
    static native boolean isUint8Array(JSObject value);
}
